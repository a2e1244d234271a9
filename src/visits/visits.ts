// Visits: plan or record one (idempotent by the device's client_id, so the offline form can retry),
// change one against the version it was read at (a stale change is a conflict, never a silent
// overwrite), read one, and list them. An area lead records visits to their area's schools, the
// director to any; everyone reads the visits to schools in their scope (a head: their own school's).
// Actions agreed on a visit go into meetings' action_item list (visit_id), so they are "my actions".
import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { requirePermission, requireVisible, visibleUnits } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { personByCode, personIds } from '../meetings/lookups.ts';
import { personName } from '../registry/sql.ts';
import {
  type Visit,
  VisitEdit,
  VisitFilter,
  type VisitFilter as VisitFilterInput,
  VisitInput,
  type VisitPage,
  type VisitSummary,
} from './contract.ts';

async function requireSchool(context: Context, code: string): Promise<number> {
  requireVisible(context.actor, code, `School ${code}`);
  const school = await context.db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', code)
    .where('level', '=', 'school')
    .executeTakeFirst();
  if (!school) throw notFound(`School ${code}`);
  return school.id;
}

interface Scored {
  rubricId: number | null;
  scores: { criterion_id: number; level: number; evidence: string }[];
}

/** The rubric version a visit is scored on and its scores as rows, each problem naming the score it is in. */
async function scoresOf(
  db: Db,
  input: Pick<VisitInput, 'rubric' | 'scores' | 'status' | 'visit_type'>,
  keepRubricId: number | null,
): Promise<Scored> {
  const scores = input.scores ?? [];
  if (!input.rubric) {
    if (scores.length)
      throw new HeadwayError('invalid', 'scores: name the rubric they are scored on (rubric.code)');
    return { rubricId: null, scores: [] };
  }
  let query = db
    .selectFrom('rubric')
    .select(['id', 'version', 'scale_max', 'visit_types'])
    .where('code', '=', input.rubric.code);
  // A visit already scored keeps its version unless another is named; a new one takes the current.
  if (input.rubric.version) query = query.where('version', '=', input.rubric.version);
  else if (keepRubricId) query = query.where('id', '=', keepRubricId);
  else query = query.where('superseded', '=', false);
  const rubric = await query.executeTakeFirst();
  if (!rubric)
    throw new HeadwayError(
      'invalid',
      `rubric: ${input.rubric.code}${input.rubric.version ? ` version ${input.rubric.version}` : ''} is not a rubric`,
    );
  if (rubric.visit_types.length && input.visit_type && !rubric.visit_types.includes(input.visit_type))
    throw new HeadwayError(
      'invalid',
      `rubric: ${input.rubric.code} is for ${rubric.visit_types.join(', ')} visits, not ${input.visit_type}`,
    );
  if (scores.length && input.status === 'planned')
    throw new HeadwayError('invalid', 'scores: a planned visit has no scores yet (record it first)');
  const criteria = new Map(
    (
      await db
        .selectFrom('rubric_criterion as c')
        .innerJoin('rubric_section as s', 's.id', 'c.section_id')
        .select(['c.id', 'c.code'])
        .where('s.rubric_id', '=', rubric.id)
        .execute()
    ).map((c) => [c.code, c.id]),
  );
  const seen = new Set<string>();
  const rows = scores.map((score, i) => {
    const where = `scores[${i + 1}] (criterion ${score.criterion})`;
    const id = criteria.get(score.criterion);
    if (id === undefined)
      throw new HeadwayError(
        'invalid',
        `${where}: not a criterion of ${input.rubric?.code} version ${rubric.version}`,
      );
    if (seen.has(score.criterion)) throw new HeadwayError('invalid', `${where}: scored twice`);
    seen.add(score.criterion);
    if (score.level > rubric.scale_max)
      throw new HeadwayError(
        'invalid',
        `${where}: level ${score.level} is above the scale 1–${rubric.scale_max}`,
      );
    return { criterion_id: id, level: score.level, evidence: score.evidence ?? '' };
  });
  return { rubricId: rubric.id, scores: rows };
}

/** A visit recorded as made cannot be dated after today (a planned one can). */
function refuseFutureRecord(status: string, visitOn: string, today: string): void {
  if (status === 'recorded' && visitOn > today)
    throw new HeadwayError(
      'invalid',
      `visit_on: ${visitOn} is after today (${today}); a visit still to come is planned, not recorded`,
    );
}

/** Plans or records a visit; a client_id already recorded answers that visit's id and writes nothing. */
export async function recordVisit(
  context: Context,
  raw: VisitInput,
): Promise<{ id: number; created: boolean }> {
  const { actor, today } = context;
  requirePermission(actor, 'visits:write');
  const input = VisitInput.parse(raw);
  const schoolId = await requireSchool(context, input.school);
  refuseFutureRecord(input.status, input.visit_on, today);
  if (input.client_id) {
    const known = await context.db
      .selectFrom('visit')
      .select(['id', 'school_unit_id'])
      .where('client_id', '=', input.client_id)
      .executeTakeFirst();
    if (known && known.school_unit_id === schoolId) return { id: known.id, created: false };
    if (known)
      throw new HeadwayError('conflict', `client_id ${input.client_id} is already a visit to another school`);
  }
  const visitors = await personIds(context.db, input.visitors);
  const scored = await scoresOf(context.db, input, null);
  const owners = await Promise.all(
    input.actions.map((a) => (a.owner ? personByCode(context.db, a.owner) : null)),
  );
  return context.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('visit')
      .values({
        client_id: input.client_id ?? randomUUID(),
        school_unit_id: schoolId,
        visit_on: input.visit_on,
        visit_type: input.visit_type,
        status: input.status,
        rubric_id: scored.rubricId,
        purpose: input.purpose,
        strengths: input.strengths,
        development: input.development,
        recorded_by: actor.name,
        created_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('visit_visitor')
      .values([...new Set(visitors)].map((person_id) => ({ visit_id: id, person_id })))
      .execute();
    if (scored.scores.length)
      await trx
        .insertInto('visit_score')
        .values(scored.scores.map((s) => ({ ...s, visit_id: id })))
        .execute();
    for (const [i, action] of input.actions.entries())
      await trx
        .insertInto('action_item')
        .values({
          title: action.title,
          owner_person_id: owners[i]?.id ?? null,
          due_on: action.due_on ?? null,
          status: 'open',
          visit_id: id,
          org_unit_id: schoolId,
          created_on: today,
        })
        .execute();
    await recordAudit(trx, actor, 'create', 'visit', {
      id,
      school: input.school,
      visit_on: input.visit_on,
      scores: scored.scores.length,
      actions: input.actions.length,
    });
    return { id, created: true };
  });
}

/** The visit's school (checked against the caller's scope) and version, or not found. */
async function requireVisit(context: Context, id: number) {
  const visit = await context.db
    .selectFrom('visit as v')
    .innerJoin('org_unit as o', 'o.id', 'v.school_unit_id')
    .select(['v.id', 'v.version', 'v.rubric_id', 'o.code as school'])
    .where('v.id', '=', id)
    .executeTakeFirst();
  if (!visit) throw notFound(`Visit ${id}`);
  requireVisible(context.actor, visit.school, `Visit ${id}`);
  return visit;
}

/**
 * Changes a visit made against `version`: if someone changed it since, the change is refused with both
 * versions named, so the later of two edits (the offline form syncing) is shown, not lost.
 */
export async function updateVisit(
  context: Context,
  id: number,
  raw: VisitEdit,
): Promise<{ version: number }> {
  const { actor } = context;
  requirePermission(actor, 'visits:write');
  const edit = VisitEdit.parse(raw);
  const visit = await requireVisit(context, id);
  if (edit.status && edit.visit_on) refuseFutureRecord(edit.status, edit.visit_on, context.today);
  if (visit.version !== edit.version)
    throw new HeadwayError(
      'conflict',
      `Visit ${id} was changed since you opened it (your version ${edit.version}, now ${visit.version}): reload it and make your change again`,
    );
  const visitors = await personIds(context.db, edit.visitors);
  const scored = await scoresOf(context.db, edit, visit.rubric_id);
  return context.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('visit')
      .set({
        visit_on: edit.visit_on,
        visit_type: edit.visit_type,
        status: edit.status,
        rubric_id: scored.rubricId,
        purpose: edit.purpose,
        strengths: edit.strengths,
        development: edit.development,
        version: sql`version + 1`,
      })
      .where('id', '=', id)
      .where('version', '=', edit.version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw new HeadwayError('conflict', `Visit ${id} was changed while you saved it: reload it`);
    await trx.deleteFrom('visit_visitor').where('visit_id', '=', id).execute();
    await trx
      .insertInto('visit_visitor')
      .values([...new Set(visitors)].map((person_id) => ({ visit_id: id, person_id })))
      .execute();
    await trx.deleteFrom('visit_score').where('visit_id', '=', id).execute();
    if (scored.scores.length)
      await trx
        .insertInto('visit_score')
        .values(scored.scores.map((s) => ({ ...s, visit_id: id })))
        .execute();
    await recordAudit(trx, actor, 'update', 'visit', { id, version: updated.version });
    return { version: updated.version };
  });
}

// Each visitor is marked calibrated or not on the visit's day (norming_calibrated, migration 0029).
function summaryQuery(db: Db, calibrationMonths = 12) {
  return db
    .selectFrom('visit as v')
    .innerJoin('org_unit as o', 'o.id', 'v.school_unit_id')
    .leftJoin('org_unit as a', 'a.id', 'o.parent_id')
    .leftJoin('rubric as r', 'r.id', 'v.rubric_id')
    .select([
      'v.id',
      'v.client_id',
      'v.version',
      sql<{ code: string; name: string }>`json_build_object('code', o.code, 'name', o.name)`.as('school'),
      'a.code as area',
      sql<string>`to_char(v.visit_on, 'YYYY-MM-DD')`.as('visit_on'),
      'v.visit_type',
      'v.status',
      sql<VisitSummary['visitors']>`coalesce((select json_agg(json_build_object('code', p.code,
        'name', ${personName('p')}, 'calibrated', norming_calibrated(p.id, v.visit_on, ${calibrationMonths}))
        order by p.family_name, p.given_name) from visit_visitor vv
        join person p on p.id = vv.person_id where vv.visit_id = v.id), '[]')`.as('visitors'),
      sql<VisitSummary['rubric']>`case when r.id is null then null
        else json_build_object('code', r.code, 'version', r.version, 'name', r.name) end`.as('rubric'),
      sql<
        number | null
      >`(select round(avg(s.level), 2)::float from visit_score s where s.visit_id = v.id)`.as('mean_level'),
    ]);
}

/** The page of visits a filter asks for, within `units` (null: everywhere), newest first, with the total. */
export function visitListQuery(
  db: Db,
  units: string[] | null,
  filter: z.output<typeof VisitFilter>,
  calibrationMonths = 12,
) {
  let query = summaryQuery(db, calibrationMonths);
  if (units) query = query.where('o.code', 'in', units.length ? units : ['']);
  if (filter.school) query = query.where('o.code', '=', filter.school);
  if (filter.area) query = query.where('a.code', '=', filter.area);
  if (filter.visit_type) query = query.where('v.visit_type', '=', filter.visit_type);
  if (filter.status) query = query.where('v.status', '=', filter.status);
  if (filter.from) query = query.where('v.visit_on', '>=', filter.from);
  if (filter.to) query = query.where('v.visit_on', '<=', filter.to);
  return query
    .select(sql<number>`count(*) over ()::int`.as('total'))
    .orderBy('v.visit_on', 'desc')
    .orderBy('v.id', 'desc')
    .limit(filter.page_size)
    .offset((filter.page - 1) * filter.page_size);
}

/** Visits to schools in the caller's scope, newest first, filtered and paged in SQL. */
export async function listVisits(context: Context, raw: VisitFilterInput = {}): Promise<VisitPage> {
  const { actor, db } = context;
  requirePermission(actor, 'visits:read');
  const filter = VisitFilter.parse(raw);
  if (filter.school) requireVisible(actor, filter.school, `School ${filter.school}`);
  if (filter.area) requireVisible(actor, filter.area, `Area ${filter.area}`);
  const months = context.settings.calibrationMonths;
  const rows = await visitListQuery(db, visibleUnits(actor), filter, months).execute();
  return {
    total: rows[0]?.total ?? 0,
    page: filter.page,
    page_size: filter.page_size,
    visits: rows.map(({ total: _total, ...visit }) => visit),
  };
}

/** One visit whole: its scores by section with the descriptor of the level given, and its agreed actions. */
export async function visitDetail(context: Context, id: number): Promise<Visit> {
  const { actor, db } = context;
  requirePermission(actor, 'visits:read');
  await requireVisit(context, id);
  const summary = await summaryQuery(db, context.settings.calibrationMonths)
    .select(['v.purpose', 'v.strengths', 'v.development', 'v.recorded_by'])
    .where('v.id', '=', id)
    .executeTakeFirstOrThrow();
  const scores = await db
    .selectFrom('visit_score as vs')
    .innerJoin('rubric_criterion as c', 'c.id', 'vs.criterion_id')
    .innerJoin('rubric_section as s', 's.id', 'c.section_id')
    .innerJoin('rubric_level as l', (j) =>
      j.onRef('l.criterion_id', '=', 'c.id').onRef('l.level', '=', 'vs.level'),
    )
    .select(['s.name as section', 'c.code as criterion', 'c.name', 'vs.level', 'l.descriptor', 'vs.evidence'])
    .where('vs.visit_id', '=', id)
    .orderBy('s.position')
    .orderBy('c.position')
    .execute();
  const actions = await db
    .selectFrom('action_item as ai')
    .leftJoin('person as p', 'p.id', 'ai.owner_person_id')
    .select([
      'ai.id',
      'ai.title',
      sql<string | null>`case when p.id is null then null else ${personName('p')} end`.as('owner'),
      sql<string | null>`to_char(ai.due_on, 'YYYY-MM-DD')`.as('due_on'),
      'ai.status',
    ])
    .where('ai.visit_id', '=', id)
    .orderBy('ai.id')
    .execute();
  return { ...summary, scores, actions };
}
