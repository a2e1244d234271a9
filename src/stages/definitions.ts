// The stages and their rules as stored: read (in journey order, first rule first), in plain words, and
// replaced whole by the director or an admin after every problem is checked.
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import type { SaveStageRules, StageDefinition, StageRuleInput, StageRules } from './contract.ts';
import { ruleWords, stageRuleProblems } from './rules.ts';

export interface StoredRules {
  stages: StageDefinition[];
  rules: StageRuleInput[];
  changed_on: string | null;
  changed_by: string | null;
}

export async function storedRules(db: Db): Promise<StoredRules> {
  const [stages, rules] = await Promise.all([
    db.selectFrom('stage').selectAll().orderBy('position').execute(),
    db.selectFrom('stage_rule').selectAll().orderBy('position').execute(),
  ]);
  const last = [...rules].sort((a, b) => b.changed_on.localeCompare(a.changed_on))[0];
  return {
    stages: stages.map(({ position: _position, ...s }) => s),
    rules: rules.map((r) => ({ stage: r.stage, conditions: r.conditions })),
    changed_on: last ? String(last.changed_on).slice(0, 10) : null,
    changed_by: last?.changed_by ?? null,
  };
}

const editable = (context: Context) =>
  context.actor.scope.all && context.actor.permissions.has('brokering:write');

function answer(context: Context, stored: StoredRules): StageRules {
  return {
    stages: stored.stages,
    rules: stored.rules.map((r, i) => ({ ...r, position: i + 1, words: ruleWords(r, stored.stages) })),
    editable: editable(context),
    changed_on: stored.changed_on,
    changed_by: stored.changed_by,
  };
}

export async function getStageRules(context: Context): Promise<StageRules> {
  requirePermission(context.actor, 'kpi:read');
  return answer(context, await storedRules(context.db));
}

/**
 * Replaces the stages and the rules. Each problem is named (a rule naming no stage, a condition that
 * compares a count with a grade, a rule after one that matches everything, a stage in the recorded
 * history left out); nothing is written unless there is none. Recorded history is not touched: the
 * new rules place schools from the next term recorded on (or a term recomputed on purpose).
 */
export async function saveStageRules(context: Context, body: SaveStageRules): Promise<StageRules> {
  const { db, actor, today } = context;
  requireWholeSystem(actor, 'brokering:write');
  const recorded = (await db.selectFrom('school_stage').select('stage').distinct().execute()).map(
    (r) => r.stage,
  );
  const problems = stageRuleProblems(body.stages, body.rules, recorded);
  if (problems.length > 0)
    throw new HeadwayError(
      'invalid',
      `The stage rules were not saved: ${problems.map((p) => `${p.parameter}: ${p.message}`).join('; ')}`,
      problems,
    );
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('stage_rule').execute();
    // Positions are unique: move the kept stages out of the way before numbering them anew.
    await trx
      .updateTable('stage')
      .set((eb) => ({ position: eb('position', '+', 1000) }))
      .execute();
    const codes = body.stages.map((s) => s.code);
    await trx.deleteFrom('stage').where('code', 'not in', codes).execute();
    for (const [i, s] of body.stages.entries())
      await trx
        .insertInto('stage')
        .values({ ...s, position: i + 1 })
        .onConflict((oc) => oc.column('code').doUpdateSet({ ...s, position: i + 1 }))
        .execute();
    await trx
      .insertInto('stage_rule')
      .values(
        body.rules.map((r, i) => ({
          position: i + 1,
          stage: r.stage,
          conditions: JSON.stringify(r.conditions),
          changed_by: actor.name,
          changed_on: today,
        })),
      )
      .execute();
    await recordAudit(trx, actor, 'update', 'stage_rules', { stages: codes, rules: body.rules.length });
  });
  return answer(context, await storedRules(db));
}
