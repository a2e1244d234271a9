// Where Headway's mail goes: over SMTP when it is configured (mailer.ts), otherwise into the outbox, a
// table an admin reads (GET /api/v1/outbox, the admin page's Outbox) to see what would have been sent,
// to whom and when. Reminders are recorded as sent either way, so switching SMTP on later does not
// flood people with the backlog.
import { requireWholeSystem } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { smtpSender } from './mailer.ts';
import type { OutboxMail } from './reminder-contract.ts';
import type { Email } from './reminders.ts';

export interface Mailer {
  send: (email: Email) => Promise<void>;
  close: () => void;
  channel: 'email' | 'outbox';
}

function outboxSender(db: Db, today: string): Mailer {
  return {
    send: async ({ to, subject, text }) => {
      await db
        .insertInto('mail_outbox')
        .values({ sent_to: to, subject, body: text, written_on: today })
        .execute();
    },
    close: () => {},
    channel: 'outbox',
  };
}

/** SMTP when the settings configure it, else the outbox. */
export function mailerFor({ db, settings, today }: Context): Mailer {
  if (!settings.mail) return outboxSender(db, today);
  return { ...smtpSender(settings.mail), channel: 'email' };
}

const pageSize = 50;

export async function readOutbox(
  { db, actor }: Context,
  page: number,
): Promise<{ mail: OutboxMail[]; total: number; page_size: number }> {
  requireWholeSystem(actor, 'users:admin');
  const rows = await db
    .selectFrom('mail_outbox')
    .select((eb) => [
      'id',
      'sent_to as to',
      'subject',
      'body',
      eb.fn<string>('to_char', ['written_on', eb.val('YYYY-MM-DD')]).as('written_on'),
      eb.fn<string>('to_char', ['written_at', eb.val('YYYY-MM-DD"T"HH24:MI:SSOF')]).as('written_at'),
      eb.fn.countAll<string>().over().as('total'),
    ])
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = rows[0] ? Number(rows[0].total) : await countAll(db);
  return { mail: rows.map(({ total: _, ...r }) => r), total, page_size: pageSize };
}

async function countAll(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
