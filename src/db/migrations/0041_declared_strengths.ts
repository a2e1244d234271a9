// Strengths from any school (issue 24): a strength a school's head or trust lead declares with its
// evidence, which an area lead confirms or declines with a reason before it is offered. Audited, and
// raising the data version, so the cached school facts and leader pool see a confirmation at once.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table declared_strength (
      id serial primary key,
      school_id integer not null references org_unit(id) on delete cascade,
      practice_area text not null,
      evidence text not null,
      status text not null default 'awaiting' check (status in ('awaiting', 'confirmed', 'declined', 'withdrawn')),
      declared_by text not null,
      declared_on date not null,
      decided_by text,
      decided_on date,
      reason text
    );
    -- One live declaration per school and practice area: a declined one may be declared again.
    create unique index declared_strength_live on declared_strength (school_id, practice_area)
      where status in ('awaiting', 'confirmed');
    create trigger declared_strength_audit after insert or update or delete on declared_strength
      for each row execute function audit_row_change();
    create trigger declared_strength_version after insert or update or delete or truncate
      on declared_strength for each statement execute function raise_data_version();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table declared_strength`.execute(db);
}
