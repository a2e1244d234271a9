// DHIS2 as it speaks (issue 25): the mapping between Headway's codes and DHIS2's 11-character UIDs (org
// units, data elements, category option combos, data sets), which an admin imports or edits, audited; and
// the runs of the pull from a DHIS2 server, one row a run with what each period did.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table dhis2_mapping (
      id serial primary key,
      kind text not null check (kind in ('org_unit', 'data_element', 'category_option_combo', 'data_set')),
      code text not null,
      uid text not null check (uid ~ '^[A-Za-z][A-Za-z0-9]{10}$'),
      name text,
      unique (kind, code),
      unique (kind, uid)
    );
    create trigger dhis2_mapping_audit after insert or update or delete on dhis2_mapping
      for each row execute function audit_row_change();
    create table dhis2_pull_run (
      id serial primary key,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      started_by text not null,
      status text not null check (status in ('running', 'succeeded', 'partial', 'failed')),
      from_period text not null,
      to_period text not null,
      periods jsonb not null default '[]',
      message text
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table dhis2_pull_run; drop table dhis2_mapping`.execute(db);
}
