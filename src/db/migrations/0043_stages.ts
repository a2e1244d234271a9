// Stages of the improvement journey (issue 24): the stages, as data an admin or the director edits
// (names, order, which need rules each raises, whether a school may offer practice or host placements),
// the rules that place a school in one (first match wins, each rule's conditions as JSON), and each
// school's stage at each term's end, recorded once so a later rule change does not rewrite history.
import { type Kysely, sql } from 'kysely';
import { defaultStageRules, defaultStages } from '../../stages/rules.ts';

const audited = ['stage', 'stage_rule', 'school_stage'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stage (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name text not null unique,
      position integer not null unique,
      description text not null default '',
      may_offer_practice boolean not null,
      may_host_placements boolean not null,
      raises text[] not null default '{}'
    );
    create table stage_rule (
      position integer primary key check (position >= 1),
      stage text not null references stage(code),
      conditions jsonb not null,
      changed_by text not null,
      changed_on date not null
    );
    create table school_stage (
      id serial primary key,
      school_id integer not null references org_unit(id),
      term text not null check (term ~ '^[0-9]{4}-[0-9]{2}T[123]$'),
      term_end date not null,
      stage text not null references stage(code),
      rule integer not null,
      reasons jsonb not null,
      recorded_on date not null,
      recorded_by text not null,
      unique (school_id, term)
    );
    create index school_stage_term on school_stage (term, stage);
  `.execute(db);
  for (const [i, s] of defaultStages.entries())
    await sql`insert into stage (code, name, position, description, may_offer_practice, may_host_placements, raises)
      values (${s.code}, ${s.name}, ${i + 1}, ${s.description}, ${s.may_offer_practice}, ${s.may_host_placements}, ${s.raises})`.execute(
      db,
    );
  for (const [i, r] of defaultStageRules.entries())
    await sql`insert into stage_rule (position, stage, conditions, changed_by, changed_on)
      values (${i + 1}, ${r.stage}, ${JSON.stringify(r.conditions)}, 'Headway defaults', current_date)`.execute(
      db,
    );
  for (const table of audited)
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  // Stages read today are cached per data version: a rule change or a recorded term is a new version.
  for (const table of audited)
    await sql`create trigger ${sql.raw(`${table}_version`)} after insert or update or delete or truncate
      on ${sql.table(table)} for each statement execute function raise_data_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table school_stage, stage_rule, stage`.execute(db);
}
