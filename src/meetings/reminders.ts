// Reminders about overdue work: an open meeting action past its due date, or an open or in-progress
// challenge past its due date, reminds its owner; so does a termly cycle's request for an update not yet
// given (strategies/cycle.ts), from the day the cycle opens (by email from a week before it is due). In the app, the owner sees them counted in the header
// and first on "My actions"; by email (when SMTP is configured), `headway reminders send` mails each owner
// the items not yet mailed to them that day, recording each in reminder_sent so a rerun sends nothing new.
import { sql } from 'kysely';
import { requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { cycleRequestsQuery } from '../strategies/cycle.ts';
import { requireReader } from './access.ts';
import type { Reminder, Reminders } from './reminder-contract.ts';

interface OverdueRow extends Reminder {
  person_id: number;
  /** The owner's address: their account's, else the registry's. */
  email: string | null;
  owner_name: string;
}

/**
 * Every overdue item with its owner (one owner's only when `personId` is given), most overdue first, and
 * every update an open termly cycle still asks for (due or not yet). With `unsentOn`, only items whose
 * owner has not been emailed about them that day, and updates only from a week before they are due. With
 * `cycleId`, only that cycle's updates not yet given (the cycle page's "remind" button).
 */
export function overdueItemsQuery(
  today: string,
  personId: number | null,
  unsentOn: string | null = null,
  cycleId: number | null = null,
) {
  return sql<OverdueRow>`
    with overdue as (
      select 'action' as kind, a.id, a.title, a.due_on, a.owner_person_id as person_id,
        case when m.id is null then null else json_build_object('id', m.id, 'title', m.title) end as meeting,
        null::json as strategy
      from action_item a left join meeting m on m.id = a.meeting_id
      where a.status = 'open' and a.due_on < ${today}::date and a.owner_person_id is not null
        and ${cycleId}::int is null
      union all
      select 'challenge', c.id, c.title, c.due_on, c.owner_person_id, null, null
      from challenge c
      where c.status in ('open', 'in_progress') and c.due_on < ${today}::date and c.owner_person_id is not null
        and ${cycleId}::int is null
      union all
      select 'strategy_request', q.id,
        case q.kind when 'action' then q.item->>'code' || ' ' || (q.item->>'title')
          when 'strand' then 'Strand summary: ' || (q.item->>'code') || ' ' || (q.item->>'title')
          else 'Overall summary' end,
        sc.due_on, q.person_id, null,
        json_build_object('code', s.code, 'name', s.name, 'term', sc.term, 'kind', q.kind,
          'item_id', (q.item->>'id')::int)
      from (${cycleRequestsQuery(cycleId, today, null)}) q
      join strategy_cycle_request scr on scr.id = q.id
      join strategy_cycle sc on sc.id = scr.cycle_id
      join strategy s on s.id = sc.strategy_id
      where q.met_on is null and q.person_id is not null and sc.closed_on is null
        and (${unsentOn}::date is null or ${cycleId}::int is not null or sc.due_on <= ${today}::date + 7)
    )
    select o.kind, o.id, o.title, to_char(o.due_on, 'YYYY-MM-DD') as due_on,
      (${today}::date - o.due_on) as days_overdue, o.meeting, o.strategy, o.person_id,
      coalesce((select u.email from app_user u where u.person_id = o.person_id and not u.disabled
                order by u.id limit 1), p.email) as email,
      p.given_name || ' ' || p.family_name as owner_name
    from overdue o join person p on p.id = o.person_id
    where (${personId}::int is null or o.person_id = ${personId}::int)
      and (${unsentOn}::date is null or not exists (
        select 1 from reminder_sent r where r.item_kind = o.kind and r.item_id = o.id
          and r.person_id = o.person_id and r.channel = 'email' and r.sent_on = ${unsentOn}::date))
    order by o.person_id, days_overdue desc, o.kind, o.id`;
}

async function overdueItems(db: Db, ...args: Parameters<typeof overdueItemsQuery>): Promise<OverdueRow[]> {
  const { rows } = await overdueItemsQuery(...args).execute(db);
  return rows.map((r) => ({ ...r, days_overdue: Number(r.days_overdue) }));
}

/** The caller's own overdue items: what the header counts and "My actions" lists first. */
export async function myReminders({ db, actor, today }: Context): Promise<Reminders> {
  requireReader(actor);
  if (actor.personId === null) return { actions: 0, challenges: 0, updates: 0, overdue: [] };
  const rows = await overdueItems(db, today, actor.personId);
  const overdue = rows
    .map(({ kind, id, title, due_on, days_overdue, meeting, strategy }) => ({
      kind,
      id,
      title,
      due_on,
      days_overdue,
      meeting,
      strategy,
    }))
    .sort((a, b) => b.days_overdue - a.days_overdue);
  return {
    actions: overdue.filter((r) => r.kind === 'action').length,
    challenges: overdue.filter((r) => r.kind === 'challenge').length,
    updates: overdue.filter((r) => r.kind === 'strategy_request').length,
    overdue,
  };
}

/** One email: to whom, about what. What sends it (SMTP through nodemailer) is the caller's. */
export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface ReminderRun {
  /** People emailed, and the items their emails named. */
  people: number;
  items: number;
  /** Overdue items whose owner has no address (no account and no email in the registry). */
  no_address: number;
  /** Owners whose email failed: nothing was recorded for them, so the next run tries again. */
  failed: { to: string; error: string }[];
}

/** "3 days overdue", "due today", "5 days left": for emails and the CLI. */
export function daysWord(days: number): string {
  const n = Math.abs(days);
  const word = `${n} day${n === 1 ? '' : 's'}`;
  return days > 0 ? `${word} overdue` : days === 0 ? 'due today' : `${word} left`;
}

function reminderLine(r: OverdueRow, publicUrl: string | undefined): string {
  if (r.kind === 'strategy_request' && r.strategy) {
    const link = publicUrl ? ` ${publicUrl}/my-plan` : '';
    return `- Update due for ${r.title} (${r.strategy.name}, ${r.strategy.term}) by ${r.due_on}, ${daysWord(r.days_overdue)}${link}`;
  }
  const link = publicUrl
    ? ` ${publicUrl}${r.kind === 'challenge' ? `/challenges/${r.id}` : '/my-actions'}`
    : '';
  return `- ${r.kind === 'challenge' ? 'Challenge' : 'Action'}: ${r.title} (due ${r.due_on}, ${r.days_overdue} day${r.days_overdue === 1 ? '' : 's'} overdue)${r.meeting ? `, from ${r.meeting.title}` : ''}${link}`;
}

function reminderText(rows: OverdueRow[], today: string, publicUrl: string | undefined): string {
  const work = rows.filter((r) => r.kind !== 'strategy_request');
  const updates = rows.filter((r) => r.kind === 'strategy_request');
  return [
    `Dear ${rows[0]?.owner_name ?? 'colleague'},`,
    ...(work.length
      ? [
          '',
          `As of ${today}, these are past their due date and still open in Headway:`,
          '',
          ...work.map((r) => reminderLine(r, publicUrl)),
          '',
          'Mark an action done, or move a challenge on, to stop these reminders.',
          ...(publicUrl ? [`Your list: ${publicUrl}/my-actions`] : []),
        ]
      : []),
    ...(updates.length
      ? [
          '',
          `The termly cycle asks you for ${updates.length === 1 ? 'an update' : 'updates'} on your part of the plan:`,
          '',
          ...updates.map((r) => reminderLine(r, publicUrl)),
          '',
          'Record the update (or the summary) to stop these reminders.',
          ...(publicUrl ? [`Your part of the plan: ${publicUrl}/my-plan`] : []),
        ]
      : []),
  ].join('\n');
}

/**
 * Emails each owner of overdue items the ones not yet emailed to them today (one email per person), and
 * records each item sent; an item is mailed at most once a day however often this runs. Whole-authority
 * callers only (the scheduler runs it as the operator).
 */
export async function sendReminders(
  context: Context,
  send: (email: Email) => Promise<void>,
  options: { publicUrl?: string; dryRun?: boolean } = {},
): Promise<ReminderRun> {
  requireWholeSystem(context.actor, 'meetings:write');
  return mailReminders(
    context,
    await overdueItems(context.db, context.today, null, context.today),
    send,
    options,
  );
}

/**
 * The updates a termly cycle still asks for, mailed to their leads now (the cycle page's button), each at
 * most once a day like every reminder. The caller checks who may ask.
 */
export async function sendCycleReminders(
  context: Context,
  cycleId: number,
  send: (email: Email) => Promise<void>,
  options: { publicUrl?: string } = {},
): Promise<ReminderRun> {
  const rows = await overdueItems(context.db, context.today, null, context.today, cycleId);
  return mailReminders(context, rows, send, options);
}

async function mailReminders(
  context: Context,
  rows: OverdueRow[],
  send: (email: Email) => Promise<void>,
  { publicUrl, dryRun = false }: { publicUrl?: string; dryRun?: boolean },
): Promise<ReminderRun> {
  const { db, actor, today } = context;
  const byPerson = new Map<number, OverdueRow[]>();
  for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row]);
  const run: ReminderRun = { people: 0, items: 0, no_address: 0, failed: [] };
  for (const [personId, items] of byPerson) {
    const to = items[0]?.email;
    if (!to) {
      run.no_address += items.length;
      continue;
    }
    if (!dryRun) {
      const overdue = items.filter((r) => r.kind !== 'strategy_request').length;
      const updates = items.length - overdue;
      const subject = [
        overdue && `${overdue} overdue item${overdue === 1 ? '' : 's'}`,
        updates && `${updates} update${updates === 1 ? '' : 's'} due`,
      ]
        .filter(Boolean)
        .join(', ');
      try {
        await send({ to, subject: `Headway: ${subject}`, text: reminderText(items, today, publicUrl) });
      } catch (error) {
        run.failed.push({ to, error: (error as Error).message });
        continue;
      }
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('reminder_sent')
          .values(
            items.map((r) => ({
              item_kind: r.kind,
              item_id: r.id,
              person_id: personId,
              channel: 'email' as const,
              sent_on: today,
              sent_to: to,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
        await recordAudit(trx, actor, 'remind', 'person', {
          id: personId,
          to,
          items: items.map((r) => `${r.kind} ${r.id}`),
        });
      });
    }
    run.people += 1;
    run.items += items.length;
  }
  return run;
}
