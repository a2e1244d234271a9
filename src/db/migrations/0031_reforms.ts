// Reforms and fidelity checks (src/reforms/schema.ts): a reform, the units it covers, its versioned
// checklist of practices, and the reform side of reform_fidelity visits with each practice's finding.
import { type Kysely, sql } from 'kysely';

const audited = [
  'reform',
  'reform_unit',
  'reform_checklist',
  'reform_practice',
  'reform_check',
  'reform_check_practice',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reform (
      id serial primary key,
      code text not null unique,
      name text not null,
      description text not null default '',
      phase text not null check (phase in ('planned', 'pilot', 'rollout', 'embedding', 'sustained')),
      starts_on date not null,
      created_on date not null
    );
    create table reform_unit (
      reform_id integer not null references reform(id) on delete cascade,
      org_unit_id integer not null references org_unit(id),
      primary key (reform_id, org_unit_id)
    );
    create table reform_checklist (
      id serial primary key,
      reform_id integer not null references reform(id) on delete cascade,
      version integer not null,
      created_on date not null,
      superseded boolean not null default false,
      unique (reform_id, version)
    );
    create table reform_practice (
      id serial primary key,
      checklist_id integer not null references reform_checklist(id) on delete cascade,
      code text not null,
      name text not null,
      look_for text not null default '',
      position integer not null,
      unique (checklist_id, code)
    );
    create table reform_check (
      visit_id integer primary key references visit(id) on delete cascade,
      reform_id integer not null references reform(id),
      checklist_id integer not null references reform_checklist(id)
    );
    create index reform_check_reform on reform_check(reform_id);
    create table reform_check_practice (
      visit_id integer not null references reform_check(visit_id) on delete cascade,
      practice_id integer not null references reform_practice(id),
      status text not null check (status in ('in_place', 'partly', 'not_yet')),
      evidence text not null default '',
      primary key (visit_id, practice_id)
    );
  `.execute(db);
  for (const table of audited)
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  for (const table of ['reform_unit', 'reform_check_practice'])
    await sql`create trigger ${sql.raw(`${table}_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function raise_data_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table reform_check_practice; drop table reform_check; drop table reform_practice;
    drop table reform_checklist; drop table reform_unit; drop table reform;
  `.execute(db);
}
