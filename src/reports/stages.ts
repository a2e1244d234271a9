// The packs' section on the stages of the improvement journey (issue 24): schools at each stage at the
// end of the last recorded terms, the transition table between consecutive terms (moved on, slipped
// back), and, in an area's pack, each school's stage today with its reasons. Read through the same
// verbs as the stages page (stageMovement, listStages), so the pack and the page cannot disagree.
import type { Context } from '../context.ts';
import type { StageList, StageMovement } from '../stages/contract.ts';
import { stageMovement } from '../stages/movement.ts';
import { listStages } from '../stages/stages.ts';
import { escapeHtml } from './html.ts';

const TERMS = 4;
const title = 'Stages of the improvement journey';

function movementTables(m: StageMovement): string {
  if (m.terms.length === 0) return '<p>No term’s stages are recorded yet.</p>';
  const count = (term: string, stage: string) =>
    m.counts.find((c) => c.term === term && c.stage === stage)?.schools ?? 0;
  const moved = (from: string, to: string) =>
    m.transitions.find((t) => t.from_stage === from && t.to_stage === to)?.schools ?? 0;
  const counts = `<table data-testid="stage-counts"><thead><tr><th>Stage</th>${m.terms.map((t) => `<th class="num">${escapeHtml(t)}</th>`).join('')}</tr></thead><tbody>${m.stages
    .map(
      (s) =>
        `<tr><th scope="row">${escapeHtml(s.name)}</th>${m.terms.map((t) => `<td class="num">${count(t, s.code)}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
  if (m.terms.length < 2) return counts;
  const transitions = `<h3>From one term's end to the next, ${escapeHtml(m.terms[0] as string)} to ${escapeHtml(m.terms.at(-1) as string)} (rows: from; columns: to)</h3><table data-testid="stage-transitions"><thead><tr><th>From \\ to</th>${m.stages.map((s) => `<th class="num">${escapeHtml(s.name)}</th>`).join('')}</tr></thead><tbody>${m.stages
    .map(
      (from) =>
        `<tr><th scope="row">${escapeHtml(from.name)}</th>${m.stages.map((to) => `<td class="num">${moved(from.code, to.code)}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
  const summary = `<ul>${m.summary.map((s) => `<li>${escapeHtml(s.from_term)} → ${escapeHtml(s.to_term)}: ${s.up} moved on, ${s.down} slipped back, ${s.same} stayed</li>`).join('')}</ul>`;
  return `${counts}${transitions}${summary}`;
}

function schoolsTable(list: StageList): string {
  return `<h3>Each school's stage today (${escapeHtml(list.as_of)}) and why</h3><table class="schools" data-testid="stage-schools"><thead><tr><th>School</th><th>Stage</th><th>Since</th><th>Why</th></tr></thead><tbody>${list.schools
    .map(
      (s) =>
        `<tr><th scope="row" class="school">${escapeHtml(s.school_name)} <span class="legend">${escapeHtml(s.school_code)}</span></th><td class="text">${escapeHtml(s.stage_name)}</td><td>${escapeHtml(s.since ?? '–')}</td><td class="text">${s.reasons.map(escapeHtml).join('; ')}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

/** An area pack's section: the area's movement and each school's stage with its reasons. */
export async function areaStagesSection(
  context: Context,
  area: string,
): Promise<{ title: string; html: string }> {
  const [movement, list] = await Promise.all([
    stageMovement(context, { area, terms: TERMS }),
    listStages(context, { area, page: 1, page_size: 100_000 }),
  ]);
  return { title, html: `${movementTables(movement)}${schoolsTable(list)}` };
}

/** The director's overview's section: the authority's movement between stages. */
export async function authorityStagesSection(context: Context): Promise<string> {
  const movement = await stageMovement(context, { terms: TERMS });
  return `<section id="stages" aria-labelledby="stages-heading"><h2 id="stages-heading">${title}</h2><p>Schools at each stage at the end of each recorded term, by the stage rules (headway stages rules), and how they moved between consecutive terms.</p>${movementTables(movement)}</section>`;
}
