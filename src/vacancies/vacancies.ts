// The vacancy register's verbs. Everyone with brokering's read permission reads the vacancies of schools
// in their scope (a head: their own school's); the director records them anywhere, an area lead in their
// area. An appointment writes the post in the registry (and ends the leaver's), so the registry and the
// register never disagree about who leads the school.
import { sql } from 'kysely';
import { requirePermission, requireVisible, visibleUnits } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { personByCode } from '../meetings/lookups.ts';
import { personName } from '../registry/sql.ts';
import {
  AppointmentInput,
  CoverInput,
  RoundEdit,
  RoundInput,
  type Vacancy,
  VacancyFilter,
  type VacancyFilter as VacancyFilterInput,
  VacancyInput,
  type VacancyPage,
  type VacancyRound,
  WithdrawInput,
} from './contract.ts';
import { vacancyFiguresQuery, vacancyPageQuery } from './queries.ts';

// A deployment's role is the need it meets: an interim, acting or executive head is deployed to headship cover.
const coverRoles = ['headship_cover'];

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

/** The vacancy's school (checked against the caller's scope), or not found. */
async function requireVacancy(context: Context, id: number) {
  const vacancy = await context.db
    .selectFrom('vacancy as v')
    .innerJoin('org_unit as o', 'o.id', 'v.school_unit_id')
    .selectAll('v')
    .select('o.code as school')
    .where('v.id', '=', id)
    .executeTakeFirst();
  if (!vacancy) throw notFound(`Vacancy ${id}`);
  requireVisible(context.actor, vacancy.school, `Vacancy ${id}`);
  return vacancy;
}

/** A deployment that covers this school's headship: its need is at the school. */
async function coverDeployment(db: Db, schoolId: number, id: number): Promise<number> {
  const deployment = await db
    .selectFrom('deployment as d')
    .innerJoin('support_need as n', 'n.id', 'd.need_id')
    .select(['d.id', 'd.role', 'n.school_id'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!deployment) throw new HeadwayError('invalid', `cover_deployment: ${id} is not a deployment`);
  if (deployment.school_id !== schoolId)
    throw new HeadwayError('invalid', `cover_deployment: deployment ${id} is to another school`);
  if (!coverRoles.includes(deployment.role))
    throw new HeadwayError(
      'invalid',
      `cover_deployment: deployment ${id} is ${deployment.role.replace(/_/g, ' ')}, not headship cover`,
    );
  return deployment.id;
}

async function coverIds(
  db: Db,
  schoolId: number,
  input: { cover_deployment?: number | null; cover_person?: string | null },
) {
  if (input.cover_deployment && input.cover_person)
    throw new HeadwayError('invalid', 'cover: name a deployment or an acting head, not both');
  return {
    cover_deployment_id: input.cover_deployment
      ? await coverDeployment(db, schoolId, input.cover_deployment)
      : null,
    cover_person_id: input.cover_person ? (await personByCode(db, input.cover_person)).id : null,
  };
}

function refuseUnlessOpen(vacancy: { id: number; appointed_on: string | null; withdrawn_on: string | null }) {
  if (vacancy.appointed_on) throw new HeadwayError('conflict', `Vacancy ${vacancy.id} is already filled`);
  if (vacancy.withdrawn_on) throw new HeadwayError('conflict', `Vacancy ${vacancy.id} was withdrawn`);
}

/** Opens a vacancy at a school in the caller's scope. */
export async function openVacancy(context: Context, raw: VacancyInput): Promise<{ id: number }> {
  const { actor, db } = context;
  requirePermission(actor, 'brokering:write');
  const input = VacancyInput.parse(raw);
  const schoolId = await requireSchool(context, input.school);
  if (input.opened_on > context.today)
    throw new HeadwayError('invalid', `opened_on: ${input.opened_on} is after today (${context.today})`);
  const cover = await coverIds(db, schoolId, input);
  const leaver = input.leaving_person ? await personByCode(db, input.leaving_person) : null;
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('vacancy')
      .values({
        school_unit_id: schoolId,
        post_role: input.post_role,
        opened_on: input.opened_on,
        reason: input.reason,
        leaving_person_id: leaver?.id ?? null,
        ...cover,
        notes: input.notes,
        created_by: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'create', 'vacancy', {
      id,
      school: input.school,
      post_role: input.post_role,
    });
    return { id };
  });
}

/** Arranges or clears a vacancy's cover. */
export async function setCover(context: Context, id: number, raw: CoverInput): Promise<Vacancy> {
  requirePermission(context.actor, 'brokering:write');
  const input = CoverInput.parse(raw);
  const vacancy = await requireVacancy(context, id);
  refuseUnlessOpen(vacancy);
  const cover = await coverIds(context.db, vacancy.school_unit_id, input);
  await context.db.transaction().execute(async (trx) => {
    await trx.updateTable('vacancy').set(cover).where('id', '=', id).execute();
    await recordAudit(trx, context.actor, 'update', 'vacancy', { id, ...cover });
  });
  return vacancyDetail(context, id);
}

function checkCounts(
  round: { applications: number; shortlisted: number; interviewed: number },
  where: string,
) {
  if (round.shortlisted > round.applications)
    throw new HeadwayError(
      'invalid',
      `${where}shortlisted (${round.shortlisted}) is more than applications (${round.applications})`,
    );
  if (round.interviewed > round.shortlisted)
    throw new HeadwayError(
      'invalid',
      `${where}interviewed (${round.interviewed}) is more than shortlisted (${round.shortlisted})`,
    );
}

/**
 * Records the next round. The round before it must have ended not appointed (this one readvertises);
 * an appointment is recorded with `appoint`, so a round is never added as appointed here.
 */
export async function addRound(context: Context, id: number, raw: RoundInput): Promise<Vacancy> {
  requirePermission(context.actor, 'brokering:write');
  const input = RoundInput.parse(raw);
  const vacancy = await requireVacancy(context, id);
  refuseUnlessOpen(vacancy);
  if (input.closes_on < input.advertised_on)
    throw new HeadwayError(
      'invalid',
      `closes_on: ${input.closes_on} is before advertised_on (${input.advertised_on})`,
    );
  if (input.advertised_on < vacancy.opened_on)
    throw new HeadwayError(
      'invalid',
      `advertised_on: ${input.advertised_on} is before the vacancy opened (${vacancy.opened_on})`,
    );
  if (input.outcome === 'appointed')
    throw new HeadwayError(
      'invalid',
      'outcome: record the appointment itself (who and when), which marks the round appointed',
    );
  checkCounts(input, '');
  const last = await context.db
    .selectFrom('vacancy_round')
    .select(['number', 'outcome'])
    .where('vacancy_id', '=', id)
    .orderBy('number', 'desc')
    .executeTakeFirst();
  if (last?.outcome === 'open')
    throw new HeadwayError(
      'invalid',
      `Round ${last.number} is still open: record its outcome (not appointed) before readvertising`,
    );
  await context.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('vacancy_round')
      .values({ ...input, vacancy_id: id, number: (last?.number ?? 0) + 1 })
      .execute();
    await recordAudit(trx, context.actor, 'create', 'vacancy-round', {
      vacancy: id,
      number: (last?.number ?? 0) + 1,
    });
  });
  return vacancyDetail(context, id);
}

/** Changes a round's counts, panel or outcome (not to appointed: that is `appoint`). */
export async function editRound(
  context: Context,
  id: number,
  number: number,
  raw: RoundEdit,
): Promise<Vacancy> {
  requirePermission(context.actor, 'brokering:write');
  const edit = RoundEdit.parse(raw);
  const vacancy = await requireVacancy(context, id);
  const round = await context.db
    .selectFrom('vacancy_round')
    .selectAll()
    .where('vacancy_id', '=', id)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!round) throw notFound(`Round ${number} of vacancy ${id}`);
  if (edit.outcome === 'appointed' && round.outcome !== 'appointed')
    throw new HeadwayError(
      'invalid',
      'outcome: record the appointment itself (who and when), which marks the round appointed',
    );
  if (round.outcome === 'appointed' && edit.outcome && edit.outcome !== 'appointed')
    throw new HeadwayError(
      'invalid',
      `outcome: round ${number} made the appointment of vacancy ${vacancy.id}`,
    );
  const merged = { ...round, ...Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) };
  checkCounts(merged, `round ${number}: `);
  if (merged.closes_on < merged.advertised_on)
    throw new HeadwayError('invalid', `round ${number}: closes_on is before advertised_on`);
  await context.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('vacancy_round')
      .set({
        advertised_on: merged.advertised_on,
        closes_on: merged.closes_on,
        applications: merged.applications,
        shortlisted: merged.shortlisted,
        interviewed: merged.interviewed,
        outcome: merged.outcome,
        panel: merged.panel,
        governors_on_panel: merged.governors_on_panel,
      })
      .where('id', '=', round.id)
      .execute();
    await recordAudit(trx, context.actor, 'update', 'vacancy-round', { vacancy: id, number, ...edit });
  });
  return vacancyDetail(context, id);
}

/**
 * Records the appointment: the last round becomes appointed, the appointee's post is written in the
 * registry from the start date, and the leaver's post of the same role at the school (if still open) ends
 * the day before.
 */
export async function appoint(context: Context, id: number, raw: AppointmentInput): Promise<Vacancy> {
  requirePermission(context.actor, 'brokering:write');
  const input = AppointmentInput.parse(raw);
  const vacancy = await requireVacancy(context, id);
  refuseUnlessOpen(vacancy);
  if (input.appointed_on < vacancy.opened_on)
    throw new HeadwayError(
      'invalid',
      `appointed_on: ${input.appointed_on} is before the vacancy opened (${vacancy.opened_on})`,
    );
  if (input.appointed_on > context.today)
    throw new HeadwayError(
      'invalid',
      `appointed_on: ${input.appointed_on} is after today (${context.today})`,
    );
  if (input.starts_on < input.appointed_on)
    throw new HeadwayError(
      'invalid',
      `starts_on: ${input.starts_on} is before the appointment (${input.appointed_on})`,
    );
  const person = await personByCode(context.db, input.person);
  const holds = await context.db
    .selectFrom('post')
    .select(sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'))
    .where('person_id', '=', person.id)
    .where('org_unit_id', '=', vacancy.school_unit_id)
    .where('role', '=', vacancy.post_role)
    .where('starts_on', '<=', input.starts_on)
    .where((w) => w.or([w('ends_on', 'is', null), w('ends_on', '>=', input.starts_on)]))
    .executeTakeFirst();
  if (holds)
    throw new HeadwayError(
      'conflict',
      `${person.name} already holds this post at ${vacancy.school} (from ${holds.starts_on})`,
    );
  const last = await context.db
    .selectFrom('vacancy_round')
    .select(['id', 'number'])
    .where('vacancy_id', '=', id)
    .orderBy('number', 'desc')
    .executeTakeFirst();
  if (!last)
    throw new HeadwayError(
      'invalid',
      `Vacancy ${id} has no recruitment round: record the round that appointed`,
    );
  await context.db.transaction().execute(async (trx) => {
    const dayBefore = sql<string>`(${input.starts_on}::date - 1)`;
    if (vacancy.leaving_person_id)
      await trx
        .updateTable('post')
        .set({ ends_on: dayBefore })
        .where('person_id', '=', vacancy.leaving_person_id)
        .where('org_unit_id', '=', vacancy.school_unit_id)
        .where('role', '=', vacancy.post_role)
        .where('ends_on', 'is', null)
        .where('starts_on', '<', input.starts_on)
        .execute();
    const post = await trx
      .insertInto('post')
      .values({
        person_id: person.id,
        org_unit_id: vacancy.school_unit_id,
        role: vacancy.post_role,
        starts_on: input.starts_on,
        ends_on: null,
        fte: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('vacancy_round').set({ outcome: 'appointed' }).where('id', '=', last.id).execute();
    await trx
      .updateTable('vacancy')
      .set({
        appointed_person_id: person.id,
        appointed_on: input.appointed_on,
        appointed_starts_on: input.starts_on,
        appointed_post_id: post.id,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, context.actor, 'update', 'vacancy', {
      id,
      appointed: input.person,
      round: last.number,
      post: post.id,
    });
  });
  return vacancyDetail(context, id);
}

/**
 * Withdraws an open vacancy: the post is not to be filled after all. A round still open closes not
 * appointed (its applications still count: they were received). A withdrawn vacancy leaves the open and
 * under-cover counts and never enters time to fill or filled first time; its rounds stay in applications
 * per headship, which counts adverts, not outcomes.
 */
export async function withdrawVacancy(context: Context, id: number, raw: WithdrawInput): Promise<Vacancy> {
  requirePermission(context.actor, 'brokering:write');
  const input = WithdrawInput.parse(raw);
  const vacancy = await requireVacancy(context, id);
  refuseUnlessOpen(vacancy);
  const on = input.withdrawn_on ?? context.today;
  if (on < vacancy.opened_on)
    throw new HeadwayError(
      'invalid',
      `withdrawn_on: ${on} is before the vacancy opened (${vacancy.opened_on})`,
    );
  if (on > context.today)
    throw new HeadwayError('invalid', `withdrawn_on: ${on} is after today (${context.today})`);
  await context.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('vacancy')
      .set({ withdrawn_on: on, withdrawn_reason: input.reason })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('vacancy_round')
      .set({ outcome: 'not_appointed' })
      .where('vacancy_id', '=', id)
      .where('outcome', '=', 'open')
      .execute();
    await recordAudit(trx, context.actor, 'withdraw', 'vacancy', { id, on, reason: input.reason });
  });
  return vacancyDetail(context, id);
}

/** The register in the caller's scope, filtered, sorted and paged in SQL, with the figures of the whole filter. */
export async function listVacancies(context: Context, raw: VacancyFilterInput = {}): Promise<VacancyPage> {
  const { actor, db } = context;
  requirePermission(actor, 'brokering:read');
  const filter = VacancyFilter.parse(raw);
  if (filter.school) requireVisible(actor, filter.school, `School ${filter.school}`);
  if (filter.area) requireVisible(actor, filter.area, `Area ${filter.area}`);
  const units = visibleUnits(actor);
  const [rows, figures] = await Promise.all([
    vacancyPageQuery(db, units, filter).execute(),
    vacancyFiguresQuery(db, units, filter).executeTakeFirstOrThrow(),
  ]);
  return {
    total: rows[0]?.total ?? 0,
    page: filter.page,
    page_size: filter.page_size,
    summary: {
      ...figures,
      median_days_to_fill: figures.median_days_to_fill === null ? null : Number(figures.median_days_to_fill),
    },
    vacancies: rows.map(({ total: _total, ...vacancy }) => vacancy),
  };
}

/** One vacancy whole, with its rounds in order. */
export async function vacancyDetail(context: Context, id: number): Promise<Vacancy> {
  const { actor, db } = context;
  requirePermission(actor, 'brokering:read');
  await requireVacancy(context, id);
  const summary = await vacancyPageQuery(db, null, VacancyFilter.parse({}))
    .clearLimit()
    .clearOffset()
    .leftJoin('person as lp', 'lp.id', 'v.leaving_person_id')
    .select([
      sql<{ code: string; name: string } | null>`case when lp.id is null then null
        else json_build_object('code', lp.code, 'name', ${personName('lp')}) end`.as('leaving'),
      'v.notes',
      sql<string | null>`to_char(v.appointed_starts_on, 'YYYY-MM-DD')`.as('appointed_starts_on'),
      sql<string | null>`to_char(v.withdrawn_on, 'YYYY-MM-DD')`.as('withdrawn_on'),
      'v.withdrawn_reason',
      'v.created_by',
    ])
    .where('v.id', '=', id)
    .executeTakeFirstOrThrow();
  const rounds: VacancyRound[] = await db
    .selectFrom('vacancy_round')
    .select([
      'id',
      'number',
      sql<string>`to_char(advertised_on, 'YYYY-MM-DD')`.as('advertised_on'),
      sql<string>`to_char(closes_on, 'YYYY-MM-DD')`.as('closes_on'),
      'applications',
      'shortlisted',
      'interviewed',
      'outcome',
      'panel',
      'governors_on_panel',
    ])
    .where('vacancy_id', '=', id)
    .orderBy('number')
    .execute();
  const { total: _total, ...rest } = summary;
  return { ...rest, round_list: rounds };
}
