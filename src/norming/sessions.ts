// Norming sessions: set one up (rubric version, lead assessor, raters, reference cases), list and read
// them, enter a rater's own levels or the master's per case, and close one, which fixes the scores and
// records each rater's agreement as it then stood (what calibration and drift read).
import { sql } from 'kysely';
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { personByCode, personIds } from '../meetings/lookups.ts';
import { personName } from '../registry/sql.ts';
import { requireOpen, requireRuns, runsAll, type SessionRow, sessionFor } from './access.ts';
import {
  type ScoresInput,
  type SessionDetail,
  SessionInput,
  type SessionInput as SessionInputShape,
  type SessionSummary,
} from './contract.ts';
import { sessionScores } from './session-scores.ts';
import { sessionStatistics } from './session-stats.ts';
import { toleranceOf } from './settings.ts';

function summaryQuery(db: Db) {
  return db
    .selectFrom('norming_session as s')
    .innerJoin('rubric as r', 'r.id', 's.rubric_id')
    .innerJoin('person as p', 'p.id', 's.led_by')
    .select([
      's.id',
      's.title',
      sql<string>`to_char(s.held_on, 'YYYY-MM-DD')`.as('held_on'),
      sql<
        SessionSummary['rubric']
      >`json_build_object('code', r.code, 'version', r.version, 'name', r.name)`.as('rubric'),
      sql<SessionSummary['led_by']>`json_build_object('code', p.code, 'name', ${personName('p')})`.as(
        'led_by',
      ),
      's.status',
      sql<string | null>`to_char(s.closed_on, 'YYYY-MM-DD')`.as('closed_on'),
      sql<number>`(select count(*)::int from norming_case c where c.session_id = s.id)`.as('cases'),
      sql<number>`(select count(*)::int from norming_rater nr where nr.session_id = s.id)`.as('raters'),
      's.led_by as led_by_id',
    ]);
}

/** The sessions the caller runs or rates in, newest first (none for someone who does neither). */
export async function listSessions(context: Context): Promise<{ sessions: SessionSummary[] }> {
  const { db, actor } = context;
  const all = runsAll(actor);
  if (!all && actor.personId === null) return { sessions: [] };
  let query = summaryQuery(db);
  if (!all)
    query = query.where((eb) =>
      eb.or([
        eb('s.led_by', '=', actor.personId as number),
        eb.exists(
          eb
            .selectFrom('norming_rater as me')
            .select('me.person_id')
            .whereRef('me.session_id', '=', 's.id')
            .where('me.person_id', '=', actor.personId as number),
        ),
      ]),
    );
  const rows = await query.orderBy('s.held_on', 'desc').orderBy('s.id', 'desc').execute();
  return {
    sessions: rows.map(({ led_by_id, ...row }) => ({
      ...row,
      role: all || led_by_id === actor.personId ? 'runs' : 'rates',
    })),
  };
}

export async function sessionSummary(context: Context, id: number): Promise<SessionSummary> {
  const { role } = await sessionFor(context, id);
  const { led_by_id: _, ...row } = await summaryQuery(context.db)
    .where('s.id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...row, role };
}

/** Sets a session up on the rubric's current version; the director's (or an admin's) to do. */
export async function createSession(context: Context, raw: SessionInputShape): Promise<{ id: number }> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'visits:write');
  const input = SessionInput.parse(raw);
  const rubric = await db
    .selectFrom('rubric')
    .select('id')
    .where('code', '=', input.rubric)
    .where('superseded', '=', false)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!rubric) throw new HeadwayError('invalid', `${input.rubric} is not a rubric`);
  const lead = await personByCode(db, input.led_by);
  const raters = [...new Set(await personIds(db, input.raters))];
  const titles = input.cases.map((c) => c.title);
  const twice = titles.find((t, i) => titles.indexOf(t) !== i);
  if (twice) throw new HeadwayError('invalid', `cases: "${twice}" is named twice`);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('norming_session')
      .values({ title: input.title, held_on: input.held_on, rubric_id: rubric.id, led_by: lead.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('norming_rater')
      .values(
        raters.map((person_id) => ({
          session_id: id,
          person_id,
          exact: null,
          within_one: null,
          bias: null,
          kappa: null,
          flags: null,
        })),
      )
      .execute();
    await trx
      .insertInto('norming_case')
      .values(input.cases.map((c, position) => ({ session_id: id, position, ...c })))
      .execute();
    await recordAudit(trx, actor, 'create', 'norming_session', { id, title: input.title });
    return { id };
  });
}

async function criteriaOf(db: Db, rubricId: number) {
  const rows = await db
    .selectFrom('rubric_criterion as c')
    .innerJoin('rubric_section as s', 's.id', 'c.section_id')
    .select([
      'c.id',
      'c.code',
      'c.name',
      's.name as section',
      sql<{ level: number; descriptor: string }[]>`(select json_agg(json_build_object('level', l.level,
        'descriptor', l.descriptor) order by l.level) from rubric_level l where l.criterion_id = c.id)`.as(
        'levels',
      ),
    ])
    .where('s.rubric_id', '=', rubricId)
    .orderBy('s.position')
    .orderBy('c.position')
    .execute();
  return rows.map((r) => ({ ...r, levels: r.levels ?? [] }));
}

/** The session as the caller may see it: their own levels; the masters and everyone's progress to who runs it. */
export async function sessionDetail(context: Context, id: number): Promise<SessionDetail> {
  const { db, actor } = context;
  const summary = await sessionSummary(context, id);
  const { session, role } = await sessionFor(context, id);
  const criteria = await criteriaOf(db, session.rubric_id);
  const codeOf = new Map(criteria.map((c) => [c.id, c.code]));
  const cases = await db
    .selectFrom('norming_case')
    .select(['id', 'title', 'kind', 'link', 'description'])
    .where('session_id', '=', id)
    .orderBy('position')
    .execute();
  const caseIds = cases.map((c) => c.id);
  const mine =
    actor.personId === null || caseIds.length === 0
      ? []
      : await db
          .selectFrom('norming_score')
          .select(['case_id', 'criterion_id', 'level'])
          .where('case_id', 'in', caseIds)
          .where('person_id', '=', actor.personId)
          .execute();
  const showMaster = role === 'runs' || session.status === 'closed';
  const masters =
    showMaster && caseIds.length
      ? await db
          .selectFrom('norming_master')
          .select(['case_id', 'criterion_id', 'level'])
          .where('case_id', 'in', caseIds)
          .execute()
      : [];
  const byCase = (rows: { case_id: number; criterion_id: number; level: number }[], caseId: number) =>
    Object.fromEntries(
      rows.filter((r) => r.case_id === caseId).map((r) => [codeOf.get(r.criterion_id) ?? '', r.level]),
    );
  let progress = db
    .selectFrom('norming_rater as nr')
    .innerJoin('person as p', 'p.id', 'nr.person_id')
    .select([
      'p.code',
      personName('p').as('name'),
      sql<number>`(select count(*)::int from norming_score ns join norming_case nc on nc.id = ns.case_id
        where nc.session_id = nr.session_id and ns.person_id = nr.person_id)`.as('scored'),
    ])
    .where('nr.session_id', '=', id);
  if (role !== 'runs') progress = progress.where('nr.person_id', '=', actor.personId as number);
  return {
    ...summary,
    criteria: criteria.map(({ id: _, ...c }) => c),
    cases: cases.map((c) => ({
      ...c,
      mine: byCase(mine, c.id),
      master: showMaster ? byCase(masters, c.id) : null,
    })),
    rater_progress: await progress.orderBy('p.family_name').orderBy('p.given_name').execute(),
    levels_per_rater: cases.length * criteria.length,
  };
}

async function caseOf(db: Db, session: SessionRow, caseId: number) {
  const found = await db
    .selectFrom('norming_case')
    .select(['id', 'title'])
    .where('id', '=', caseId)
    .where('session_id', '=', session.id)
    .executeTakeFirst();
  if (!found) throw notFound(`Case ${caseId} of norming session ${session.id}`);
  return found;
}

async function criterionIds(db: Db, rubricId: number, codes: string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('rubric_criterion as c')
    .innerJoin('rubric_section as s', 's.id', 'c.section_id')
    .select(['c.id', 'c.code'])
    .where('s.rubric_id', '=', rubricId)
    .execute();
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  const unknown = codes.filter((c) => !ids.has(c));
  if (unknown.length)
    throw new HeadwayError('invalid', `not criteria of the session's rubric: ${unknown.join(', ')}`);
  return ids;
}

async function checkScale(db: Db, rubricId: number, input: ScoresInput): Promise<void> {
  const { scale_max } = await db
    .selectFrom('rubric')
    .select('scale_max')
    .where('id', '=', rubricId)
    .executeTakeFirstOrThrow();
  const off = input.scores.find((s) => s.level > scale_max);
  if (off)
    throw new HeadwayError(
      'invalid',
      `${off.criterion}: level ${off.level} is above the scale (1-${scale_max})`,
    );
}

/** The case the levels are for and their criteria's ids, once every level is on the rubric's scale. */
async function levelsFor(db: Db, session: SessionRow, caseId: number, input: ScoresInput) {
  const found = await caseOf(db, session, caseId);
  const ids = await criterionIds(
    db,
    session.rubric_id,
    input.scores.map((s) => s.criterion),
  );
  await checkScale(db, session.rubric_id, input);
  return { found, ids };
}

/** A rater's own levels for one case, while the session is open; replaces what they gave for these criteria. */
export async function scoreCase(
  context: Context,
  id: number,
  caseId: number,
  input: ScoresInput,
): Promise<{ scored: number }> {
  const { db, actor } = context;
  const { session } = await sessionFor(context, id);
  const rater =
    actor.personId === null
      ? undefined
      : await db
          .selectFrom('norming_rater')
          .select('person_id')
          .where('session_id', '=', id)
          .where('person_id', '=', actor.personId)
          .executeTakeFirst();
  if (!rater) throw notFound(`Your place as a rater in norming session ${id}`);
  requireOpen(session);
  const { found, ids } = await levelsFor(db, session, caseId, input);
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('norming_score')
      .values(
        input.scores.map((s) => ({
          case_id: caseId,
          person_id: rater.person_id,
          criterion_id: ids.get(s.criterion) as number,
          level: s.level,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['case_id', 'person_id', 'criterion_id'])
          .doUpdateSet((eb) => ({ level: eb.ref('excluded.level') })),
      )
      .execute();
    await recordAudit(trx, actor, 'score', 'norming_case', {
      session: id,
      case: found.title,
      levels: input.scores.length,
    });
    const { n } = await trx
      .selectFrom('norming_score')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('case_id', '=', caseId)
      .where('person_id', '=', rater.person_id)
      .executeTakeFirstOrThrow();
    return { scored: n };
  });
}

/** The master's levels for one case (agreed by the lead assessors), by who runs the session. */
export async function setMaster(
  context: Context,
  id: number,
  caseId: number,
  input: ScoresInput,
): Promise<{ scored: number }> {
  const { db, actor } = context;
  const { session, role } = await sessionFor(context, id);
  requireRuns(role, 'set the master levels');
  requireOpen(session);
  const { found, ids } = await levelsFor(db, session, caseId, input);
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('norming_master')
      .values(
        input.scores.map((s) => ({
          case_id: caseId,
          criterion_id: ids.get(s.criterion) as number,
          level: s.level,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['case_id', 'criterion_id']).doUpdateSet((eb) => ({ level: eb.ref('excluded.level') })),
      )
      .execute();
    await recordAudit(trx, actor, 'master', 'norming_case', {
      session: id,
      case: found.title,
      levels: input.scores.length,
    });
    const { n } = await trx
      .selectFrom('norming_master')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    return { scored: n };
  });
}

/**
 * Closes a session: refused while a case has no master level. Each rater's agreement over every
 * criterion, with the flags the installation's tolerance gives, is recorded as it stands now.
 */
export async function closeSession(context: Context, id: number): Promise<SessionSummary> {
  const { db, actor } = context;
  const { session, role } = await sessionFor(context, id);
  requireRuns(role, 'close it');
  requireOpen(session);
  const bare = await db
    .selectFrom('norming_case as c')
    .select('c.title')
    .where('c.session_id', '=', id)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('norming_master as m').select('m.case_id').whereRef('m.case_id', '=', 'c.id'))),
    )
    .orderBy('c.position')
    .execute();
  if (bare.length)
    throw new HeadwayError(
      'conflict',
      `Set the master levels first: ${bare.map((c) => `"${c.title}"`).join(', ')} ${bare.length === 1 ? 'has' : 'have'} none`,
    );
  const { scores, levels, raters } = await sessionScores(db, id);
  const statistics = sessionStatistics(scores, levels, toleranceOf(context.settings));
  const overall = new Map(statistics.overall.map((r) => [r.rater, r]));
  await db.transaction().execute(async (trx) => {
    for (const rater of raters) {
      const agreement = overall.get(rater.key);
      await trx
        .updateTable('norming_rater')
        .set({
          exact: agreement?.exact ?? null,
          within_one: agreement?.within_one ?? null,
          bias: agreement?.bias ?? null,
          kappa: agreement?.kappa ?? null,
          flags: agreement ? agreement.flags : null,
        })
        .where('session_id', '=', id)
        .where('person_id', '=', rater.id)
        .execute();
    }
    await trx
      .updateTable('norming_session')
      .set({ status: 'closed', closed_on: context.today })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, 'close', 'norming_session', { id, title: session.title });
  });
  return sessionSummary(context, id);
}
