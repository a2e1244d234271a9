// Renders the termly impact report as one self-contained HTML page in the area pack's shell (the same
// styles on screen and A4 paper); statuses and judgements carry words as well as colour.
import { escapeHtml, page } from '../reports/html.ts';
import { trajectoryChart } from './report-chart.ts';
import type { ReportMeasure, ReportStrand, StrategyReport } from './report-contract.ts';

const words = (code: string) => code.replace(/_/g, ' ');
const lead = (person: { name: string } | null) =>
  person ? escapeHtml(person.name) : '<strong class="unowned">UNOWNED</strong>';
const statusCell = (status: string) => `<td class="status-${status}">${words(status)}</td>`;
const judgementText = (m: ReportMeasure) =>
  m.judgement === 'on_track' ? 'on track' : m.judgement === 'off_track' ? 'OFF TRACK' : 'no data';

const reportStyles = `<style>
  .unowned { color: #a3271b; } .status-off_track, .j-off_track { background: #f7d4d0; }
  .status-at_risk { background: #fbe7bd; } .status-on_track, .status-done, .j-on_track { background: #d7ecd9; }
  .cover { border-bottom: 2px solid #123a63; padding-bottom: 8px; } .summary td.num { width: 6em; }
  blockquote { margin: 2px 0 6px 12px; font-size: 0.85rem; white-space: pre-wrap; } p.said { font-size: 0.85rem; margin: 6px 0 0; }
  /* On paper each strand starts a page, so its heading is never left at the foot of the one before. */
  @media print { section.strand { break-before: page; } }
</style>`;

function measureFigure(m: ReportMeasure, academicYearStart: number): string {
  const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(m.indicator.decimals));
  return `<figure><figcaption>${escapeHtml(m.indicator.name)}, ${escapeHtml(m.org_unit.name)}: <span class="j-${m.judgement}">${judgementText(m)}</span></figcaption>
${trajectoryChart(m, academicYearStart)}
<p class="legend">Latest ${m.latest ? `${fmt(m.latest.value)} (${escapeHtml(m.latest.period)})` : 'none'} · expected ${fmt(m.expected)} · tolerance ${m.tolerance} · target ${fmt(m.target_value)} by ${escapeHtml(m.target_period)}. Green dashes: the trajectory, shaded: the tolerance; blue: actual.</p></figure>`;
}

function measuresBlock(measures: ReportMeasure[], academicYearStart: number): string {
  if (measures.length === 0) return '<p class="legend">No measures linked.</p>';
  return `<div class="charts">${measures.map((m) => measureFigure(m, academicYearStart)).join('')}</div>`;
}

function strandSection(strand: ReportStrand, academicYearStart: number): string {
  const actions = strand.actions.length
    ? `<table><thead><tr><th>Action</th><th>Lead</th><th>Status at term end</th><th>Since</th></tr></thead><tbody>${strand.actions
        .map(
          (a) =>
            `<tr><th>${escapeHtml(a.code)} ${escapeHtml(a.title)}</th><td>${lead(a.lead)}</td>${statusCell(a.status)}<td>${a.status_on ?? '–'}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="legend">No actions.</p>';
  const commentary = strand.actions.flatMap((a) =>
    a.commentary.map(
      (c) =>
        `<p class="said"><strong>${escapeHtml(a.code)}</strong>, ${escapeHtml(c.author)}, ${c.on} (${words(c.to_status)}):</p><blockquote>${escapeHtml(c.commentary)}</blockquote>`,
    ),
  );
  const milestones = strand.milestones.length
    ? `<table><thead><tr><th>Milestone</th><th>Action</th><th>Due</th><th>Done</th><th>Missed</th></tr></thead><tbody>${strand.milestones
        .map(
          (m) =>
            `<tr><th>${escapeHtml(m.title)}</th><td>${escapeHtml(m.action_code)}</td><td>${m.due_on}</td><td>${m.done_on ?? 'not done'}</td><td${m.missed ? ' class="status-off_track"' : ''}>${m.missed ? (m.done_on ? 'missed (done late)' : 'missed') : 'met'}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="legend">No milestones due in the term.</p>';
  const unowned = strand.unowned.length
    ? `<ul>${strand.unowned.map((u) => `<li><span class="unowned">UNOWNED</span> ${u.kind} ${escapeHtml(u.code)} ${escapeHtml(u.title)}</li>`).join('')}</ul>`
    : '<p class="legend">Every item has a lead.</p>';
  return `<section class="strand" aria-labelledby="strand-${strand.id}"><h2 id="strand-${strand.id}">${escapeHtml(strand.code)} ${escapeHtml(strand.name)}</h2>
<p class="meta">Strand lead: ${lead(strand.lead)}</p>
<h3>Measures against trajectory</h3>${measuresBlock(strand.measures, academicYearStart)}
<h3>Actions</h3>${actions}
<h3>Leads’ commentary this term</h3>${commentary.join('') || '<p class="legend">No commentary written in the term.</p>'}
<h3>Milestones due in the term</h3>${milestones}
<h3>Unowned items</h3>${unowned}</section>`;
}

function chainRow(link: StrategyReport['contributes_to'][number]): string {
  const from = link.from.strand ? `${link.from.strand.code} ${link.from.strand.name}` : 'the strategy';
  const to = [
    link.to.strategy.name,
    link.to.strand?.name,
    link.to.measure ? `${link.to.measure.indicator} (${link.to.measure.org_unit})` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const state =
    link.targets
      .map(
        (m) =>
          `${escapeHtml(m.indicator.name)}, ${escapeHtml(m.org_unit.name)}: <span class="j-${m.judgement}">${judgementText(m)}</span>${m.latest ? ` (${m.latest.value.toFixed(m.indicator.decimals)} in ${escapeHtml(m.latest.period)} against ${m.expected?.toFixed(m.indicator.decimals)} expected, target ${m.target_value} by ${escapeHtml(m.target_period)})` : ''}`,
      )
      .join('<br>') || '<span class="legend">no target measure</span>';
  return `<tr><th>${escapeHtml(from)}</th><td>${escapeHtml(to)}</td><td>${state}</td><td>${escapeHtml(link.note)}</td></tr>`;
}

/** The term's update cycle as summary rows; a line saying there was none when none was opened. */
function completionRows(completion: StrategyReport['summary']['completion']): string {
  if (!completion) return '<tr><th>Updates asked this term</th><td class="num">no cycle opened</td></tr>';
  const rows: [string, number][] = [
    ['Updates asked this term', completion.asked],
    ['Updated on time', completion.on_time],
    ['Updated late', completion.late],
    ['Missing', completion.missing],
    ['Not yet due', completion.awaiting],
    ['No one to ask', completion.unowned],
  ];
  return rows.map(([label, n]) => `<tr><th>${label}</th><td class="num">${n}</td></tr>`).join('');
}

export function renderStrategyReport(report: StrategyReport, academicYearStart: number): string {
  const { summary } = report;
  const title = `${report.strategy.name}: impact report ${report.term.id}`;
  const statusRows = Object.entries(summary.actions_by_status)
    .map(([status, n]) => `<tr><th>Actions ${words(status)}</th><td class="num">${n}</td></tr>`)
    .join('');
  const changes = report.changes.length
    ? `<table><thead><tr><th>On</th><th>Change</th><th>By</th><th>Why</th></tr></thead><tbody>${report.changes
        .map(
          (c) =>
            `<tr><td>${c.on_date}</td><td>${escapeHtml(c.summary)}</td><td>${escapeHtml(c.author)}</td><td>${escapeHtml(c.reason)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="legend">No changes to the plan recorded this term.</p>';
  const chain = report.contributes_to.length
    ? `<table><thead><tr><th>From</th><th>Contributes to</th><th>Target’s state at term end</th><th>Note</th></tr></thead><tbody>${report.contributes_to.map(chainRow).join('')}</tbody></table>`
    : '<p class="legend">This strategy is not linked to another.</p>';
  const body = `${reportStyles}<header class="cover"><h1>${escapeHtml(report.strategy.name)}</h1>
<p class="meta">Termly impact report · term ${report.term.id} (${report.term.start} to ${report.term.end}) · overarching lead: ${lead(report.strategy.lead)} · drafted ${report.drafted_on} from the data</p>
${report.strategy.purpose ? `<p>${escapeHtml(report.strategy.purpose)}</p>` : ''}</header>
<h2 id="summary">Summary</h2>
<table class="summary"><tbody>${statusRows}
<tr><th>Measures on track at term end</th><td class="num">${summary.measures_on_track}</td></tr>
<tr><th>Measures off track at term end</th><td class="num">${summary.measures_off_track}</td></tr>
<tr><th>Measures with no data</th><td class="num">${summary.measures_no_data}</td></tr>
<tr><th>Milestones due in the term</th><td class="num">${summary.milestones_due}</td></tr>
<tr><th>Milestones missed</th><td class="num">${summary.milestones_missed}</td></tr>
<tr><th>Unowned items</th><td class="num">${summary.unowned}</td></tr>${completionRows(summary.completion)}</tbody></table>
${report.strategy_measures.length ? `<h2 id="strategy-measures">Strategy-wide measures</h2>${measuresBlock(report.strategy_measures, academicYearStart)}` : ''}
${report.strands.map((s) => strandSection(s, academicYearStart)).join('')}
<h2 id="changes">What changed in the plan this term</h2>${changes}
<h2 id="chain">The chain: what this strategy contributes to</h2>${chain}`;
  return page(title, body);
}
