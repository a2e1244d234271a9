// Value added: pseudonymised pupil results, and the elements and indicators value added publishes.
import { type Kysely, sql } from 'kysely';
import { valueAddedElements, valueAddedIndicators } from '../../value-added/catalogue.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pupil_result (
      school_id integer not null references org_unit(id) on delete cascade,
      pupil_id text not null,
      academic_year text not null,
      stage text not null,
      outcome double precision not null,
      prior_attainment double precision,
      neet smallint check (neet in (0, 1)),
      context jsonb not null default '{}',
      primary key (stage, academic_year, pupil_id)
    );
    create index pupil_result_school on pupil_result(school_id, stage, academic_year);
    create trigger pupil_result_audit after insert or update or delete on pupil_result
      for each row execute function audit_row_change();
  `.execute(db);
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(valueAddedElements).execute();
  await rows.insertInto('indicator').values(valueAddedIndicators).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const codes = valueAddedIndicators.map((i) => i.code);
  const elements = valueAddedElements.map((e) => e.code);
  await sql`delete from indicator where code in (${sql.join(codes)})`.execute(db);
  await sql`delete from data_value where element_id in (select id from data_element where code in (${sql.join(elements)}))`.execute(
    db,
  );
  await sql`delete from data_element where code in (${sql.join(elements)})`.execute(db);
  await sql`drop table pupil_result`.execute(db);
}
