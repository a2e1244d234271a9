// Renders performance packs and the director's overview as self-contained HTML (inline CSS, SVG charts),
// laid out for a screen and for A4 paper alike. Bands carry words as well as colour.
import type { AreaPack } from '../dashboards/area-figures.ts';
import type { AuthorityOverview } from '../dashboards/authority-figures.ts';
import { latestOf } from '../dashboards/cells.ts';
import { givingElements } from '../giving/elements.ts';
import { governanceElements } from '../governance/elements.ts';
import { isInspectionElement } from '../inspections/catalogue.ts';
import type { LatestInspection } from '../inspections/history.ts';
import type { IndicatorResult, Trend } from '../kpi/contract.ts';
import { formatValue, type Indicator } from '../kpi/indicators.ts';
import { isChallengeElement } from '../meetings/catalogue.ts';
import { teacherElements } from '../teachers/elements.ts';
import { isVacancyElement } from '../vacancies/indicators.ts';
import { isValueAddedElement } from '../value-added/catalogue.ts';
import { isVisitElement } from '../visits/score-elements.ts';
import { indicatorChart } from './charts.ts';

const escapeMap: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapeMap[c] as string);

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
  const latest = latestOf(result);
  if (latest)
    return `<td class="num" title="no figure for the period; the latest, ${latest.period}">${formatValue(indicator, latest.value)} <span class="legend">${escapeHtml(latest.period)}</span></td>`;
  // Nothing sent for the period: said in words, without the earlier months' arrow beside a dash.
  if (result.value === null) return '<td class="num legend">no data</td>';
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
  .contents ol { margin: 4px 0 12px; padding-left: 1.4em; columns: 2; font-size: 0.9rem; }
  .schools th.school { min-width: 12em; max-width: 16em; } .schools td.text { min-width: 10em; max-width: 22em; }
  .schools thead th.num { white-space: normal; max-width: 8em; }
  h3 { font-size: 0.95rem; margin: 14px 0 4px; }
  /* On paper: A4 landscape; a table never wider than the page (wide ones are split by indicator
     group, the school name repeated), headings kept with what follows, rows and charts never split. */
  @page { size: A4 landscape; margin: 12mm 10mm 14mm; }
  @media print {
    body { padding: 0; max-width: none; } h2, h3 { break-after: avoid; } tr, figure { break-inside: avoid; }
    .wide { overflow: visible; } table { font-size: 0.78rem; } thead { display: table-header-group; }
    .charts { grid-template-columns: repeat(3, 1fr); } .pagebreak { break-before: page; }
  }
`;

/** A whole report page: the shared shell (inline styles for screen and A4 paper) around `body`. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${styles}</style></head><body>${body}</body></html>`;
}

const bandKey = `<p class="legend key">Bands: <span class="band-green">green</span><span class="band-amber">amber</span><span class="band-red">red</span> by the indicator's thresholds; where a target is set, short of it is at best amber · trend over the last periods (Theil-Sen slope): ▲ rose, ▼ fell, ▶ level; the arrow <span class="arrow improving">green</span> when that is better for the indicator, <span class="arrow declining">red</span> when worse</p>`;

/** At most this many indicator columns beside the school's name: what fits across A4 landscape. */
const COLUMNS_PER_TABLE = 6;

const isTeacherElement = (code: string) => teacherElements.some((e) => e.code === code);
const isGovernanceElement = (code: string) => governanceElements.some((e) => e.code === code);
const isGivingElement = (code: string) => givingElements.some((e) => e.code === code);

/** An indicator's group for the split tables: where its figures come from. */
function groupOf(indicator: Indicator): string {
  if (indicator.elements.length && indicator.elements.every(isChallengeElement)) return 'Challenges';
  if (indicator.elements.length && indicator.elements.every(isInspectionElement)) return 'Inspections';
  if (indicator.elements.length && indicator.elements.every(isValueAddedElement))
    return 'Results and value added';
  if (indicator.elements.length && indicator.elements.every(isVisitElement)) return 'Supervision visits';
  if (indicator.elements.length && indicator.elements.every(isVacancyElement)) return 'Recruitment';
  if (indicator.elements.length && indicator.elements.every(isTeacherElement))
    return 'Teachers against the norm';
  if (indicator.elements.length && indicator.elements.every(isGovernanceElement)) return 'Governing boards';
  if (indicator.elements.length && indicator.elements.every(isGivingElement)) return 'Give and receive';
  // Options of elements kept by category (#{pupils_enrolled.FEMALE}): the parity indices and their parts.
  if (indicator.elements.length && indicator.elements.every((e) => e.includes('.'))) return 'Girls and boys';
  return 'Attendance, staffing and teaching';
}

/** Indicators split into groups, each group into tables of at most COLUMNS_PER_TABLE columns. */
function tablesOf<T extends { indicator: Indicator }>(items: T[]): { title: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groupOf(item.indicator);
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return [...groups].flatMap(([group, members]) => {
    const parts = Math.ceil(members.length / COLUMNS_PER_TABLE);
    return Array.from({ length: parts }, (_, i) => ({
      title: parts > 1 ? `${group} (${i + 1} of ${parts})` : group,
      items: members.slice(i * COLUMNS_PER_TABLE, (i + 1) * COLUMNS_PER_TABLE),
    }));
  });
}

const anchor = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The contents list: each section's heading, linked (the links work in the PDF too). */
const contentsOf = (titles: string[]) =>
  `<nav class="contents" aria-label="Contents"><strong>Contents</strong><ol>${titles
    .map((t) => `<li><a href="#${anchor(t)}">${escapeHtml(t)}</a></li>`)
    .join('')}</ol></nav>`;

const h2 = (title: string, extra = '') =>
  `<h2 id="${anchor(title)}">${escapeHtml(title)}${extra ? ` ${escapeHtml(extra)}` : ''}</h2>`;

/** Each school's latest inspection: when, under which framework, the judgement, and whether good or better. */
function inspectionsSection(latest: LatestInspection[], period: string): string {
  const good = latest.filter((l) => l.inspection?.good_or_better).length;
  const inspected = latest.filter((l) => l.inspection).length;
  const rows = latest
    .map(({ school, name, inspection: i, days_since }) => {
      if (!i)
        return `<tr><th scope="row">${escapeHtml(name)} <span class="legend">${escapeHtml(school)}</span></th><td colspan="5">Not inspected</td></tr>`;
      const judgement =
        i.form === 'overall'
          ? (i.overall ?? '–')
          : i.areas
              .filter((a) => !a.good_or_better)
              .map((a) => `${a.area_name}: ${a.grade_name.toLowerCase()}`)
              .join('; ') || 'Every area at expected standard or better';
      const years = days_since === null ? '' : `${(days_since / 365.25).toFixed(1)} years`;
      const flag = i.good_or_better ? '' : ' class="band-red"';
      return `<tr><th scope="row">${escapeHtml(name)} <span class="legend">${escapeHtml(school)}</span></th><td class="num">${escapeHtml(i.inspected_on)}</td><td class="num">${years}</td><td>${escapeHtml(i.framework_name)}</td><td${flag}>${escapeHtml(judgement)}${i.category ? ` (${escapeHtml(i.category.replace('_', ' '))})` : ''}</td><td>${i.safeguarding === null ? '–' : i.safeguarding === 'met' ? 'met' : '<strong>not met</strong>'}</td></tr>`;
    })
    .join('');
  return `${h2('Inspections: the latest outcome per school')}
    <p>${good} of ${inspected} inspected schools good or better at the end of ${escapeHtml(period)} (legacy good or outstanding; report card: every area at expected standard or better and safeguarding met).</p>
    <table><thead><tr><th>School</th><th class="num">Inspected</th><th class="num">Since</th><th>Framework</th><th>Judgement (report card: areas below expected standard)</th><th>Safeguarding</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Who leads a school, as the pack prints it beside its concerns. */
export interface SchoolLeader {
  code: string;
  headteacher: string;
}

/** What the pack prints beside the area's figures: who leads each school, and its latest inspection. */
export interface AreaPackExtras {
  leaders?: SchoolLeader[];
  inspections?: LatestInspection[];
  /** The stages of the improvement journey section (reports/stages.ts), whose heading is its title. */
  stages?: { title: string; html: string };
}

export function renderAreaPack(
  pack: AreaPack,
  { leaders = [], inspections = [], stages }: AreaPackExtras = {},
): string {
  const { sections, area, authority, period } = pack;
  const summary = sections
    .map(({ indicator, area: a, authority: t }) => {
      // Measured only in some months (assessments): the latest with its date and its completeness,
      // never "too few months, 0% complete" beside a chart of those months.
      const latest = latestOf(a);
      const trend = latest
        ? `latest: ${escapeHtml(latest.period)}`
        : `${trendMark(a.trend)} ${escapeHtml(trendText(a.trend))}`;
      const authorityValue = t.value ?? latestOf(t)?.value ?? null;
      return `<tr><th scope="row">${escapeHtml(indicator.name)}</th>${valueCell(indicator, a)}<td class="num">${formatValue(indicator, authorityValue)}</td><td class="num">${formatValue(indicator, a.target)}${a.target !== null && indicator.below_target === 'thresholds' ? ' <span class="legend">(an aspiration: green by the thresholds below it)</span>' : ''}</td><td>${trend}</td><td class="num">${percent(latest ? latest.completeness : a.completeness.rate)}</td></tr>`;
    })
    .join('');

  const schoolCodes = sections[0]?.schools.map((s) => s.org_unit) ?? [];
  const nameOf = new Map((sections[0]?.schools ?? []).map((s) => [s.org_unit, s.name]));
  const bySchool = new Map(
    sections.map((s) => [s.indicator.code, new Map(s.schools.map((r) => [r.org_unit, r]))]),
  );
  const schoolHead = (code: string) =>
    `<th scope="row" class="school">${escapeHtml(nameOf.get(code) ?? code)} <span class="legend">${escapeHtml(code)}</span></th>`;
  const headOf = new Map(leaders.map((l) => [l.code, l.headteacher]));
  const reasonsOf = new Map(pack.attention.schools.map((s) => [s.code, s.reasons]));
  const concernsOf = (code: string) =>
    (reasonsOf.get(code) ?? []).map((r) => escapeHtml(r.evidence)).join('; ') || '—';
  const leadersTable = `<h3>Headteachers and concerns</h3><table class="schools"><thead><tr><th>School</th><th>Headteacher</th><th>Causes for concern in ${escapeHtml(period.id)}</th></tr></thead><tbody>${schoolCodes
    .map(
      (code) =>
        `<tr>${schoolHead(code)}<td class="text">${escapeHtml(headOf.get(code) ?? '–')}</td><td class="text">${concernsOf(code)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const schoolTables = tablesOf(sections)
    .map(
      (table) =>
        `<h3>${escapeHtml(table.title)}</h3><table class="schools"><thead><tr><th>School</th>${table.items
          .map((s) => `<th class="num">${escapeHtml(s.indicator.name)}</th>`)
          .join('')}</tr></thead><tbody>${schoolCodes
          .map(
            (code) =>
              `<tr>${schoolHead(code)}${table.items
                .map((s) => valueCell(s.indicator, bySchool.get(s.indicator.code)?.get(code)))
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`,
    )
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

  const watch = pack.attention.schools;
  const concerns = watch.length
    ? `<table><thead><tr><th class="num">Rank</th><th>School</th><th>Severity</th><th>Reasons</th></tr></thead><tbody>${watch
        .map(
          (s) =>
            `<tr><td class="num">${s.rank ?? ''}</td><td>${escapeHtml(s.name)} <span class="legend">${escapeHtml(s.code)}</span></td><td>${escapeHtml(s.severity ?? '')}</td><td><ul>${s.reasons.map((r) => `<li>${escapeHtml(r.evidence)}</li>`).join('')}</ul></td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>No school needs attention this period.</p>';

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
    ${contentsOf(['The area against the authority and target', 'Twelve months', 'Schools', 'Improving and declining schools', 'Schools needing attention', 'Inspections: the latest outcome per school', ...(stages ? [stages.title] : []), 'Data completeness'])}
    ${h2('The area against the authority and target')}
    <table><thead><tr><th>Indicator</th><th class="num">${escapeHtml(area.name)}</th><th class="num">${escapeHtml(authority.name)}</th><th class="num">Target</th><th>Trend</th><th class="num">Data complete</th></tr></thead><tbody>${summary}</tbody></table>
    ${bandKey}
    ${h2('Twelve months')}
    <p class="legend">Solid: ${escapeHtml(area.name)}; dashed: ${escapeHtml(authority.name)}; dotted green: target.</p>
    <div class="charts">${charts}</div>
    <div class="pagebreak">${h2('Schools')}</div>
    ${bandKey}
    ${leadersTable}
    ${schoolTables}
    ${h2('Improving and declining schools')}
    <table><thead><tr><th>Indicator</th><th>Improving most</th><th>Declining most</th></tr></thead><tbody>${movers}</tbody></table>
    ${h2('Schools needing attention', `(${watch.length} of ${pack.attention.totals.schools})`)}
    ${concerns}
    ${inspectionsSection(inspections, period.id)}
    ${stages ? `${h2(stages.title)}${stages.html}` : ''}
    ${h2('Data completeness')}
    <table><thead><tr><th>School-months reported</th>${completenessHead}</tr></thead><tbody><tr><th scope="row">${escapeHtml(area.name)}</th>${completenessRows}</tr></tbody></table>
    <p>${silentSchools.length ? `No data for ${escapeHtml(period.id)} from: ${silentSchools.map((s) => escapeHtml(s.name)).join(', ')}.` : `Every open school reported for ${escapeHtml(period.id)}.`}</p>`,
  );
}

/** The overview; `sections` (leadership supply) are placed after its tables. */
export function renderAuthorityOverview(overview: AuthorityOverview, sections = ''): string {
  const { indicators, results, areas, authority, period } = overview;
  const concernTotal = areas.reduce((n, a) => n + a.schoolsOfConcern, 0);
  const concernTable = `<h3>Schools needing attention</h3><table><thead><tr><th>Area</th><th class="num">Schools needing attention</th></tr></thead><tbody><tr><th scope="row">${escapeHtml(authority.name)}</th><td class="num">${concernTotal}</td></tr>${areas
    .map(
      (area) =>
        `<tr><th scope="row"><a href="${escapeHtml(area.code)}.html">${escapeHtml(area.name)}</a></th><td class="num">${area.schoolsOfConcern}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  // As the packs' schools table: split by indicator group so every column prints, the area repeated.
  const tables = tablesOf(indicators.map((indicator) => ({ indicator })))
    .map(
      (table) =>
        `<h3>${escapeHtml(table.title)}</h3><table><thead><tr><th>Area</th>${table.items
          .map(({ indicator: i }) => `<th class="num">${escapeHtml(i.name)}</th>`)
          .join('')}</tr></thead><tbody><tr><th scope="row">${escapeHtml(authority.name)}</th>${table.items
          .map(({ indicator: i }) => valueCell(i, results.get(i.code)?.authority))
          .join('')}</tr>${areas
          .map(
            (area) =>
              `<tr><th scope="row"><a href="${escapeHtml(area.code)}.html">${escapeHtml(area.name)}</a></th>${table.items
                .map(({ indicator: i }) =>
                  valueCell(
                    i,
                    results.get(i.code)?.areas.find((a) => a.org_unit === area.code),
                  ),
                )
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`,
    )
    .join('');
  return page(
    `${authority.name}: overview ${period.id}`,
    `<h1>${escapeHtml(authority.name)}: overview for ${escapeHtml(period.id)}</h1>
    <p class="meta">${areas.length} areas · generated ${escapeHtml(overview.generatedOn)}</p>
    ${bandKey}
    ${concernTable}
    ${tables}
    ${sections}`,
  );
}
