// Evidence files on a strategy's actions: the bytes in the database (so both engines and every backup
// hold them with the plan), with their name, type (checked from the content) and size. Audited by an
// explicit event per upload rather than the row trigger, which would copy the bytes into the audit log.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table strategy_evidence_file (
      id serial primary key,
      action_id integer not null references strategy_action(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      content_type text not null,
      size integer not null check (size > 0),
      bytes bytea not null,
      added_on date not null,
      author text not null
    );
    create index strategy_evidence_file_action on strategy_evidence_file(action_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table strategy_evidence_file`.execute(db);
}
