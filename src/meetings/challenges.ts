// The challenges log's verbs: raise, edit, move through the workflow, add a dated update, remove one
// raised in error; and read them, one with its timeline or many through filters. Every change writes
// the timeline and an audit event in the same transaction.
import { sql } from 'kysely';
import { type Actor, canSee } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import { type Context, withDb } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { personName } from '../registry/sql.ts';
import {
  allows,
  type ChallengeAccessFacts,
  canEditMeeting,
  challengeVisibleTo,
  meetingFacts,
  requireChallenge,
  requireChallengeEditor,
  requireMeeting,
  requireReader,
  requireUnitsInScope,
  requireVerifier,
  seesMeeting,
} from './access.ts';
import type {
  Challenge,
  ChallengeEdit,
  ChallengeInput,
  ChallengeMove,
  ChallengeNote,
  ChallengeStatus,
  ChallengeSummary,
  UpdateKind,
} from './challenge-contract.ts';
import { personByCode, requireCategory, unitIdsByCode } from './lookups.ts';
import { challengeReach } from './reach.ts';
import { checkTransition, transitions } from './workflow.ts';

export const openStatuses: ChallengeStatus[] = ['open', 'in_progress'];

function requireDay(on: string, today: string, what: string): void {
  if (on > today) throw new HeadwayError('invalid', `${what} (${on}) is after today (${today})`);
}

async function addTimeline(
  { db, actor }: Context,
  entry: {
    challenge_id: number;
    on_date: string;
    kind: UpdateKind;
    note?: string;
    from_status?: ChallengeStatus | null;
    to_status?: ChallengeStatus | null;
  },
): Promise<void> {
  await db
    .insertInto('challenge_update')
    .values({
      note: '',
      from_status: null,
      to_status: null,
      ...entry,
      author: actor.name,
    })
    .execute();
}

export async function raiseChallenge(context: Context, input: ChallengeInput): Promise<number> {
  const { db, actor, today } = context;
  if (input.units.length === 0)
    throw new HeadwayError('invalid', 'units: name at least one school or area the challenge affects');
  requireUnitsInScope(actor, input.units);
  const raisedOn = input.raised_on ?? today;
  requireDay(raisedOn, today, 'raised_on');
  if (input.due_on && input.due_on < raisedOn)
    throw new HeadwayError(
      'invalid',
      `due_on (${input.due_on}) is before the day it was raised (${raisedOn})`,
    );
  return db.transaction().execute(async (trx) => {
    const inTrx = withDb(context, trx);
    await requireCategory(trx, input.category);
    const unitIds = await unitIdsByCode(trx, input.units);
    const raisedBy = input.raised_by ? (await personByCode(trx, input.raised_by)).id : actor.personId;
    const owner = input.owner ? (await personByCode(trx, input.owner)).id : raisedBy;
    // Raised at a meeting the caller may see (chair, attendee, or leading its unit); any other is not found.
    const meeting = input.meeting_id ? await requireMeeting(inTrx, input.meeting_id) : null;
    // Who raised it is the caller, unless they record it for someone at a meeting they run (or for
    // the whole authority): nobody else puts words in another person's mouth.
    if (raisedBy !== actor.personId && !actor.scope.all && !(meeting && canEditMeeting(actor, meeting)))
      throw new HeadwayError(
        'forbidden',
        'raised_by: you may record only yourself as having raised a challenge, except at a meeting you run',
      );
    const { id } = await trx
      .insertInto('challenge')
      .values({
        title: input.title,
        description: input.description ?? '',
        category: input.category,
        raised_on: raisedOn,
        raised_by_person_id: raisedBy,
        meeting_id: input.meeting_id ?? null,
        owner_person_id: owner,
        priority: input.priority,
        due_on: input.due_on ?? null,
        status: 'open',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('challenge_unit')
      .values(unitIds.map((org_unit_id) => ({ challenge_id: id, org_unit_id })))
      .execute();
    await addTimeline(inTrx, { challenge_id: id, on_date: raisedOn, kind: 'raised', to_status: 'open' });
    await recordAudit(trx, actor, 'raise', 'challenge', { id, title: input.title, units: input.units });
    return id;
  });
}

export async function editChallenge(context: Context, id: number, edit: ChallengeEdit): Promise<void> {
  const { db, actor, today } = context;
  const facts = await requireChallenge(context, id);
  requireChallengeEditor(actor, facts);
  if (edit.units) {
    if (edit.units.length === 0)
      throw new HeadwayError('invalid', 'units: name at least one school or area the challenge affects');
    requireUnitsInScope(actor, edit.units);
    // An owner from elsewhere works the challenge but may not move it out of the units that raised it.
    const outside = facts.unitCodes.filter((code) => !canSee(actor, code));
    if (outside.length)
      throw new HeadwayError(
        'forbidden',
        `${actor.name} may not move challenge ${id}: it affects ${outside.join(', ')}, outside their scope`,
      );
  }
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('challenge')
      .select(['raised_on', 'owner_person_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (edit.due_on && edit.due_on < before.raised_on)
      throw new HeadwayError(
        'invalid',
        `due_on (${edit.due_on}) is before the day it was raised (${before.raised_on})`,
      );
    if (edit.category) await requireCategory(trx, edit.category);
    const owner =
      edit.owner === undefined ? undefined : edit.owner ? await personByCode(trx, edit.owner) : null;
    const changes = {
      ...(edit.title !== undefined && { title: edit.title }),
      ...(edit.description !== undefined && { description: edit.description }),
      ...(edit.category !== undefined && { category: edit.category }),
      ...(edit.priority !== undefined && { priority: edit.priority }),
      ...(edit.due_on !== undefined && { due_on: edit.due_on }),
      ...(owner !== undefined && { owner_person_id: owner?.id ?? null }),
    };
    await trx
      .updateTable('challenge')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    if (edit.units) {
      const unitIds = await unitIdsByCode(trx, edit.units);
      await trx.deleteFrom('challenge_unit').where('challenge_id', '=', id).execute();
      await trx
        .insertInto('challenge_unit')
        .values(unitIds.map((org_unit_id) => ({ challenge_id: id, org_unit_id })))
        .execute();
    }
    if (owner !== undefined && (owner?.id ?? null) !== before.owner_person_id)
      await addTimeline(withDb(context, trx), {
        challenge_id: id,
        on_date: today,
        kind: 'assigned',
        note: owner ? `Owner: ${owner.name}` : 'No owner',
      });
    const edited = Object.keys(changes).filter((k) => k !== 'owner_person_id');
    if (edited.length || edit.units)
      await addTimeline(withDb(context, trx), {
        challenge_id: id,
        on_date: today,
        kind: 'edited',
        note: `Changed ${[...edited, ...(edit.units ? ['units'] : [])].join(', ').replaceAll('_', ' ')}`,
      });
    await recordAudit(trx, actor, 'edit', 'challenge', { id, ...edit });
  });
}

/** Moves a challenge through the workflow, keeping the dates measures are computed from. */
export async function moveChallenge(context: Context, id: number, move: ChallengeMove): Promise<void> {
  const { db, actor, today } = context;
  const facts = await requireChallenge(context, id);
  if (move.to !== 'verified') requireChallengeEditor(actor, facts);
  const on = move.on ?? today;
  requireDay(on, today, 'on');
  await db.transaction().execute(async (trx) => {
    // Locked, so two people moving it at once cannot both start from the same status.
    const current = await trx
      .selectFrom('challenge')
      .select(['status', 'raised_on'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    checkTransition(id, current.status, move);
    if (move.to === 'verified') requireVerifier(actor, facts);
    const last = await trx
      .selectFrom('challenge_update')
      .select((eb) => eb.fn.max('on_date').as('on_date'))
      .where('challenge_id', '=', id)
      .where('to_status', 'is not', null)
      .executeTakeFirst();
    const lastOn = last?.on_date ? String(last.on_date).slice(0, 10) : current.raised_on;
    if (on < lastOn)
      throw new HeadwayError(
        'invalid',
        `Challenge ${id}: on (${on}) is before its last status change (${lastOn}); the timeline runs forwards`,
      );
    const reopened = move.to === 'in_progress' && current.status === 'resolved';
    await trx
      .updateTable('challenge')
      .set({
        status: move.to,
        updated_at: new Date(),
        ...(move.to === 'resolved' && { resolution: move.resolution?.trim(), resolved_on: on }),
        ...(reopened && { resolution: null, resolved_on: null }),
        ...(move.to === 'verified' && { verified_on: on }),
        ...(move.to === 'closed' && { closed_reason: move.reason?.trim(), closed_on: on }),
        ...(move.to === 'open' && current.status === 'closed' && { closed_reason: null, closed_on: null }),
      })
      .where('id', '=', id)
      .execute();
    const note = [move.resolution?.trim(), move.reason?.trim(), move.note?.trim()]
      .filter(Boolean)
      .join(' — ');
    await addTimeline(withDb(context, trx), {
      challenge_id: id,
      on_date: on,
      kind: 'status',
      from_status: current.status,
      to_status: move.to,
      note,
    });
    await recordAudit(trx, actor, 'status', 'challenge', {
      id,
      from: current.status,
      to: move.to,
      on,
      ...(note && { note }),
    });
  });
}

export async function addChallengeNote(
  context: Context,
  id: number,
  { note, on }: ChallengeNote,
): Promise<void> {
  const { db, actor, today } = context;
  const facts = await requireChallenge(context, id);
  requireChallengeEditor(actor, facts);
  if (!note.trim()) throw new HeadwayError('invalid', 'note: say what happened');
  const day = on ?? today;
  requireDay(day, today, 'on');
  await db.transaction().execute(async (trx) => {
    await addTimeline(withDb(context, trx), {
      challenge_id: id,
      on_date: day,
      kind: 'note',
      note: note.trim(),
    });
    await trx.updateTable('challenge').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, 'update', 'challenge', { id, on: day });
  });
}

/** Only for a challenge raised in error, by someone who leads the whole authority; others close it. */
export async function deleteChallenge(context: Context, id: number): Promise<void> {
  const { db, actor } = context;
  await requireChallenge(context, id);
  if (!actor.scope.all || !actor.permissions.has('meetings:write'))
    throw new HeadwayError(
      'forbidden',
      `${actor.name} may not delete challenges; close it as won't fix with a reason instead`,
    );
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('challenge').where('id', '=', id).returning('title').executeTakeFirst();
    await recordAudit(trx, actor, 'delete', 'challenge', { id, title: row?.title });
  });
}

/**
 * The moves this caller may make from `status`: the workflow's, less those the server would refuse them
 * (anyone who may not work it gets none; an owner may not verify their own resolution).
 */
function movesFor(actor: Actor, facts: ChallengeAccessFacts, status: ChallengeStatus): ChallengeStatus[] {
  const editor = allows(() => requireChallengeEditor(actor, facts));
  const verifier = allows(() => requireVerifier(actor, facts));
  return transitions[status].filter((to) => (to === 'verified' ? verifier : editor));
}

export interface ChallengeFilter {
  id?: number;
  area?: string;
  category?: string;
  status?: ChallengeStatus[];
  owner?: string;
  overdue?: boolean;
  recurring?: number;
  meeting?: number;
  search?: string;
}

/** The challenges a caller may see, filtered; overdue first, then by due date. */
export async function listChallenges(context: Context, filter: ChallengeFilter): Promise<ChallengeSummary[]> {
  const { db, actor, today } = context;
  requireReader(actor);
  const { rows } = await sql<ChallengeSummary>`
    with recursive ${challengeReach},
    areas as (
      select r.challenge_id, array_agg(distinct o.code order by o.code) as codes
      from reach r join org_unit o on o.id = r.id where o.level = 'area' group by r.challenge_id
    )
    select c.id, c.title, c.category, cat.name as category_name, c.priority, c.status,
      to_char(c.raised_on, 'YYYY-MM-DD') as raised_on, to_char(c.due_on, 'YYYY-MM-DD') as due_on,
      to_char(c.resolved_on, 'YYYY-MM-DD') as resolved_on, to_char(c.closed_on, 'YYYY-MM-DD') as closed_on,
      case when ow.id is null then null else json_build_object('code', ow.code, 'name', ${personName('ow')}) end as owner,
      case when rb.id is null then null else json_build_object('code', rb.code, 'name', ${personName('rb')}) end as raised_by,
      c.meeting_id,
      (select coalesce(json_agg(json_build_object('code', o.code, 'name', o.name, 'level', o.level) order by o.level, o.code), '[]')
        from challenge_unit cu join org_unit o on o.id = cu.org_unit_id where cu.challenge_id = c.id) as units,
      coalesce(a.codes, '{}') as areas,
      case when rp.id is null then null else json_build_object('id', rp.id, 'title', rp.title) end as recurring,
      (coalesce(c.resolved_on, c.closed_on, ${today}::date) - c.raised_on) as age_days,
      coalesce(c.status in ('open', 'in_progress') and c.due_on < ${today}::date, false) as overdue
    from challenge c
    join challenge_category cat on cat.code = c.category
    left join person ow on ow.id = c.owner_person_id
    left join person rb on rb.id = c.raised_by_person_id
    left join recurring_problem rp on rp.id = c.recurring_id
    left join areas a on a.challenge_id = c.id
    where ${challengeVisibleTo(actor)}
      and (${filter.area ?? null}::text is null or ${filter.area ?? null} = any(a.codes)
           or exists (select 1 from challenge_unit cu join org_unit o on o.id = cu.org_unit_id
                      where cu.challenge_id = c.id and o.code = ${filter.area ?? null}))
      and (${filter.id ?? null}::int is null or c.id = ${filter.id ?? null})
      and (${filter.category ?? null}::text is null or c.category = ${filter.category ?? null})
      and (${filter.status ?? null}::text[] is null or c.status = any(${filter.status ?? null}::text[]))
      and (${filter.owner ?? null}::text is null or ow.code = ${filter.owner ?? null})
      and (${filter.overdue ?? null}::boolean is not true or (c.status in ('open', 'in_progress') and c.due_on < ${today}::date))
      and (${filter.recurring ?? null}::int is null or c.recurring_id = ${filter.recurring ?? null})
      and (${filter.meeting ?? null}::int is null or c.meeting_id = ${filter.meeting ?? null})
      and (${filter.search ?? null}::text is null or c.title ilike ${`%${filter.search ?? ''}%`})
    order by coalesce(c.status in ('open', 'in_progress') and c.due_on < ${today}::date, false) desc,
      c.status in ('open', 'in_progress') desc, c.due_on nulls last, c.id`.execute(db);
  return rows.map((r) => ({ ...r, age_days: Number(r.age_days) }));
}

/** One challenge with its timeline, its actions and the others it recurs with. */
export async function challengeDetail(context: Context, id: number): Promise<Challenge> {
  const { db, actor } = context;
  const access = await requireChallenge(context, id);
  const [summary] = await listChallenges(context, { id });
  if (!summary) throw new HeadwayError('not_found', `Challenge ${id} was not found`);
  const [details, timeline, actions, recurring] = await Promise.all([
    db
      .selectFrom('challenge as c')
      .leftJoin('meeting as m', 'm.id', 'c.meeting_id')
      .select(['c.description', 'c.resolution', 'c.closed_reason', 'm.title as meeting_title'])
      .select(sql<string | null>`to_char(c.verified_on, 'YYYY-MM-DD')`.as('verified_on'))
      .select(sql<string | null>`to_char(m.held_on, 'YYYY-MM-DD')`.as('meeting_held_on'))
      .where('c.id', '=', id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('challenge_update')
      .select(['id', 'kind', 'author', 'from_status', 'to_status', 'note', 'recorded_at'])
      .select(sql<string>`to_char(on_date, 'YYYY-MM-DD')`.as('on'))
      .where('challenge_id', '=', id)
      .orderBy('on_date')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('action_item as a')
      .leftJoin('person as p', 'p.id', 'a.owner_person_id')
      .select(['a.id', 'a.title', 'a.status', 'p.code as owner_code'])
      .select(sql<string | null>`${personName('p')}`.as('owner_name'))
      .select(sql<string | null>`to_char(a.due_on, 'YYYY-MM-DD')`.as('due_on'))
      .where('a.challenge_id', '=', id)
      .orderBy('a.id')
      .execute(),
    summary.recurring ? listChallenges(context, { recurring: summary.recurring.id }) : Promise.resolve([]),
  ]);
  const { meeting_title, meeting_held_on, ...rest } = details;
  // The meeting it was raised at is named only to those who may open that meeting.
  const facts = summary.meeting_id ? await meetingFacts(db, summary.meeting_id) : null;
  const meetingId = facts && seesMeeting(actor, facts) ? facts.id : null;
  return {
    ...summary,
    ...rest,
    meeting_id: meetingId,
    meeting: meetingId ? { id: meetingId, title: meeting_title ?? '', held_on: meeting_held_on ?? '' } : null,
    next: movesFor(actor, access, summary.status),
    timeline,
    actions,
    recurs_with: recurring.filter((c) => c.id !== id),
  };
}
