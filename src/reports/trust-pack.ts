// A trust's (or federation's) pack, as the area pack is produced (HTML, or PDF through Chromium): the
// trust's figure on every indicator beside its areas and the authority, its schools with their latest
// inspection and what each gave and received in the year, the needs met within the trust against those
// brokered from outside, its schools' stages, and its own system leaders and specialists.
import type { Context } from '../context.ts';
import type { Cell, IndicatorHeading, TrustDashboard } from '../dashboards/contract.ts';
import { trustDashboard } from '../dashboards/trust.ts';
import type { TrustGiving } from '../giving/contract.ts';
import { trustGiving } from '../giving/trust.ts';
import { academicYearOf } from '../kpi/periods.ts';
import type { ReportFormat } from './contract.ts';
import { escapeHtml, page } from './html.ts';
import { asFormat, type ReportFile } from './reports.ts';

const statusWords = {
  both: 'gave and received',
  only_gave: 'only gave',
  only_received: 'only received',
  neither: 'neither',
} as const;

const num = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

function cell(heading: IndicatorHeading, c: Cell | undefined): string {
  if (!c || c.value === null) return '<td class="num legend">no data</td>';
  const value = c.value.toLocaleString('en-GB', {
    minimumFractionDigits: heading.decimals,
    maximumFractionDigits: heading.decimals,
  });
  const band = c.band ?? 'none';
  return `<td class="num band-${band}" title="${c.band ?? 'no band'}, ${escapeHtml(c.trend)}">${value}${heading.unit === '%' ? '%' : ''} ${c.arrow ?? ''}</td>`;
}

function figuresTable(d: TrustDashboard): string {
  const units = [d.trust, ...d.areas, d.authority];
  const head = units.map((u) => `<th class="num">${escapeHtml(u.name)}</th>`).join('');
  const rows = d.indicators
    .map(
      (i) =>
        `<tr><th scope="row">${escapeHtml(i.name)}</th>${units.map((u) => cell(i, u.cells[i.code])).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr><th>Indicator</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function givingSection(g: TrustGiving): string {
  const s = g.summary;
  const schools = g.schools
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.stage ?? 'not placed')}</td><td>${escapeHtml(r.judgement ?? 'not inspected')}${r.inspected_on ? ` (${r.inspected_on})` : ''}</td><td>${statusWords[r.status]}</td><td class="num">${r.deployments_given + r.placements_hosted} (${num(r.days_given)} days)</td><td class="num">${r.deployments_received} (${num(r.days_received)} days)</td></tr>`,
    )
    .join('');
  const received = g.received
    .map(
      (f) =>
        `<li>${escapeHtml(f.received_by_name ?? '')}: ${escapeHtml(f.kind.replace(/_/g, ' '))} by ${escapeHtml(f.person_name)} from ${escapeHtml(f.given_by_name ?? 'outside the trust')} (${f.within ? 'within the trust' : 'brokered from outside'}), ${num(f.days_in_period)} days this year</li>`,
    )
    .join('');
  const leaders = g.leaders
    .map(
      (l) =>
        `<li>${escapeHtml(l.name)}, ${escapeHtml(l.school_name)}: ${escapeHtml(l.designations.join(', ').replace(/_/g, ' '))}; ${l.deployments} deployments (${num(l.days)} days)</li>`,
    )
    .join('');
  const specialists = g.specialists
    .map(
      (p) =>
        `<li>${escapeHtml(p.person_name)}, ${escapeHtml(p.school_name ?? 'no school')}: ${escapeHtml(p.kind_name)}${p.specialism_names.length > 0 ? ` in ${escapeHtml(p.specialism_names.join(', '))}` : ''}; ${num(p.free)} of ${num(p.funded)} days free</li>`,
    )
    .join('');
  const stages = g.stages
    .filter((st) => st.schools > 0)
    .map((st) => `${escapeHtml(st.stage)} ${st.schools}`)
    .join(', ');
  return `<h2 id="give-and-receive">Give and receive, ${escapeHtml(g.year)}</h2>
<p>Its schools by stage of the improvement journey: ${stages || 'none placed'}.</p>
<p>${s.both} of ${s.schools} schools gave and received support; ${s.only_received} only received, ${s.only_gave} only gave, ${s.neither} neither. ${s.strong_never_gave} of ${s.strong} strong schools gave nothing. Needs met within the trust: ${g.needs_met_within} (${num(g.days_within)} days); brokered from outside: ${g.needs_met_outside} (${num(g.days_outside)} days).</p>
<table><thead><tr><th>School</th><th>Stage</th><th>Latest inspection</th><th>This year</th><th class="num">Gave</th><th class="num">Received</th></tr></thead><tbody>${schools}</tbody></table>
<h3>Support its schools received</h3>${received ? `<ul>${received}</ul>` : '<p>None this year.</p>'}
<h3>The trust's own system leaders</h3>${leaders ? `<ul>${leaders}</ul>` : '<p>No one at its schools holds a designation.</p>'}
<h3>The trust's own specialists</h3>${specialists ? `<ul>${specialists}</ul>` : '<p>No specialist leader, outstanding teacher or support-staff leader works at its schools.</p>'}`;
}

function renderTrustPack(d: TrustDashboard, g: TrustGiving): string {
  const title = `${d.trust.name}: ${d.period}`;
  const body = `<h1>${escapeHtml(title)}</h1>
<p>A ${escapeHtml(d.trust.kind)} of ${d.schools.length} schools. Its figure on each indicator is its schools' numerators and denominators summed.</p>
<h2 id="indicators">Indicators, beside its areas and the authority</h2>${figuresTable(d)}
${givingSection(g)}`;
  return page(title, body);
}

/** The trust's pack for a month (its figures) and the academic year the month falls in (give and receive). */
export async function trustReport(
  context: Context,
  code: string,
  period: string | undefined,
  format: ReportFormat,
): Promise<ReportFile> {
  const dashboard = await trustDashboard(context, code, period);
  const year = academicYearOf(dashboard.period.slice(0, 7), context.settings.academicYearStart);
  const giving = await trustGiving(context, code, { year });
  const [file] = await asFormat(
    context,
    [{ name: `${code}-${dashboard.period}`, html: renderTrustPack(dashboard, giving) }],
    format,
  );
  return file as ReportFile;
}
