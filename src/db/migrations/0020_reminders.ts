// Reminders sent about overdue meeting actions and challenges: one row per item, person, channel and day,
// so a second run on the same day (a retried scheduler, a rerun by hand) sends nothing new.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reminder_sent (
      id serial primary key,
      item_kind text not null check (item_kind in ('action', 'challenge')),
      item_id integer not null,
      person_id integer not null references person(id) on delete cascade,
      channel text not null check (channel in ('email')),
      sent_on date not null,
      sent_to text not null,
      sent_at timestamptz not null default now(),
      unique (item_kind, item_id, person_id, channel, sent_on)
    );
    create trigger reminder_sent_audit after insert or update or delete on reminder_sent
      for each row execute function audit_row_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table reminder_sent`.execute(db);
}
