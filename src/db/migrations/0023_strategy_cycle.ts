// The termly cycle: a strategy's cycle for a term asks each lead for an update on their items by a due
// date (one request per action, strand and the strategy itself, listed when the cycle opens); strand and
// overall summaries (commentary and a RAG judgement) answer the strand and strategy requests; closing
// freezes each request's lead, date met and outcome. Reminders about due updates share reminder_sent with
// meetings' reminders, and mail that cannot be sent (no SMTP configured) is kept in mail_outbox.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table strategy_cycle (
      id serial primary key,
      strategy_id integer not null references strategy(id) on delete cascade,
      term text not null,
      window_from date not null,
      term_end date not null,
      due_on date not null,
      opened_on date not null,
      opened_by text not null,
      closed_on date,
      closed_by text,
      unique (strategy_id, term)
    );
    create table strategy_cycle_request (
      id serial primary key,
      cycle_id integer not null references strategy_cycle(id) on delete cascade,
      item_kind text not null check (item_kind in ('strategy', 'strand', 'action')),
      item_id integer not null,
      -- Frozen when the cycle closes; while it is open the item's current lead is asked.
      person_id integer references person(id),
      met_on date,
      outcome text check (outcome in ('on_time', 'late', 'missing', 'unowned')),
      unique (cycle_id, item_kind, item_id)
    );
    create table strategy_summary (
      id serial primary key,
      cycle_id integer not null references strategy_cycle(id) on delete cascade,
      strand_id integer references strategy_strand(id) on delete cascade,
      rag text not null check (rag in ('green', 'amber', 'red')),
      commentary text not null,
      on_date date not null,
      recorded_at timestamptz not null default now(),
      author text not null,
      author_person_id integer references person(id)
    );
    create index strategy_summary_cycle on strategy_summary (cycle_id, strand_id);
    create table mail_outbox (
      id serial primary key,
      sent_to text not null,
      subject text not null,
      body text not null,
      written_on date not null,
      written_at timestamptz not null default now()
    );
    alter table reminder_sent drop constraint reminder_sent_item_kind_check;
    alter table reminder_sent add constraint reminder_sent_item_kind_check
      check (item_kind in ('action', 'challenge', 'strategy_request'));
    create trigger strategy_cycle_audit after insert or update or delete on strategy_cycle
      for each row execute function audit_row_change();
    create trigger strategy_cycle_request_audit after insert or update or delete on strategy_cycle_request
      for each row execute function audit_row_change();
    create trigger strategy_summary_audit after insert or update or delete on strategy_summary
      for each row execute function audit_row_change();
    create trigger mail_outbox_audit after insert or update or delete on mail_outbox
      for each row execute function audit_row_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from reminder_sent where item_kind = 'strategy_request';
    alter table reminder_sent drop constraint reminder_sent_item_kind_check;
    alter table reminder_sent add constraint reminder_sent_item_kind_check
      check (item_kind in ('action', 'challenge'));
    drop table mail_outbox;
    drop table strategy_summary;
    drop table strategy_cycle_request;
    drop table strategy_cycle;
  `.execute(db);
}
