// Meetings: create one (a monthly area-lead meeting drafts its agenda from the data at once), change
// its details and attendees, remove it, and read it whole: agenda with minutes, decisions and actions,
// attendees, the performance packs of its period and the challenges raised at it.

import { sql } from 'kysely';
import { canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { latestMonth } from '../kpi/queries.ts';
import { authorityRoot } from '../registry/queries.ts';
import { headRoles } from '../registry/schema.ts';
import { personName, unitsBeneath } from '../registry/sql.ts';
import { canEditMeeting, type MeetingFacts, requireMeeting, requireMeetingEditor } from './access.ts';
import { draftAgenda } from './agenda.ts';
import { listChallenges } from './challenges.ts';
import { personByCode, personIds, unitIdsByCode } from './lookups.ts';
import type {
  Attendance,
  Attendee,
  Meeting,
  MeetingAction,
  MeetingEdit,
  MeetingInput,
  MeetingListQuery,
  MeetingSummary,
} from './meeting-contract.ts';
import {
  redactDeep,
  referencedChallenges,
  refsVisibleTo,
  schoolNameRedactor,
  visibleChallengeIds,
} from './redact.ts';
import { meetingKindNames } from './schema.ts';

/** The month before the meeting, or the latest month with data if that is earlier. */
async function defaultPeriod(db: Db, heldOn: string): Promise<string> {
  const [y, m] = heldOn.split('-').map(Number) as [number, number];
  const before = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const latest = await latestMonth(db);
  return latest && latest < before ? latest : before;
}

/**
 * Those an area meeting with headteachers invites when not told: the heads in post today (substantive,
 * acting or interim) at the schools beneath its unit.
 */
async function headsBeneath(db: Db, unit: string, today: string): Promise<number[]> {
  const { rows } = await sql<{ person_id: number }>`
    with recursive ${unitsBeneath('beneath', sql`code = ${unit}`)}
    select distinct po.person_id from post po
      join beneath b on b.id = po.org_unit_id join org_unit o on o.id = b.id
    where o.level = 'school' and po.role = any(${[...headRoles]}::text[])
      and po.starts_on <= ${today}::date and (po.ends_on is null or po.ends_on > ${today}::date)
    order by po.person_id`.execute(db);
  return rows.map((r) => r.person_id);
}

/**
 * Holds a meeting for the authority (default) or an area; its period defaults to the month before it
 * (or the latest with data), and a monthly area-lead meeting drafts its agenda unless `draft` is false.
 */
export async function createMeeting(context: Context, input: MeetingInput): Promise<number> {
  const { db, actor } = context;
  requirePermission(actor, 'meetings:write');
  const unit = input.org_unit ?? (await authorityRoot(db))?.code;
  if (!unit)
    throw new HeadwayError('invalid', 'org_unit: there is no authority yet; import the registry first');
  if (!canSee(actor, unit))
    throw new HeadwayError(
      'forbidden',
      `${actor.name} may hold meetings only for their own units; not ${unit}`,
    );
  const period = input.period ?? (await defaultPeriod(db, input.held_on));
  const id = await db.transaction().execute(async (trx) => {
    const [unitId] = await unitIdsByCode(trx, [unit]);
    const chair = input.chair ? await personByCode(trx, input.chair) : null;
    const attendees =
      input.attendees === undefined && input.kind === 'area_headteachers'
        ? await headsBeneath(trx, unit, context.today)
        : await personIds(trx, [...new Set(input.attendees ?? [])]);
    const { id } = await trx
      .insertInto('meeting')
      .values({
        kind: input.kind,
        title: input.title?.trim() || `${meetingKindNames[input.kind]}, ${input.held_on}`,
        held_on: input.held_on,
        org_unit_id: unitId as number,
        chair_person_id: chair?.id ?? actor.personId,
        period,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (attendees.length)
      await trx
        .insertInto('meeting_attendee')
        .values(
          attendees.map((person_id) => ({ meeting_id: id, person_id, attendance: 'expected' as const })),
        )
        .execute();
    await recordAudit(trx, actor, 'create', 'meeting', {
      id,
      kind: input.kind,
      held_on: input.held_on,
      unit,
    });
    return id;
  });
  if (input.draft ?? input.kind === 'area_leads') await draftAgenda(context, id);
  return id;
}

export async function editMeeting(context: Context, id: number, edit: MeetingEdit): Promise<void> {
  const { db, actor } = context;
  requireMeetingEditor(actor, await requireMeeting(context, id));
  await db.transaction().execute(async (trx) => {
    const chair =
      edit.chair === undefined ? undefined : edit.chair ? await personByCode(trx, edit.chair) : null;
    await trx
      .updateTable('meeting')
      .set({
        ...(edit.title !== undefined && { title: edit.title }),
        ...(edit.held_on !== undefined && { held_on: edit.held_on }),
        ...(edit.period !== undefined && { period: edit.period }),
        ...(chair !== undefined && { chair_person_id: chair?.id ?? null }),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, 'edit', 'meeting', { id, ...edit });
  });
}

/** Sets who is invited and who came: each person code with expected, present, apologies or absent. */
export async function setAttendees(
  context: Context,
  id: number,
  attendees: { person: string; attendance: Attendance }[],
): Promise<void> {
  const { db, actor } = context;
  requireMeetingEditor(actor, await requireMeeting(context, id));
  await db.transaction().execute(async (trx) => {
    const ids = await personIds(
      trx,
      attendees.map((a) => a.person),
    );
    await trx.deleteFrom('meeting_attendee').where('meeting_id', '=', id).execute();
    if (ids.length)
      await trx
        .insertInto('meeting_attendee')
        .values(
          attendees.map((a, i) => ({
            meeting_id: id,
            person_id: ids[i] as number,
            attendance: a.attendance,
          })),
        )
        .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doNothing())
        .execute();
    await recordAudit(trx, actor, 'attendance', 'meeting', { id, attendees });
  });
}

export async function deleteMeeting(context: Context, id: number): Promise<void> {
  const { db, actor } = context;
  requireMeetingEditor(actor, await requireMeeting(context, id));
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('meeting').where('id', '=', id).returning(['title']).executeTakeFirst();
    await recordAudit(trx, actor, 'delete', 'meeting', { id, title: row?.title });
  });
}

/** Meetings the caller may see, newest first, optionally between two dates and of one kind. */
export async function listMeetings(
  { db, actor }: Context,
  filter: MeetingListQuery & { id?: number },
): Promise<MeetingSummary[]> {
  requirePermission(actor, 'meetings:read');
  const { rows } = await sql<Omit<MeetingSummary, 'kind_name'> & { unit_code: string }>`
    select m.id, m.kind, m.title, to_char(m.held_on, 'YYYY-MM-DD') as held_on, m.period,
      json_build_object('code', o.code, 'name', o.name) as org_unit, o.code as unit_code,
      case when ch.id is null then null else json_build_object('code', ch.code, 'name', ${personName('ch')}) end as chair,
      (select count(*)::int from meeting_attendee a where a.meeting_id = m.id) as attendees,
      (select count(*)::int from meeting_attendee a where a.meeting_id = m.id and a.attendance = 'present') as present,
      (select count(*)::int from challenge c where c.meeting_id = m.id) as challenges_raised,
      (select count(*)::int from action_item ai where ai.meeting_id = m.id and ai.status = 'open') as actions_open
    from meeting m join org_unit o on o.id = m.org_unit_id left join person ch on ch.id = m.chair_person_id
    where (${filter.id ?? null}::int is null or m.id = ${filter.id ?? null})
      and (${filter.kind ?? null}::text is null or m.kind = ${filter.kind ?? null})
      and (${filter.from ?? null}::date is null or m.held_on >= ${filter.from ?? null}::date)
      and (${filter.to ?? null}::date is null or m.held_on <= ${filter.to ?? null}::date)
      and (${actor.scope.all} or o.code = any(${[...actor.scope.units]}::text[])
        or m.chair_person_id = ${actor.personId}
        or exists (select 1 from meeting_attendee a where a.meeting_id = m.id and a.person_id = ${actor.personId}))
    order by m.held_on desc, m.id desc`.execute(db);
  return rows.map(({ unit_code: _u, ...m }) => ({ ...m, kind_name: meetingKindNames[m.kind] }));
}

/** The meeting page: everything about one meeting in one answer. */
export async function meetingDetail(context: Context, id: number): Promise<Meeting> {
  const { db, actor, today } = context;
  const facts = await requireMeeting(context, id);
  const [summary] = await listMeetings(context, { id });
  if (!summary) throw notFound(`Meeting ${id}`);
  const [attendees, agenda, decisions, actions, areas] = await Promise.all([
    sql<Attendee>`
      select p.code, ${personName('p')} as name, a.attendance,
        (select po.role || ' ' || o.name from post po join org_unit o on o.id = po.org_unit_id
         where po.person_id = p.id and po.starts_on <= ${today}::date and (po.ends_on is null or po.ends_on > ${today}::date)
         order by po.starts_on desc limit 1) as post
      from meeting_attendee a join person p on p.id = a.person_id
      where a.meeting_id = ${id} order by p.family_name, p.given_name`.execute(db),
    db
      .selectFrom('agenda_item')
      .select(['id', 'position', 'kind', 'title', 'notes', 'refs', 'minutes'])
      .where('meeting_id', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('decision')
      .select(['id', 'agenda_item_id', 'text'])
      .where('meeting_id', '=', id)
      .orderBy('id')
      .execute(),
    sql<MeetingAction>`
      select a.id, a.agenda_item_id, a.title, a.status, to_char(a.due_on, 'YYYY-MM-DD') as due_on, a.challenge_id,
        case when p.id is null then null else json_build_object('code', p.code, 'name', ${personName('p')}) end as owner
      from action_item a left join person p on p.id = a.owner_person_id
      where a.meeting_id = ${id} order by a.id`.execute(db),
    // The packs of its period: every area of an authority meeting the caller may see, or the area itself.
    db
      .selectFrom('org_unit as o')
      .leftJoin('org_unit as parent', 'parent.id', 'o.parent_id')
      .select(['o.code', 'o.name'])
      .where('o.level', '=', 'area')
      .where((eb) => eb.or([eb('o.code', '=', facts.unit), eb('parent.code', '=', facts.unit)]))
      .orderBy('o.name')
      .execute(),
  ]);
  const challenges = await listChallenges(context, { meeting: id });
  const shown = await shownTo(context, facts, agenda, decisions, actions.rows);
  return {
    ...summary,
    can_edit: canEditMeeting(actor, facts),
    attendees: attendees.rows,
    agenda: shown.agenda.map((item) => ({
      ...item,
      decisions: shown.decisions.filter((d) => d.agenda_item_id === item.id),
      actions: shown.actions.filter((a) => a.agenda_item_id === item.id),
    })),
    decisions: shown.decisions.filter((d) => d.agenda_item_id === null),
    actions: shown.actions,
    packs: areas
      .filter((a) => canSee(actor, a.code))
      .map((a) => ({
        area: a.code,
        name: a.name,
        html: `/api/v1/reports/area/${encodeURIComponent(a.code)}?period=${summary.period}`,
        pdf: `/api/v1/reports/area/${encodeURIComponent(a.code)}?period=${summary.period}&format=pdf`,
      })),
    challenges,
  };
}

/**
 * The agenda, decisions and actions as this reader may see them: whole for those who lead the meeting's
 * unit; for a chair or attendee from elsewhere, without other schools' names or challenges.
 */
async function shownTo<
  I extends { title: string; notes: string; minutes: string; refs: unknown },
  D extends { text: string },
  A extends { title: string },
>(context: Context, facts: MeetingFacts, agenda: I[], decisions: D[], actions: A[]) {
  const { actor } = context;
  if (canSee(actor, facts.unit)) return { agenda, decisions, actions };
  const [redact, challenges] = await Promise.all([
    schoolNameRedactor(context, facts.unit),
    visibleChallengeIds(context, referencedChallenges(agenda)),
  ]);
  return {
    agenda: agenda.map((item) => {
      const all = Array.isArray(item.refs) ? item.refs.length : 0;
      const refs = refsVisibleTo(actor, item.refs, challenges);
      // A drafted item's title and notes count what the chair sees; say how much of it is shown.
      const cut = refs.length < all;
      return {
        ...item,
        title: cut
          ? redact(item.title).replace(/\(\d+\)$/, `(${refs.length} of ${all})`)
          : redact(item.title),
        notes: cut
          ? `${refs.length} of ${all} shown: the rest concern units outside your scope.`
          : redact(item.notes),
        minutes: redact(item.minutes),
        refs: redactDeep(refs, redact),
      };
    }),
    decisions: decisions.map((d) => ({ ...d, text: redact(d.text) })),
    actions: actions.map((a) => ({ ...a, title: redact(a.title) })),
  };
}
