// A meeting's agenda: drafted from the data (the unit's KPI summary, each area's causes for concern,
// challenges overdue or newly raised, actions due, with overdue ones flagged), then edited by the chair;
// and the minutes, decisions and actions recorded against its items.
import { sql } from 'kysely';
import { attentionUnder } from '../attention/attention.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { formatValue, listIndicators } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { personName, unitsBeneath } from '../registry/sql.ts';
import { requireMeeting, requireMeetingEditor } from './access.ts';
import type { ChallengeStatus } from './challenge-contract.ts';
import { listChallenges, openStatuses } from './challenges.ts';
import { statusesOn } from './measures.ts';
import type { AgendaEdit, AgendaKind, MeetingKind } from './meeting-contract.ts';

interface DraftItem {
  kind: AgendaKind;
  title: string;
  notes: string;
  refs: unknown[];
}

interface MeetingRow {
  id: number;
  kind: MeetingKind;
  held_on: string;
  period: string;
  unit: string;
  level: string;
}

async function meetingRow(db: Db, id: number): Promise<MeetingRow> {
  const { rows } = await sql<MeetingRow>`
    select m.id, m.kind, to_char(m.held_on, 'YYYY-MM-DD') as held_on, m.period, o.code as unit, o.level
    from meeting m join org_unit o on o.id = m.org_unit_id where m.id = ${id}`.execute(db);
  return rows[0] as MeetingRow;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

async function kpiSummary({ db, settings }: Context, meeting: MeetingRow): Promise<DraftItem> {
  const period = parsePeriod(meeting.period, settings.academicYearStart);
  const indicators = await listIndicators(db);
  const results = await Promise.all(
    indicators.map(async (indicator) => {
      const [r] = await rollupIndicator(db, indicator, { codes: [meeting.unit] }, period, {
        academicYearStart: settings.academicYearStart,
      });
      return { indicator, r };
    }),
  );
  const refs = results.map(({ indicator, r }) => ({
    indicator: indicator.code,
    name: indicator.name,
    value: r?.value ?? null,
    shown: formatValue(indicator, r?.value ?? null),
    band: r?.band ?? null,
    trend: r?.trend.direction ?? 'insufficient data',
  }));
  const red = refs.filter((r) => r.band === 'red');
  const declining = refs.filter((r) => r.trend === 'declining');
  const notes = [
    red.length ? `Red: ${red.map((r) => `${r.name} (${r.shown})`).join('; ')}.` : 'No indicator is red.',
    declining.length ? `Declining: ${declining.map((r) => r.name).join('; ')}.` : 'None declining.',
  ].join(' ');
  return { kind: 'kpi_summary', title: `KPI summary for ${meeting.period}`, notes, refs };
}

async function areaConcerns(context: Context, meeting: MeetingRow): Promise<DraftItem> {
  const { db } = context;
  // The attention model's schools, so the agenda's count is the overview's, the area page's and the pack's.
  const [schools, areas] = await Promise.all([
    attentionUnder(context, meeting.unit, meeting.period),
    db.selectFrom('org_unit').select(['code', 'name']).where('level', '=', 'area').orderBy('name').execute(),
  ]);
  const refs = areas
    .map((area) => {
      const mine = schools.filter((s) => s.area === area.code);
      return {
        area: area.code,
        name: area.name,
        schools: mine.length,
        concerns: mine.reduce((n, s) => n + s.reasons.length, 0),
        reasons: mine.slice(0, 3).map((s) => `${s.name}: ${s.reasons.map((r) => r.evidence).join('; ')}`),
      };
    })
    .filter((a) => a.schools > 0)
    .sort((a, b) => b.schools - a.schools || a.name.localeCompare(b.name));
  const total = refs.reduce((n, a) => n + a.schools, 0);
  return {
    kind: 'area_concerns',
    title: 'Schools needing attention by area',
    notes: refs.length
      ? `${plural(total, 'school')} needing attention in ${plural(refs.length, 'area')}; most in ${refs
          .slice(0, 3)
          .map((a) => `${a.name} (${a.schools})`)
          .join(', ')}.`
      : 'No school needs attention.',
    refs,
  };
}

async function challengeItems(context: Context, meeting: MeetingRow): Promise<DraftItem[]> {
  const { db } = context;
  // Overdue and ages as on the day the meeting is held, not the day the agenda is drafted.
  const challenges = await listChallenges(
    { ...context, today: meeting.held_on },
    meeting.level === 'authority' ? {} : { area: meeting.unit },
  );
  const previous = await db
    .selectFrom('meeting as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_unit_id')
    .select(sql<string>`to_char(max(m.held_on), 'YYYY-MM-DD')`.as('held_on'))
    .where('m.kind', '=', meeting.kind)
    .where('o.code', '=', meeting.unit)
    .where('m.held_on', '<', meeting.held_on)
    .executeTakeFirst();
  const since = previous?.held_on ?? null;
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  // Overdue as the measures count it: open or in progress by the timeline at the end of the meeting's
  // day, and due before it (for a meeting ahead, that is the status today).
  const statusOnDay = await statusesOn(
    db,
    challenges.map((c) => c.id),
    meeting.held_on,
  );
  const overdue = challenges
    .filter(
      (c) =>
        openStatuses.includes((statusOnDay.get(c.id) ?? '') as ChallengeStatus) &&
        c.due_on !== null &&
        c.due_on < meeting.held_on,
    )
    .sort((a, b) => (a.due_on ?? '').localeCompare(b.due_on ?? ''));
  const raised = challenges.filter(
    (c) =>
      c.raised_on <= meeting.held_on &&
      (since === null ? days(c.raised_on, meeting.held_on) <= 31 : c.raised_on > since),
  );
  return [
    {
      kind: 'overdue_challenges',
      title: `Challenges overdue on ${meeting.held_on} (${overdue.length})`,
      notes: `${
        overdue.length
          ? `${plural(overdue.length, 'challenge')} past due; the oldest due ${overdue[0]?.due_on}.`
          : 'Nothing overdue.'
      } Overdue: open or in progress at the end of the meeting's day and due before it, as the challenge measures count.`,
      refs: overdue.map((c) => ({
        challenge: c.id,
        title: c.title,
        owner: c.owner?.name ?? null,
        due_on: c.due_on,
        days_overdue: days(c.due_on as string, meeting.held_on),
        areas: c.areas,
      })),
    },
    {
      kind: 'new_challenges',
      title: `Challenges raised ${since ? `since ${since}` : 'in the last month'} (${raised.length})`,
      notes: raised.length
        ? `${plural(raised.length, 'new challenge')} to assign and prioritise.`
        : 'None raised.',
      refs: raised.map((c) => ({
        challenge: c.id,
        title: c.title,
        category: c.category_name,
        raised_on: c.raised_on,
        owner: c.owner?.name ?? null,
        areas: c.areas,
      })),
    },
  ];
}

async function actionsDue(db: Db, meeting: MeetingRow): Promise<DraftItem> {
  const { rows } = await sql<{
    id: number;
    title: string;
    owner: string | null;
    due_on: string;
    meeting_id: number | null;
  }>`
    with recursive ${unitsBeneath('beneath', sql`code = ${meeting.unit}`)}
    select a.id, a.title, ${personName('p')} as owner, to_char(a.due_on, 'YYYY-MM-DD') as due_on, a.meeting_id
    from action_item a left join person p on p.id = a.owner_person_id
    where a.status = 'open' and a.due_on <= ${meeting.held_on}::date and a.org_unit_id in (select id from beneath)
      and (a.meeting_id is null or a.meeting_id <> ${meeting.id})
    order by a.due_on, a.id`.execute(db);
  const refs = rows.map((a) => ({
    action: a.id,
    title: a.title,
    owner: a.owner,
    due_on: a.due_on,
    overdue: a.due_on < meeting.held_on,
    from_meeting: a.meeting_id,
  }));
  const late = refs.filter((a) => a.overdue).length;
  return {
    kind: 'actions_due',
    title: `Actions due (${refs.length})`,
    notes: refs.length
      ? `${plural(refs.length, 'action')} due by this meeting${late ? `, ${late} overdue` : ''}.`
      : 'No actions due.',
    refs,
  };
}

/** The agenda Headway proposes for a meeting, from the data as it stands. */
async function proposeAgenda(context: Context, meetingId: number): Promise<DraftItem[]> {
  const { db } = context;
  const meeting = await meetingRow(db, meetingId);
  const [summary, concerns, challenges, actions] = await Promise.all([
    kpiSummary(context, meeting),
    areaConcerns(context, meeting),
    challengeItems(context, meeting),
    actionsDue(db, meeting),
  ]);
  return [
    summary,
    concerns,
    ...challenges,
    actions,
    { kind: 'item', title: 'Any other business', notes: '', refs: [] },
  ];
}

/** Replaces the agenda with a fresh draft; refused once minutes have been taken against it. */
export async function draftAgenda(context: Context, meetingId: number): Promise<void> {
  const { db, actor } = context;
  requireMeetingEditor(actor, await requireMeeting(context, meetingId));
  const items = await proposeAgenda(context, meetingId);
  await db.transaction().execute(async (trx) => {
    const minuted = await trx
      .selectFrom('agenda_item')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('minutes', '<>', '')
      .executeTakeFirst();
    const decided = await trx
      .selectFrom('decision')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (minuted || decided)
      throw new HeadwayError(
        'conflict',
        `Meeting ${meetingId} has minutes; its agenda can be edited but not redrafted`,
      );
    await trx.deleteFrom('agenda_item').where('meeting_id', '=', meetingId).execute();
    await trx
      .insertInto('agenda_item')
      .values(
        items.map((item, position) => ({
          meeting_id: meetingId,
          position,
          kind: item.kind,
          title: item.title,
          notes: item.notes,
          refs: JSON.stringify(item.refs),
          minutes: '',
        })),
      )
      .execute();
    await recordAudit(trx, actor, 'draft_agenda', 'meeting', { id: meetingId, items: items.length });
  });
}

/**
 * The chair's agenda: items in this order, new ones added, missing ones removed. An item with an id
 * keeps its drafted references and minutes; one without is new.
 */
export async function saveAgenda(context: Context, meetingId: number, items: AgendaEdit[]): Promise<void> {
  const { db, actor } = context;
  requireMeetingEditor(actor, await requireMeeting(context, meetingId));
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('agenda_item')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .execute();
    const ids = new Set(existing.map((e) => e.id));
    const strangers = items.filter((i) => i.id !== undefined && !ids.has(i.id));
    if (strangers.length)
      throw new HeadwayError(
        'invalid',
        `items: ${strangers.map((s) => s.id).join(', ')} are not items of meeting ${meetingId}`,
      );
    const kept = new Set(items.map((i) => i.id).filter((id) => id !== undefined));
    const removed = [...ids].filter((id) => !kept.has(id));
    if (removed.length) await trx.deleteFrom('agenda_item').where('id', 'in', removed).execute();
    for (const [position, item] of items.entries()) {
      if (item.id !== undefined)
        await trx
          .updateTable('agenda_item')
          .set({ position, title: item.title, ...(item.notes !== undefined && { notes: item.notes }) })
          .where('id', '=', item.id)
          .execute();
      else
        await trx
          .insertInto('agenda_item')
          .values({
            meeting_id: meetingId,
            position,
            kind: 'item',
            title: item.title,
            notes: item.notes ?? '',
            refs: '[]',
            minutes: '',
          })
          .execute();
    }
    await recordAudit(trx, actor, 'edit_agenda', 'meeting', { id: meetingId, items: items.length, removed });
  });
}

/**
 * One item added at the end of the agenda. Unlike saveAgenda it sends none of the other items back, so a
 * chair who sees some of them without other units' school names cannot overwrite them with that view.
 */
export async function addAgendaItem(
  context: Context,
  meetingId: number,
  item: { title: string; notes?: string },
): Promise<void> {
  const { db, actor } = context;
  requireMeetingEditor(actor, await requireMeeting(context, meetingId));
  await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('agenda_item')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    const { id } = await trx
      .insertInto('agenda_item')
      .values({
        meeting_id: meetingId,
        position: last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1,
        kind: 'item',
        title: item.title,
        notes: item.notes ?? '',
        refs: '[]',
        minutes: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'add_agenda_item', 'meeting', {
      id: meetingId,
      item: id,
      title: item.title,
    });
  });
}

async function requireItem(db: Db, meetingId: number, itemId: number) {
  const item = await db
    .selectFrom('agenda_item')
    .select('id')
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!item)
    throw new HeadwayError('invalid', `agenda item ${itemId} is not on meeting ${meetingId}'s agenda`);
}

export async function recordMinutes(
  context: Context,
  meetingId: number,
  itemId: number,
  minutes: string,
): Promise<void> {
  const { db, actor } = context;
  requireMeetingEditor(actor, await requireMeeting(context, meetingId));
  await requireItem(db, meetingId, itemId);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('agenda_item').set({ minutes }).where('id', '=', itemId).execute();
    await recordAudit(trx, actor, 'minutes', 'meeting', { id: meetingId, item: itemId });
  });
}

export async function recordDecision(
  context: Context,
  meetingId: number,
  itemId: number | null,
  text: string,
): Promise<number> {
  const { db, actor } = context;
  requireMeetingEditor(actor, await requireMeeting(context, meetingId));
  if (!text.trim()) throw new HeadwayError('invalid', 'text: say what was decided');
  if (itemId !== null) await requireItem(db, meetingId, itemId);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('decision')
      .values({ meeting_id: meetingId, agenda_item_id: itemId, text: text.trim() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'decision', 'meeting', { id: meetingId, item: itemId, decision: id });
    return id;
  });
}
