// Renders performance packs and the director's overview as self-contained HTML (inline CSS, SVG charts),
// laid out for a screen and for A4 paper alike. Bands carry words as well as colour.
import type { AreaPack } from '../dashboards/area-figures.ts';
import type { AuthorityOverview } from '../dashboards/authority-figures.ts';
import type { IndicatorResult, Trend } from '../kpi/contract.ts';
import { formatValue, type Indicator } from '../kpi/indicators.ts';
import { indicatorChart } from './charts.ts';

const escapeMap: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapeMap[c] as string);

function trendText(trend: Trend): string {
  return trend.direction === 'insufficient data' ? 'too few months' : trend.direction;
}

/** The trend as kpi/trend.ts decided it: the arrow is the way the value moved, its colour and word whether that is better. */
function trendMark(trend: Trend): string {
  if (trend.arrow === null || trend.direction === 'insufficient data') return '';
  return `<span class="arrow ${trend.direction}">${trend.arrow}</span>`;
}

/** A value cell coloured by band, with the band and trend in words for print and screen readers. */
function valueCell(indicator: Indicator, result: IndicatorResult | undefined): string {
  if (!result) return '<td class="num">–</td>';
  const band = result.band ?? 'none';
  const title = `${result.band ?? 'no band'}, ${trendText(result.trend)}`;
  return `<td class="num band-${band}" title="${title}">${formatValue(indicator, result.value)} ${trendMark(result.trend)}</td>`;
}

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

const styles = `
  body { font-family: system-ui, sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 1100px; padding: 16px; line-height: 1.35; }
  h1 { font-size: 1.5rem; margin: 0 0 4px; } h2 { font-size: 1.15rem; margin: 22px 0 8px; border-bottom: 2px solid #123a63; }
  .meta { color: #4a4a4a; margin: 0 0 12px; }
  table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
  th, td { border-bottom: 1px solid #d6d6d6; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #f2f4f7; } tbody th { min-width: 14em; font-weight: 500; }
  .wide { overflow-x: auto; } .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .band-red { background: #f7d4d0; } .band-amber { background: #fbe7bd; } .band-green { background: #d7ecd9; }
  .arrow.improving { color: #1d6b2a; } .arrow.declining { color: #a3271b; } .arrow.stable { color: #555; }
  .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 8px 16px; }
  figure { margin: 0; } figcaption { font-weight: 600; font-size: 0.85rem; }
  .legend { font-size: 0.8rem; color: #4a4a4a; }
  .key span { padding: 0 6px; margin-right: 6px; }
  @media print { body { padding: 0; } h2 { break-after: avoid; } tr, figure { break-inside: avoid; } }
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${styles}</style></head><body>${body}</body></html>`;
}

const bandKey = `<p class="legend key">Bands: <span class="band-green">green</span><span class="band-amber">amber</span><span class="band-red">red</span> by the indicator's thresholds; where a target is set, short of it is at best amber · trend over the last periods (Theil-Sen slope): ▲ rose, ▼ fell, ▶ level; the arrow <span class="arrow improving">green</span> when that is better for the indicator, <span class="arrow declining">red</span> when worse</p>`;

export function renderAreaPack(pack: AreaPack): string {
  const { sections, area, authority, period } = pack;
  const summary = sections
    .map(({ indicator, area: a, authority: t }) => {
      return `<tr><th scope="row">${escapeHtml(indicator.name)}</th>${valueCell(indicator, a)}<td class="num">${formatValue(indicator, t.value)}</td><td class="num">${formatValue(indicator, a.target)}</td><td>${trendMark(a.trend)} ${escapeHtml(trendText(a.trend))}</td><td class="num">${percent(a.completeness.rate)}</td></tr>`;
    })
    .join('');

  const schoolCodes = sections[0]?.schools.map((s) => s.org_unit) ?? [];
  const bySchool = new Map(
    sections.map((s) => [s.indicator.code, new Map(s.schools.map((r) => [r.org_unit, r]))]),
  );
  const schoolRows = schoolCodes
    .map((code) => {
      const name = sections[0]?.schools.find((s) => s.org_unit === code)?.name ?? code;
      const cells = sections
        .map((s) => valueCell(s.indicator, bySchool.get(s.indicator.code)?.get(code)))
        .join('');
      return `<tr><th scope="row">${escapeHtml(name)} <span class="legend">${escapeHtml(code)}</span></th>${cells}</tr>`;
    })
    .join('');

  const charts = sections
    .map(({ indicator, area: a, authority: t }) => {
      // A count (enrolment) is not comparable with the authority's total; a rate is.
      const isCount = indicator.denominator.trim() === '1';
      const lines = [
        { label: area.name, series: a.series },
        ...(isCount ? [] : [{ label: authority.name, series: t.series, dashed: true }]),
      ];
      const svg = indicatorChart(indicator, lines, isCount ? null : a.target);
      return `<figure><figcaption>${escapeHtml(indicator.name)}</figcaption>${svg}</figure>`;
    })
    .join('');

  const movers = sections
    .filter((s) => s.indicator.red !== null || s.indicator.amber !== null)
    .map(({ indicator, schools }) => {
      const list = (direction: 'improving' | 'declining') =>
        schools
          .filter((s) => s.trend.direction === direction && s.trend.slope !== null)
          .sort(
            (x, y) =>
              Math.abs(y.trend.slope as number) - Math.abs(x.trend.slope as number) ||
              x.org_unit.localeCompare(y.org_unit),
          )
          .slice(0, 5)
          .map(
            (s) =>
              `${escapeHtml(s.name)} (${(s.trend.slope as number) > 0 ? '+' : ''}${(s.trend.slope as number).toFixed(2)}/month)`,
          )
          .join('; ') || '—';
      return `<tr><th scope="row">${escapeHtml(indicator.name)}</th><td>${list('improving')}</td><td>${list('declining')}</td></tr>`;
    })
    .join('');

  const concerns = pack.concerns.length
    ? `<table><thead><tr><th>School</th><th>Rule</th><th>Reason</th></tr></thead><tbody>${pack.concerns
        .map(
          (c) =>
            `<tr><td>${escapeHtml(c.school_name)} <span class="legend">${escapeHtml(c.school)}</span></td><td>${escapeHtml(c.rule.replace(/_/g, ' '))}</td><td>${escapeHtml(c.reason)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>No school meets a rule for concern this period.</p>';

  const completenessRows = (sections[0]?.area.series ?? [])
    .map((p) => `<td class="num">${percent(p.completeness.rate)}</td>`)
    .join('');
  const completenessHead = (sections[0]?.area.series ?? [])
    .map((p) => `<th class="num">${escapeHtml(p.period)}</th>`)
    .join('');
  const silentSchools = (sections[0]?.schools ?? []).filter(
    (s) => s.completeness.expected > 0 && s.completeness.reported === 0,
  );

  return page(
    `${area.name}: performance pack ${period.id}`,
    `<h1>${escapeHtml(area.name)}: performance pack for ${escapeHtml(period.id)}</h1>
    <p class="meta">${escapeHtml(authority.name)} · ${schoolCodes.length} schools · generated ${escapeHtml(pack.generatedOn)} · values are the ratio of summed figures over the schools, never an average of school rates</p>
    <h2>The area against the authority and target</h2>
    <table><thead><tr><th>Indicator</th><th class="num">${escapeHtml(area.name)}</th><th class="num">${escapeHtml(authority.name)}</th><th class="num">Target</th><th>Trend</th><th class="num">Data complete</th></tr></thead><tbody>${summary}</tbody></table>
    ${bandKey}
    <h2>Twelve months</h2>
    <p class="legend">Solid: ${escapeHtml(area.name)}; dashed: ${escapeHtml(authority.name)}; dotted green: target.</p>
    <div class="charts">${charts}</div>
    <h2>Schools</h2>
    <div class="wide"><table><thead><tr><th>School</th>${sections.map((s) => `<th class="num">${escapeHtml(s.indicator.name)}</th>`).join('')}</tr></thead><tbody>${schoolRows}</tbody></table></div>
    ${bandKey}
    <h2>Improving and declining schools</h2>
    <table><thead><tr><th>Indicator</th><th>Improving most</th><th>Declining most</th></tr></thead><tbody>${movers}</tbody></table>
    <h2>Causes for concern (${pack.concerns.length})</h2>
    ${concerns}
    <h2>Data completeness</h2>
    <table><thead><tr><th>School-months reported</th>${completenessHead}</tr></thead><tbody><tr><th scope="row">${escapeHtml(area.name)}</th>${completenessRows}</tr></tbody></table>
    <p>${silentSchools.length ? `No data for ${escapeHtml(period.id)} from: ${silentSchools.map((s) => escapeHtml(s.name)).join(', ')}.` : `Every open school reported for ${escapeHtml(period.id)}.`}</p>`,
  );
}

export function renderAuthorityOverview(overview: AuthorityOverview): string {
  const { indicators, results, areas, authority, period } = overview;
  const head = indicators.map((i) => `<th class="num">${escapeHtml(i.name)}</th>`).join('');
  const authorityRow = indicators.map((i) => valueCell(i, results.get(i.code)?.authority)).join('');
  const rows = areas
    .map((area) => {
      const cells = indicators
        .map((i) =>
          valueCell(
            i,
            results.get(i.code)?.areas.find((a) => a.org_unit === area.code),
          ),
        )
        .join('');
      return `<tr><th scope="row"><a href="${escapeHtml(area.code)}.html">${escapeHtml(area.name)}</a></th>${cells}<td class="num">${area.schoolsOfConcern}</td></tr>`;
    })
    .join('');
  return page(
    `${authority.name}: overview ${period.id}`,
    `<h1>${escapeHtml(authority.name)}: overview for ${escapeHtml(period.id)}</h1>
    <p class="meta">${areas.length} areas · generated ${escapeHtml(overview.generatedOn)}</p>
    <table><thead><tr><th>Area</th>${head}<th class="num">Schools of concern</th></tr></thead>
    <tbody><tr><th scope="row">${escapeHtml(authority.name)}</th>${authorityRow}<td class="num">${areas.reduce((n, a) => n + a.schoolsOfConcern, 0)}</td></tr>${rows}</tbody></table>
    ${bandKey}`,
  );
}
