// Movement between stages term by term, from the recorded history: schools at each stage at each term's
// end, the flows between consecutive terms (schools recorded in both), and the flows summed as a
// transition table, for the caller's schools or one area.
import { requirePermission, requireVisible, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import type { StageMovement } from './contract.ts';
import { storedRules } from './definitions.ts';
import { ensureRecorded } from './history.ts';
import { stageCountsQuery, stageFlowsQuery } from './queries.ts';
import { endedTerms } from './terms.ts';

export async function stageMovement(
  context: Context,
  query: { area?: string; terms: number },
): Promise<StageMovement> {
  const { db, actor, settings, today } = context;
  requirePermission(actor, 'kpi:read');
  if (query.area) {
    requireVisible(actor, query.area, `Area ${query.area}`);
    const area = await db
      .selectFrom('org_unit')
      .select('code')
      .where('code', '=', query.area)
      .where('level', '=', 'area')
      .executeTakeFirst();
    if (!area) throw notFound(`Area ${query.area}`);
  }
  const terms = endedTerms(today, query.terms, settings.academicYearStart);
  await ensureRecorded(context, terms);
  const ids = terms.map((t) => t.id);
  const filter = { units: visibleUnits(actor), area: query.area };
  const pairs = ids.slice(1).map((to, i) => ({ from: ids[i] as string, to }));
  const [rules, counts, flows] = await Promise.all([
    storedRules(db),
    stageCountsQuery(ids, filter).execute(db),
    pairs.length ? stageFlowsQuery(pairs, filter).execute(db) : Promise.resolve({ rows: [] }),
  ]);
  // Stages no longer defined still show where the history holds them.
  const stages = rules.stages.map(({ code, name }) => ({ code, name }));
  for (const row of [...counts.rows.map((c) => c.stage)])
    if (!stages.some((s) => s.code === row)) stages.push({ code: row, name: row });
  const recordedTerms = ids.filter((t) => counts.rows.some((c) => c.term === t));
  const position = new Map(stages.map((s, i) => [s.code, i]));
  const transitions = new Map<string, { from_stage: string; to_stage: string; schools: number }>();
  const summary = new Map<
    string,
    { from_term: string; to_term: string; up: number; down: number; same: number }
  >();
  for (const f of flows.rows) {
    const key = `${f.from_stage} ${f.to_stage}`;
    const t = transitions.get(key) ?? { from_stage: f.from_stage, to_stage: f.to_stage, schools: 0 };
    t.schools += f.schools;
    transitions.set(key, t);
    const pairKey = `${f.from_term} ${f.to_term}`;
    const s = summary.get(pairKey) ?? { from_term: f.from_term, to_term: f.to_term, up: 0, down: 0, same: 0 };
    const move = (position.get(f.to_stage) ?? 0) - (position.get(f.from_stage) ?? 0);
    if (move > 0) s.up += f.schools;
    else if (move < 0) s.down += f.schools;
    else s.same += f.schools;
    summary.set(pairKey, s);
  }
  const byStage = (
    a: { from_stage: string; to_stage: string },
    b: { from_stage: string; to_stage: string },
  ) =>
    (position.get(a.from_stage) ?? 0) - (position.get(b.from_stage) ?? 0) ||
    (position.get(a.to_stage) ?? 0) - (position.get(b.to_stage) ?? 0);
  return {
    area: query.area ?? null,
    terms: recordedTerms,
    stages,
    counts: counts.rows,
    flows: flows.rows
      .filter((f) => recordedTerms.includes(f.from_term))
      .sort((a, b) => a.from_term.localeCompare(b.from_term) || byStage(a, b)),
    transitions: [...transitions.values()].sort(byStage),
    summary: [...summary.values()].sort((a, b) => a.from_term.localeCompare(b.from_term)),
  };
}
