// Redeployment plans: made for an area in a month from the schools' gaps (gaps.ts) by the solver
// (plan-solver.ts), kept with their limits, proof and figures; moves accepted or rejected one by one;
// the accepted ones raised as actions of a "teacher deployment" challenge; and, read later, whether each
// receiving school's gap closed in the months since.

import { requirePermission, requireVisible } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { createAction } from '../meetings/actions.ts';
import { raiseChallenge } from '../meetings/challenges.ts';
import { authorityRoot } from '../registry/queries.ts';
import { schoolGaps, staffingMonths } from './gaps.ts';
import type {
  DecisionInput,
  PlanInput,
  PlanMove,
  PlanSummary,
  RaiseInput,
  TeacherPlan,
} from './plan-contract.ts';
import { PlanInput as PlanInputSchema } from './plan-contract.ts';
import { solveRedeployment } from './plan-solver.ts';
import { staffingFigures, teachersAfter } from './plan-solver-effect.ts';
import type { StaffedSchool } from './plan-solver-pairs.ts';

type Named = StaffedSchool & { name: string };

/** The schools of a unit in a month as the solver takes them: whole teachers, the norm, coordinates, cluster. */
async function staffedSchools(context: Context, area: string | undefined, month: string | undefined) {
  const found = await schoolGaps(context, { area, month });
  const schools: Named[] = found.schools.map((s) => ({
    code: s.code,
    name: s.name,
    pupils: s.pupils,
    teachers: Math.round(s.teachers),
    required: s.required,
    maxRatio: s.max_ratio,
    latitude: s.latitude,
    longitude: s.longitude,
    group: s.cluster,
    phase: s.phase,
  }));
  return { month: found.month, schools };
}

async function authorityCode(context: Context): Promise<string> {
  const root = await authorityRoot(context.db);
  if (!root) throw notFound('The authority');
  return root.code;
}

const teachersWord = (n: number) => `${n} teacher${n === 1 ? '' : 's'}`;

/** "from S0123, 14 over the norm, to S0456, 9 under, 6 km": the move's reason as the issue words it. */
function reasonFor(from: Named, to: Named, km: number): string {
  return `from ${from.code} ${from.name}, ${from.teachers - from.required} over the norm, to ${to.code} ${to.name}, ${to.required - to.teachers} under, ${km} km`;
}

export async function makePlan(context: Context, raw: PlanInput): Promise<TeacherPlan> {
  const { db, actor, today } = context;
  requirePermission(actor, 'brokering:write');
  const input = PlanInputSchema.parse(raw);
  if (!input.area && !actor.scope.all)
    throw new HeadwayError('invalid', 'area: name the area to plan for (yours is not the whole authority)');
  const unitCode = input.area ?? (await authorityCode(context));
  requireVisible(actor, unitCode, `Area ${unitCode}`);
  const { month, schools } = await staffedSchools(context, input.area, input.month);
  if (schools.length === 0)
    throw new HeadwayError('invalid', `${unitCode} has no school with teacher data for ${month}`);
  const plan = await solveRedeployment(schools, {
    maxKm: input.max_km,
    maxMovesOut: input.max_moves_out,
    withinGroup: input.within_clusters,
    recruits: input.recruits,
    detour: input.detour,
  });
  const before = staffingFigures(schools);
  const after = staffingFigures(schools, teachersAfter(schools, plan.moves, plan.recruits));
  const byCode = new Map(schools.map((s) => [s.code, s]));
  const codes = [...new Set([unitCode, ...schools.map((s) => s.code)])];
  const ids = new Map(
    (await db.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', codes).execute()).map((u) => [
      u.code,
      u.id,
    ]),
  );
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('teacher_plan')
      .values({
        org_unit_id: ids.get(unitCode) as number,
        month,
        max_km: input.max_km,
        max_moves_out: input.max_moves_out,
        within_clusters: input.within_clusters,
        recruits: input.recruits,
        detour: input.detour,
        objective: plan.objective,
        bound: plan.bound,
        optimal: plan.optimal,
        km: plan.km,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        unlocated: plan.unlocated,
        made_by: actor.name,
        made_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (plan.moves.length > 0)
      await trx
        .insertInto('teacher_plan_move')
        .values(
          plan.moves.map((m) => ({
            plan_id: id,
            from_school_id: ids.get(m.from) as number,
            to_school_id: ids.get(m.to) as number,
            teachers: m.teachers,
            km: m.km,
            reason: reasonFor(byCode.get(m.from) as Named, byCode.get(m.to) as Named, m.km),
          })),
        )
        .execute();
    if (plan.recruits.length > 0)
      await trx
        .insertInto('teacher_plan_recruit')
        .values(
          plan.recruits.map((r) => ({
            plan_id: id,
            school_id: ids.get(r.to) as number,
            teachers: r.teachers,
          })),
        )
        .execute();
    await recordAudit(trx, actor, 'plan', 'teacher_plan', {
      id,
      unit: unitCode,
      month,
      moves: plan.moves.length,
      teachers: plan.objective,
    });
    return id;
  });
  return planDetail(context, id);
}

/** The plan's row and unit, or "not found" outside the caller's scope (and for roles that cannot read KPIs). */
async function requirePlan(context: Context, id: number) {
  requirePermission(context.actor, 'kpi:read');
  const plan = await context.db
    .selectFrom('teacher_plan as p')
    .innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .selectAll('p')
    .select(['u.code as unit_code', 'u.name as unit_name'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!plan) throw notFound(`Plan ${id}`);
  requireVisible(context.actor, plan.unit_code, `Plan ${id}`);
  return plan;
}

type StoredPlan = Awaited<ReturnType<typeof requirePlan>>;

/**
 * Each school's gap (above 0 a deficit) in the plan's month and in the latest month with data, for the
 * plan's schools (or one of them): the effect a move's receiving school shows. One query when the plan
 * is of the latest month.
 */
async function gapsThenAndNow(context: Context, plan: StoredPlan, school?: string) {
  const isAuthority = plan.unit_code === (await authorityCode(context));
  const latest = (await staffingMonths(context.db))[0] ?? null;
  const gapsIn = async (month: string | null) => {
    if (!month) return new Map<string, number>();
    const { schools } = await schoolGaps(context, {
      area: isAuthority ? undefined : plan.unit_code,
      month,
      school,
    });
    return new Map(schools.map((s) => [s.code, s.gap]));
  };
  const then = await gapsIn(plan.month);
  const now = latest === plan.month ? then : await gapsIn(latest);
  return { latest, then, now };
}

/** The plan's moves (or one of them) with the receiving school's gap then and now. */
async function planMoves(
  context: Context,
  plan: StoredPlan,
  gaps: Awaited<ReturnType<typeof gapsThenAndNow>>,
  moveId?: number,
): Promise<PlanMove[]> {
  const moves = await context.db
    .selectFrom('teacher_plan_move as m')
    .innerJoin('org_unit as f', 'f.id', 'm.from_school_id')
    .innerJoin('org_unit as t', 't.id', 'm.to_school_id')
    .select([
      'm.id',
      'f.code as from_code',
      'f.name as from_name',
      't.code as to_code',
      't.name as to_name',
      'm.teachers',
      'm.km',
      'm.reason',
      'm.decision',
      'm.decided_by',
      'm.decided_on',
      'm.action_id',
    ])
    .where('m.plan_id', '=', plan.id)
    .$if(moveId !== undefined, (q) => q.where('m.id', '=', moveId as number))
    .orderBy('f.code')
    .orderBy('t.code')
    .execute();
  return moves.map((m) => ({
    id: m.id,
    from: { code: m.from_code, name: m.from_name },
    to: { code: m.to_code, name: m.to_name },
    teachers: m.teachers,
    km: m.km,
    reason: m.reason,
    decision: m.decision,
    decided_by: m.decided_by,
    decided_on: m.decided_on,
    action_id: m.action_id,
    to_gap_then: gaps.then.get(m.to_code) ?? null,
    to_gap_now: gaps.now.get(m.to_code) ?? null,
  }));
}

async function detailOf(context: Context, plan: StoredPlan): Promise<TeacherPlan> {
  const gaps = await gapsThenAndNow(context, plan);
  const [moves, recruits] = await Promise.all([
    planMoves(context, plan, gaps),
    context.db
      .selectFrom('teacher_plan_recruit as r')
      .innerJoin('org_unit as s', 's.id', 'r.school_id')
      .select(['s.code', 's.name', 'r.teachers'])
      .where('r.plan_id', '=', plan.id)
      .orderBy('s.code')
      .execute(),
  ]);
  return {
    id: plan.id,
    unit: { code: plan.unit_code, name: plan.unit_name },
    month: plan.month,
    latest_month: gaps.latest,
    limits: {
      max_km: plan.max_km,
      max_moves_out: plan.max_moves_out,
      within_clusters: plan.within_clusters,
      recruits: plan.recruits,
      detour: plan.detour,
    },
    objective: plan.objective,
    bound: plan.bound,
    optimal: plan.optimal,
    km: plan.km,
    before: plan.before,
    after: plan.after,
    unlocated: plan.unlocated,
    made_by: plan.made_by,
    made_on: plan.made_on,
    challenge_id: plan.challenge_id,
    moves,
    recruits: recruits.map((r) => ({ school: { code: r.code, name: r.name }, teachers: r.teachers })),
  };
}

export async function planDetail(context: Context, id: number): Promise<TeacherPlan> {
  return detailOf(context, await requirePlan(context, id));
}

export async function listPlans(context: Context): Promise<PlanSummary[]> {
  const { db, actor } = context;
  requirePermission(actor, 'kpi:read');
  const rows = await db
    .selectFrom('teacher_plan as p')
    .innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .leftJoin('teacher_plan_move as m', 'm.plan_id', 'p.id')
    .select(({ fn }) => [
      'p.id',
      'u.code',
      'u.name',
      'p.month',
      'p.objective',
      'p.bound',
      'p.made_by',
      'p.made_on',
      'p.challenge_id',
      fn.count<number>('m.id').as('moves'),
      fn.count<number>('m.id').filterWhere('m.decision', '=', 'accepted').as('accepted'),
    ])
    .$if(!actor.scope.all, (q) => q.where('u.code', 'in', [...actor.scope.units, '']))
    .groupBy(['p.id', 'u.code', 'u.name'])
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unit: { code: r.code, name: r.name },
    month: r.month,
    objective: r.objective,
    bound: r.bound,
    made_by: r.made_by,
    made_on: r.made_on,
    challenge_id: r.challenge_id,
    moves: Number(r.moves),
    accepted: Number(r.accepted),
  }));
}

export async function decideMove(
  context: Context,
  planId: number,
  moveId: number,
  input: DecisionInput,
): Promise<PlanMove> {
  const { db, actor, today } = context;
  const plan = await requirePlan(context, planId);
  requirePermission(actor, 'brokering:write');
  const move = await db
    .selectFrom('teacher_plan_move')
    .innerJoin('org_unit as t', 't.id', 'teacher_plan_move.to_school_id')
    .select(['teacher_plan_move.id', 'action_id', 'decision', 't.code as to_code'])
    .where('teacher_plan_move.id', '=', moveId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!move) throw notFound(`Move ${moveId} of plan ${planId}`);
  if (move.action_id !== null && input.decision !== 'accepted')
    throw new HeadwayError(
      'invalid',
      `Move ${moveId} is already action ${move.action_id} of the plan's challenge: close the action there instead`,
    );
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('teacher_plan_move')
      .set({
        decision: input.decision,
        decided_by: input.decision === 'proposed' ? null : actor.name,
        decided_on: input.decision === 'proposed' ? null : today,
      })
      .where('id', '=', moveId)
      .execute();
    await recordAudit(trx, actor, 'decide', 'teacher_plan_move', {
      plan: planId,
      move: moveId,
      decision: input.decision,
    });
  });
  const [decided] = await planMoves(context, plan, await gapsThenAndNow(context, plan, move.to_code), moveId);
  return decided as PlanMove;
}

/**
 * The accepted moves not yet raised become actions of the plan's "teacher deployment" challenge (raised
 * now if the plan has none), so the monthly meeting tracks each move to done. Raising again adds only the
 * moves accepted since.
 */
export async function raisePlan(
  context: Context,
  planId: number,
  input: RaiseInput,
): Promise<{ challenge_id: number; actions: number }> {
  const { db, actor } = context;
  const plan = await requirePlan(context, planId);
  requirePermission(actor, 'brokering:write');
  const detail = await detailOf(context, plan);
  const waiting = detail.moves.filter((m) => m.decision === 'accepted' && m.action_id === null);
  if (waiting.length === 0)
    throw new HeadwayError('invalid', `Plan ${planId} has no accepted move waiting to be raised`);
  let challengeId = plan.challenge_id;
  if (challengeId === null) {
    const teachers = waiting.reduce((sum, m) => sum + m.teachers, 0);
    challengeId = await raiseChallenge(context, {
      title: `Teacher deployment: ${plan.unit_name}, ${plan.month} plan`,
      description: `Redeployment plan ${planId}: ${teachersWord(teachers)} to move under ${detail.limits.max_km} km and at most ${detail.limits.max_moves_out} out of a school. Gap before ${detail.before.gap}, after the plan ${detail.after.gap}.`,
      category: 'teacher_deployment',
      units: [plan.unit_code],
      priority: 'high',
      owner: input.owner ?? null,
      due_on: input.due_on ?? null,
    });
    await db
      .updateTable('teacher_plan')
      .set({ challenge_id: challengeId })
      .where('id', '=', planId)
      .execute();
  }
  for (const m of waiting) {
    const actionId = await createAction(context, {
      title: `Move ${teachersWord(m.teachers)} from ${m.from.name} (${m.from.code}) to ${m.to.name} (${m.to.code}), ${m.km} km`,
      owner: input.owner ?? null,
      due_on: input.due_on ?? null,
      challenge_id: challengeId,
    });
    await db.updateTable('teacher_plan_move').set({ action_id: actionId }).where('id', '=', m.id).execute();
  }
  return { challenge_id: challengeId, actions: waiting.length };
}
