// Value added: pseudonymised pupil results. (Databases made before 0013 also got one mixed set of
// value-added elements and indicators here; they are now made per stage when a stage is published, see
// value-added/catalogue.ts, and 0013 removes the mixed set.)
import { type Kysely, sql } from 'kysely';

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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table pupil_result`.execute(db);
}
