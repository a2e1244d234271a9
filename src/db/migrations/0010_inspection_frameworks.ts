// Inspection frameworks as data (their evaluation areas and grade scale), and inspections graded under
// them: a report card's grade per area and safeguarding beside the legacy overall grade. Seeds Ofsted's
// report card (November 2025 on) and its overall grades before; existing inspections are legacy ones.
import { type Kysely, sql } from 'kysely';
import { inspectionElements, inspectionIndicators } from '../../inspections/catalogue.ts';
import { shippedFrameworks } from '../../inspections/frameworks.ts';

const tables = ['inspection_framework', 'inspection_area', 'inspection_grade'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inspection_framework (
      code text primary key,
      name text not null,
      form text not null check (form in ('overall', 'report_card')),
      leadership_area text,
      safeguarding boolean not null default false
    );
    create table inspection_area (
      framework text not null references inspection_framework(code) on delete cascade,
      code text not null,
      name text not null,
      position integer not null,
      optional boolean not null default false,
      primary key (framework, code)
    );
    create table inspection_grade (
      framework text not null references inspection_framework(code) on delete cascade,
      code text not null,
      name text not null,
      position integer not null,
      good_or_better boolean not null,
      legacy text not null check (legacy in ('outstanding', 'good', 'satisfactory', 'requires_improvement', 'inadequate')),
      aliases text[] not null default '{}',
      primary key (framework, code)
    );
  `.execute(db);
  for (const f of shippedFrameworks) {
    await sql`insert into inspection_framework (code, name, form, leadership_area, safeguarding)
      values (${f.code}, ${f.name}, ${f.form}, ${f.leadership_area}, ${f.safeguarding})`.execute(db);
    for (const [i, a] of f.areas.entries())
      await sql`insert into inspection_area (framework, code, name, position, optional)
        values (${f.code}, ${a.code}, ${a.name}, ${i + 1}, ${a.optional})`.execute(db);
    for (const [i, g] of f.grades.entries())
      await sql`insert into inspection_grade (framework, code, name, position, good_or_better, legacy, aliases)
        values (${f.code}, ${g.code}, ${g.name}, ${i + 1}, ${g.good_or_better}, ${g.legacy}, ${g.aliases}::text[])`.execute(
        db,
      );
  }
  await sql`
    alter table inspection
      add column framework text not null default 'ofsted-legacy' references inspection_framework(code),
      add column grades jsonb not null default '{}',
      add column safeguarding text check (safeguarding in ('met', 'not_met')),
      alter column overall drop not null;
    create index inspection_school on inspection(school_id, inspected_on desc);
  `.execute(db);
  for (const table of tables) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function raise_data_version()`.execute(db);
  }
  // The good-or-better shares, computed from the inspections (src/inspections/good-or-better.ts).
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(inspectionElements).execute();
  await rows.insertInto('indicator').values(inspectionIndicators).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const codes = inspectionIndicators.map((i) => i.code);
  const elements = inspectionElements.map((e) => e.code);
  await sql`delete from indicator where code in (${sql.join(codes)})`.execute(db);
  await sql`delete from data_element where code in (${sql.join(elements)})`.execute(db);
  await sql`
    drop index inspection_school;
    delete from inspection where framework <> 'ofsted-legacy';
    alter table inspection drop column framework, drop column grades, drop column safeguarding,
      alter column overall set not null;
    drop table inspection_grade; drop table inspection_area; drop table inspection_framework;
  `.execute(db);
}
