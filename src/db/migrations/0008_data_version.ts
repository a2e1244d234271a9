// A version per table of the data figures are computed from, raised by every statement that changes it
// and committed with it: what spans all schools is computed once per version and kept until a write.
import { type Kysely, sql } from 'kysely';

// Sign-in bookkeeping and the audit trail change no figure.
const unversioned = new Set([
  'audit_event',
  'audit_change',
  'session',
  'login_attempt',
  'api_token',
  'app_user',
  'role_grant',
]);

export const versionedTables = [
  'org_unit',
  'org_group',
  'org_group_member',
  'school',
  'person',
  'post',
  'designation',
  'data_element',
  'data_value',
  'indicator',
  'target',
  'setting',
  'pupil_result',
  'challenge_category',
  'meeting',
  'meeting_attendee',
  'agenda_item',
  'decision',
  'recurring_problem',
  'challenge',
  'challenge_unit',
  'challenge_update',
  'action_item',
  'inspection',
  'support_need',
  'broker_rejection',
  'brokering_proposal',
  'deployment',
  'deployment_day',
].filter((table) => !unversioned.has(table));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table data_version (
      table_name text primary key,
      version bigint not null
    );
    create function raise_data_version() returns trigger language plpgsql as $$
    begin
      insert into data_version (table_name, version) values (tg_table_name, 1)
      on conflict (table_name) do update set version = data_version.version + 1;
      return null;
    end $$;
  `.execute(db);
  for (const table of versionedTables) {
    await sql`create trigger ${sql.raw(`${table}_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function raise_data_version()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of versionedTables)
    await sql`drop trigger ${sql.raw(`${table}_version`)} on ${sql.table(table)}`.execute(db);
  await sql`drop table data_version; drop function raise_data_version();`.execute(db);
}
