// Programmes, cohorts and participants: every role reads the programmes and cohorts as aggregates (how
// many took up a deputy or headship post); participants are named only to those who may see their
// school at entry (the director all, an area lead their area's, a head their own staff); the director
// changes them, every change audited.
import { sql } from 'kysely';
import { canSee, requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import type {
  Cohort,
  CohortDetail,
  CohortInput,
  CohortQuery,
  ParticipantChange,
  ParticipantInput,
  Programme,
  ProgrammeChange,
  ProgrammeSummary,
} from './contract.ts';
import { outcomeOf, participantOf, summarise } from './outcomes.ts';
import { type ParticipantRow, participantsQuery } from './queries.ts';

/** N: the years after completing within which a deputy or headship post counts (HEADWAY_OUTCOME_YEARS). */
const outcomeYears = (context: Context) => context.settings.outcomeYears ?? 3;

const programmeColumns = ['code', 'name', 'description', 'placement', 'placement_days', 'active'] as const;

async function programmeRows(context: Context): Promise<(Programme & { id: number })[]> {
  const rows = await context.db
    .selectFrom('programme')
    .select(['id', ...programmeColumns])
    .orderBy('position')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    ...r,
    placement_days: r.placement_days === null ? null : Number(r.placement_days),
  }));
}

async function participantRows(context: Context, cohortId: number | null): Promise<ParticipantRow[]> {
  const { rows } = await participantsQuery(context.today, outcomeYears(context), cohortId).execute(
    context.db,
  );
  return rows;
}

const summaryOf = (context: Context, rows: ParticipantRow[]) =>
  summarise(
    rows.map((r) => outcomeOf(r, context.today, outcomeYears(context))),
    rows.map((r) => r.status),
    outcomeYears(context),
  );

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

export async function listProgrammes(context: Context): Promise<{ programmes: ProgrammeSummary[] }> {
  requirePermission(context.actor, 'kpi:read');
  const [programmes, cohorts, rows] = await Promise.all([
    programmeRows(context),
    context.db.selectFrom('programme_cohort').select(['id', 'programme_id']).execute(),
    participantRows(context, null),
  ]);
  const cohortsOf = groupBy(cohorts, (c) => c.programme_id);
  const programmeOfCohort = new Map(cohorts.map((c) => [c.id, c.programme_id]));
  const rowsOf = groupBy(rows, (r) => programmeOfCohort.get(r.cohort_id));
  return {
    programmes: programmes.map(({ id, ...p }) => ({
      ...p,
      cohorts: cohortsOf.get(id)?.length ?? 0,
      outcomes: summaryOf(context, rowsOf.get(id) ?? []),
    })),
  };
}

/** A unique-violation from PostgreSQL as a conflict naming what is taken. */
async function uniquely<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new HeadwayError('conflict', `${what} is taken`);
    throw error;
  }
}

export async function addProgramme(
  context: Context,
  input: Pick<Programme, 'code' | 'name'> & Partial<Programme>,
): Promise<Programme> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'programmes:write');
  const programme: Programme = {
    description: '',
    placement: null,
    placement_days: null,
    active: true,
    ...input,
  };
  await uniquely(`Programme code ${input.code}`, () =>
    db.transaction().execute(async (trx) => {
      const { position } = await trx
        .selectFrom('programme')
        .select(sql<number>`coalesce(max(position), 0) + 1`.as('position'))
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('programme')
        .values({ ...programme, position })
        .execute();
      await recordAudit(trx, actor, 'add', 'programme', programme);
    }),
  );
  return programme;
}

export async function changeProgramme(
  context: Context,
  code: string,
  change: ProgrammeChange,
): Promise<Programme> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'programmes:write');
  const before = (await programmeRows(context)).find((p) => p.code === code);
  if (!before) throw notFound(`Programme ${code}`);
  const { id, ...rest } = before;
  const next = { ...rest, ...change };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('programme').set(change).where('id', '=', id).execute();
    await recordAudit(trx, actor, 'change', 'programme', { code, change });
  });
  return next;
}

function cohortsQuery(context: Context) {
  return context.db
    .selectFrom('programme_cohort as c')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .select([
      'c.id',
      'c.code',
      'p.code as programme',
      'p.name as programme_name',
      'c.name',
      'c.provider',
      'c.starts_on',
      'c.ends_on',
    ])
    .orderBy('c.starts_on', 'desc')
    .orderBy('c.code');
}

export async function listCohorts(context: Context, query: CohortQuery): Promise<{ cohorts: Cohort[] }> {
  requirePermission(context.actor, 'kpi:read');
  if (query.programme) {
    const found = await context.db
      .selectFrom('programme')
      .select('id')
      .where('code', '=', query.programme)
      .executeTakeFirst();
    if (!found) throw notFound(`Programme ${query.programme}`);
  }
  const [cohorts, rows] = await Promise.all([
    cohortsQuery(context)
      .$if(query.programme !== undefined, (q) => q.where('p.code', '=', query.programme as string))
      .execute(),
    participantRows(context, null),
  ]);
  const rowsOf = groupBy(rows, (r) => r.cohort_id);
  return { cohorts: cohorts.map((c) => ({ ...c, outcomes: summaryOf(context, rowsOf.get(c.id) ?? []) })) };
}

/** May the caller see this participant by name? Their school at entry decides; one at no school, the whole authority only. */
function namesParticipant(context: Context, school: string | null): boolean {
  const { actor } = context;
  if (!actor.permissions.has('programmes:read')) return false;
  return actor.scope.all || (school !== null && canSee(actor, school));
}

export async function cohortDetail(context: Context, id: number): Promise<CohortDetail> {
  requirePermission(context.actor, 'kpi:read');
  const cohort = await cohortsQuery(context).where('c.id', '=', id).executeTakeFirst();
  if (!cohort) throw notFound(`Cohort ${id}`);
  const rows = await participantRows(context, id);
  const seen = rows.filter((r) => namesParticipant(context, r.school));
  if (seen.length > 0)
    await recordAudit(context.db, context.actor, 'view', 'programme-participants', {
      cohort: cohort.code,
      participants: seen.length,
    });
  return {
    ...cohort,
    outcomes: summaryOf(context, rows),
    participants: seen.map((r) => {
      const participant = participantOf(r, context.today, outcomeYears(context));
      const post = participant.outcome_post;
      // Where they went is named only if the caller may see that school by name.
      if (post?.school && !canSee(context.actor, post.school))
        participant.outcome_post = { ...post, school: null, school_name: 'another school' };
      return participant;
    }),
    hidden: rows.length - seen.length,
  };
}

export async function addCohort(context: Context, input: CohortInput): Promise<Cohort> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'programmes:write');
  const programme = await db
    .selectFrom('programme')
    .select('id')
    .where('code', '=', input.programme)
    .executeTakeFirst();
  if (!programme) throw notFound(`Programme ${input.programme}`);
  const { id } = await uniquely(`Cohort code ${input.code}`, () =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('programme_cohort')
        .values({
          code: input.code,
          programme_id: programme.id,
          name: input.name,
          provider: input.provider,
          starts_on: input.starts_on,
          ends_on: input.ends_on,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, 'add', 'programme-cohort', input);
      return row;
    }),
  );
  const { participants: _p, hidden: _h, ...cohort } = await cohortDetail(context, id);
  return cohort;
}

/** Why a participant's placement days do not suit their programme, or null when they do. */
export function placementDaysProblem(
  placement: string | null,
  days: number | null | undefined,
  programme: string,
): string | null {
  if (days === null || days === undefined) return null;
  if (!placement) return `programme ${programme} has no placement`;
  if (placement === 'npqh_internship' && (days < 5 || days > 20))
    return `${days}: an NPQH internship takes 5 to 20 days`;
  return null;
}

/** The post a person held on a date (the most senior, if several), with its school: a participant's entry. */
export async function postOn(
  context: Context,
  personId: number,
  on: string,
): Promise<{ school_id: number; post_role: string } | undefined> {
  const { rows } = await sql<{ school_id: number; post_role: string }>`
    select po.org_unit_id as school_id, po.role as post_role
    from post po join school s on s.org_unit_id = po.org_unit_id
    where po.person_id = ${personId} and po.starts_on <= ${on} and (po.ends_on is null or po.ends_on >= ${on})
    order by (case when po.role like '%headteacher' and po.role not like '%deputy%' and po.role not like '%assistant%' then 0
      when po.role = 'deputy_headteacher' then 1 when po.role = 'assistant_headteacher' then 2 else 3 end), po.starts_on desc
    limit 1`.execute(context.db);
  return rows[0];
}

/** For a caller with part of the authority: the participant's school must be one of theirs. */
async function requireOwnSchool(context: Context, person: string, schoolId: number | null): Promise<void> {
  const school =
    schoolId === null
      ? undefined
      : await context.db.selectFrom('org_unit').select('code').where('id', '=', schoolId).executeTakeFirst();
  if (!school || !canSee(context.actor, school.code))
    throw new HeadwayError(
      'forbidden',
      `${person} is not at a school in your scope${school ? '' : ' (no school recorded)'}: a director for the whole authority enrols them`,
    );
}

export async function addParticipant(
  context: Context,
  cohortId: number,
  input: ParticipantInput,
): Promise<{ id: number }> {
  const { db, actor } = context;
  // A director enrols anyone; an area lead, people from the schools in their area.
  requirePermission(actor, 'programmes:write');
  const cohort = await db
    .selectFrom('programme_cohort as c')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .select(['c.id', 'c.code', 'c.starts_on', 'p.code as programme', 'p.placement'])
    .where('c.id', '=', cohortId)
    .executeTakeFirst();
  if (!cohort) throw notFound(`Cohort ${cohortId}`);
  const daysProblem = placementDaysProblem(cohort.placement, input.placement_days, cohort.programme);
  if (daysProblem) throw new HeadwayError('invalid', `placement_days: ${daysProblem}`);
  const person = await db
    .selectFrom('person')
    .select('id')
    .where('code', '=', input.person)
    .executeTakeFirst();
  if (!person) throw notFound(`Person ${input.person}`);
  const entry = await postOn(context, person.id, cohort.starts_on);
  let schoolId = entry?.school_id ?? null;
  if (input.school) {
    const school = await db
      .selectFrom('school')
      .innerJoin('org_unit', 'org_unit.id', 'school.org_unit_id')
      .select('org_unit.id')
      .where('org_unit.code', '=', input.school)
      .executeTakeFirst();
    if (!school) throw notFound(`School ${input.school}`);
    schoolId = school.id;
  }
  if (!actor.scope.all) await requireOwnSchool(context, input.person, schoolId);
  return uniquely(`${input.person} in cohort ${cohort.code}`, () =>
    db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('programme_participant')
        .values({
          cohort_id: cohortId,
          person_id: person.id,
          school_id: schoolId,
          post_role: input.post_role ?? entry?.post_role ?? null,
          placement_days: input.placement_days ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, 'add', 'programme-participant', { cohort: cohort.code, ...input });
      return row;
    }),
  );
}

export async function changeParticipant(
  context: Context,
  id: number,
  change: ParticipantChange,
): Promise<{ id: number }> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'programmes:write');
  const before = await db
    .selectFrom('programme_participant as pp')
    .innerJoin('programme_cohort as c', 'c.id', 'pp.cohort_id')
    .innerJoin('programme as p', 'p.id', 'c.programme_id')
    .select(['pp.id', 'pp.status', 'pp.completed_on', 'p.code as programme', 'p.placement'])
    .where('pp.id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound(`Participant ${id}`);
  const daysProblem = placementDaysProblem(before.placement, change.placement_days, before.programme);
  if (daysProblem) throw new HeadwayError('invalid', `placement_days: ${daysProblem}`);
  const status = change.status ?? before.status;
  // Completion needs its date; any other status has none.
  const completed_on =
    status === 'completed' ? (change.completed_on ?? before.completed_on ?? context.today) : null;
  if (status !== 'completed' && change.completed_on)
    throw new HeadwayError(
      'invalid',
      `completed_on: only a completed participant has one (the status is ${status})`,
    );
  if (completed_on && completed_on > context.today)
    throw new HeadwayError('invalid', `completed_on: ${completed_on} is after today`);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('programme_participant')
      .set({
        status,
        completed_on,
        ...(change.placement_days !== undefined && { placement_days: change.placement_days }),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, 'change', 'programme-participant', { id, change });
  });
  return { id };
}
