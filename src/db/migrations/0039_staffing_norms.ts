// Teachers where the pupils are (issue 23): the staffing norms, one row per phase and school type that
// differs from the authority's default (the row with neither), audited, and raising the data version so
// the gaps the KPI figures cache follow a changed norm. The gap figures themselves are computed
// (src/teachers/elements.ts), so the elements and indicators are rows of the catalogue.
import { type Kysely, sql } from 'kysely';
import { teacherElements, teacherIndicators } from '../../teachers/elements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staffing_norm (
      id serial primary key,
      phase text,
      type text,
      max_ratio numeric(6, 2) not null check (max_ratio >= 1 and max_ratio <= 200),
      min_teachers integer not null check (min_teachers >= 0 and min_teachers <= 100),
      unique nulls not distinct (phase, type)
    );
    insert into staffing_norm (phase, type, max_ratio, min_teachers) values (null, null, 40, 2);
    create trigger staffing_norm_audit after insert or update or delete on staffing_norm
      for each row execute function audit_row_change();
    create trigger staffing_norm_version after insert or update or delete or truncate
      on staffing_norm for each statement execute function raise_data_version();
  `.execute(db);
  const rows = db as unknown as Kysely<{ data_element: object; indicator: object }>;
  await rows.insertInto('data_element').values(teacherElements).execute();
  await rows.insertInto('indicator').values(teacherIndicators).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from indicator where code in (${sql.join(teacherIndicators.map((i) => i.code))})`.execute(
    db,
  );
  await sql`delete from data_element where code in (${sql.join(teacherElements.map((e) => e.code))})`.execute(
    db,
  );
  await sql`drop table staffing_norm`.execute(db);
}
