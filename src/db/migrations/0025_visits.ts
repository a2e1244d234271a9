// Supervision visits: versioned rubrics, visits with their visitors and scores, and actions agreed on a
// visit in the same action_item list as meetings' (action_item.visit_id). The two default rubrics are
// inserted here so every installation starts with them.
import { type Kysely, sql } from 'kysely';
import { defaultRubrics } from '../../visits/schema.ts';
import { visitElements, visitIndicators } from '../../visits/score-elements.ts';

const audited = [
  'rubric',
  'rubric_section',
  'rubric_criterion',
  'rubric_level',
  'visit',
  'visit_visitor',
  'visit_score',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rubric (
      id serial primary key,
      code text not null,
      version integer not null,
      name text not null,
      scale_max integer not null check (scale_max in (4, 5)),
      visit_types text[] not null default '{}',
      created_on date not null,
      superseded boolean not null default false,
      unique (code, version)
    );
    create table rubric_section (
      id serial primary key,
      rubric_id integer not null references rubric(id) on delete cascade,
      code text not null,
      name text not null,
      position integer not null,
      unique (rubric_id, code)
    );
    create table rubric_criterion (
      id serial primary key,
      section_id integer not null references rubric_section(id) on delete cascade,
      code text not null,
      name text not null,
      evidence_prompt text not null default '',
      position integer not null
    );
    create table rubric_level (
      criterion_id integer not null references rubric_criterion(id) on delete cascade,
      level integer not null check (level between 1 and 5),
      descriptor text not null,
      primary key (criterion_id, level)
    );
    create table visit (
      id serial primary key,
      client_id text not null unique,
      version integer not null default 1,
      school_unit_id integer not null references org_unit(id),
      visit_on date not null,
      visit_type text not null check (visit_type in ('supervision', 'coaching', 'monitoring', 'reform_fidelity')),
      status text not null check (status in ('planned', 'recorded', 'cancelled')),
      rubric_id integer references rubric(id),
      purpose text not null default '',
      strengths text not null default '',
      development text not null default '',
      recorded_by text not null,
      created_on date not null
    );
    create index visit_school on visit(school_unit_id, visit_on);
    create table visit_visitor (
      visit_id integer not null references visit(id) on delete cascade,
      person_id integer not null references person(id),
      primary key (visit_id, person_id)
    );
    create index visit_visitor_person on visit_visitor(person_id);
    create table visit_score (
      visit_id integer not null references visit(id) on delete cascade,
      criterion_id integer not null references rubric_criterion(id),
      level integer not null check (level between 1 and 5),
      evidence text not null default '',
      primary key (visit_id, criterion_id)
    );
    alter table action_item add column visit_id integer references visit(id) on delete cascade;
  `.execute(db);
  for (const table of audited) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
  // Figures computed from these tables are cached per data version: a new score must move them.
  for (const table of ['visit', 'visit_score', 'rubric_section'])
    await sql`create trigger ${sql.raw(`${table}_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function raise_data_version()`.execute(db);
  // The mean levels as KPI indicators, computed from the scores (src/visits/score-totals.ts).
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(visitElements).execute();
  await rows.insertInto('indicator').values(visitIndicators).execute();
  for (const rubric of defaultRubrics) {
    const { rows } = await sql<{ id: number }>`
      insert into rubric (code, version, name, scale_max, visit_types, created_on)
      values (${rubric.code}, 1, ${rubric.name}, 4, ${rubric.visit_types}, current_date) returning id`.execute(
      db,
    );
    const rubricId = rows[0]?.id;
    for (const [s, [code, name, criteria]] of rubric.sections.entries()) {
      const section = await sql<{ id: number }>`
        insert into rubric_section (rubric_id, code, name, position)
        values (${rubricId}, ${code}, ${name}, ${s}) returning id`.execute(db);
      for (const [c, [ccode, cname, prompt, levels]] of criteria.entries()) {
        const criterion = await sql<{ id: number }>`
          insert into rubric_criterion (section_id, code, name, evidence_prompt, position)
          values (${section.rows[0]?.id}, ${ccode}, ${cname}, ${prompt}, ${c}) returning id`.execute(db);
        for (const [l, descriptor] of levels.entries())
          await sql`insert into rubric_level (criterion_id, level, descriptor)
            values (${criterion.rows[0]?.id}, ${l + 1}, ${descriptor})`.execute(db);
      }
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from indicator where code in (${sql.join(visitIndicators.map((i) => i.code))})`.execute(
    db,
  );
  await sql`delete from data_element where code in (${sql.join(visitElements.map((e) => e.code))})`.execute(
    db,
  );
  await sql`
    alter table action_item drop column visit_id;
    drop table visit_score; drop table visit_visitor; drop table visit;
    drop table rubric_level; drop table rubric_criterion; drop table rubric_section; drop table rubric;
  `.execute(db);
}
