// Declared strengths: a school's head (their own school) or a lead of its trust declares a strength with
// its evidence; an area lead (in their area) or the director confirms it, or declines it with a reason.
// Only confirmed ones are offered. Every write is audited with the row's before and after.
import { sql } from 'kysely';
import { canSee, requirePermission, visibleUnits } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { resolveUnits } from '../kpi/queries.ts';
import type { Decision, Declaration, DeclaredList, DeclaredQuery, DeclaredStrength } from './contract.ts';
import { practiceAreaNames } from './practice-areas.ts';

/** The declarations, one or all, with their school's area; filtered by the caller's scope afterwards. */
function declaredQuery(filter: { id?: number; schools?: string[] | null }) {
  return sql<Omit<DeclaredStrength, 'practice_area_name'>>`
    select d.id, o.code as school, o.name as school_name,
      (select a.code from org_unit a where a.level = 'area'
        and a.id in (o.parent_id, (select p.parent_id from org_unit p where p.id = o.parent_id)) limit 1) as area,
      d.practice_area, d.evidence, d.status, d.declared_by, to_char(d.declared_on, 'YYYY-MM-DD') as declared_on,
      d.decided_by, to_char(d.decided_on, 'YYYY-MM-DD') as decided_on, d.reason
    from declared_strength d join org_unit o on o.id = d.school_id
    where true
      ${filter.id !== undefined ? sql`and d.id = ${filter.id}` : sql``}
      ${filter.schools ? sql`and o.code = any(${filter.schools}::text[])` : sql``}
    order by d.declared_on desc, d.id desc`;
}

const named = (row: Omit<DeclaredStrength, 'practice_area_name'>): DeclaredStrength => ({
  ...row,
  practice_area_name: practiceAreaNames[row.practice_area],
});

async function declaredById(db: Db, id: number): Promise<DeclaredStrength | undefined> {
  const { rows } = await declaredQuery({ id }).execute(db);
  return rows[0] && named(rows[0]);
}

/** The declarations in scope, newest first, with counts per status under the other filters. */
export async function listDeclared(context: Context, query: DeclaredQuery): Promise<DeclaredList> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  if (query.school && !canSee(actor, query.school)) throw notFound(`School ${query.school}`);
  if (query.area && !canSee(actor, query.area)) throw notFound(`Area ${query.area}`);
  const under = query.area
    ? (await resolveUnits(db, { schoolsUnder: query.area })).units.map((u) => u.code)
    : null;
  const limits = [visibleUnits(actor), under, query.school ? [query.school] : null].filter(
    (l): l is string[] => l !== null,
  );
  const schools = limits.length ? limits.reduce((a, b) => a.filter((code) => b.includes(code))) : null;
  const { rows } = await declaredQuery({ schools }).execute(db);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const statuses = query.status?.length ? new Set(query.status) : null;
  return { counts, declared: rows.filter((r) => !statuses || statuses.has(r.status)).map(named) };
}

/** Only the school's head or a lead of a trust or federation it belongs to declares its strengths. */
function requireDeclarer(context: Context, school: string): void {
  const { actor } = context;
  if (!canSee(actor, school)) throw notFound(`School ${school}`);
  const declares = actor.grants.some((g) => g.role === 'headteacher' || (g.group && g.role === 'director'));
  if (!declares)
    throw new HeadwayError(
      'forbidden',
      'Only the school’s head, or a lead of its trust, declares its strengths; an area lead confirms them',
    );
}

export async function declareStrength(context: Context, declaration: Declaration): Promise<DeclaredStrength> {
  const { db, actor, today } = context;
  requireDeclarer(context, declaration.school);
  const id = await db.transaction().execute(async (trx) => {
    const school = await trx
      .selectFrom('org_unit')
      .innerJoin('school', 'school.org_unit_id', 'org_unit.id')
      .select('org_unit.id')
      .where('org_unit.code', '=', declaration.school)
      .executeTakeFirst();
    if (!school) throw notFound(`School ${declaration.school}`);
    const live = await trx
      .selectFrom('declared_strength')
      .select(['id', 'status'])
      .where('school_id', '=', school.id)
      .where('practice_area', '=', declaration.practice_area)
      .where('status', 'in', ['awaiting', 'confirmed'])
      .executeTakeFirst();
    if (live)
      throw new HeadwayError(
        'conflict',
        `${practiceAreaNames[declaration.practice_area]} is already declared for ${declaration.school} (${live.status}, declaration ${live.id})`,
      );
    const row = await trx
      .insertInto('declared_strength')
      .values({
        school_id: school.id,
        practice_area: declaration.practice_area,
        evidence: declaration.evidence,
        declared_by: actor.name,
        declared_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'declare', 'declared-strength', { id: row.id, ...declaration });
    return row.id;
  });
  return (await declaredById(db, id)) as DeclaredStrength;
}

/** Confirms or declines an awaiting declaration: an area lead in their area, or the director. */
export async function decideDeclared(
  context: Context,
  id: number,
  decision: Decision,
): Promise<DeclaredStrength> {
  const { db, actor, today } = context;
  requirePermission(actor, 'brokering:write');
  const declared = await declaredById(db, id);
  if (!declared || !canSee(actor, declared.school)) throw notFound(`Declared strength ${id}`);
  // A trust's lead declares for its schools; the authority's area lead is the one who confirms.
  if (!actor.grants.some((g) => !g.group && g.role !== 'headteacher') && actor.userId !== null)
    throw new HeadwayError(
      'forbidden',
      'An area lead or the director confirms declared strengths, not a trust’s lead',
    );
  if (decision.decision === 'decline' && decision.reason === '')
    throw new HeadwayError('invalid', 'Say why the strength is declined: the school reads the reason');
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('declared_strength')
      .set({
        status: decision.decision === 'confirm' ? 'confirmed' : 'declined',
        decided_by: actor.name,
        decided_on: today,
        reason: decision.reason || null,
      })
      .where('id', '=', id)
      .where('status', '=', 'awaiting')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0)
      throw new HeadwayError('conflict', `Declared strength ${id} is already ${declared.status}`);
    await recordAudit(trx, actor, decision.decision, 'declared-strength', { id, reason: decision.reason });
  });
  return (await declaredById(db, id)) as DeclaredStrength;
}
