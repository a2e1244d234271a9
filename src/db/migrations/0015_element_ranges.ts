// Each data element declares the values it can take: a count is never negative, so an import giving
// sessions_attended -5 is refused by row and column instead of lowering an attendance rate. The
// catalogue's counts (and value added's pupil counts) get 0 as their smallest value.
import { type Kysely, sql } from 'kysely';

const counts = [
  'sessions_possible',
  'sessions_attended',
  'pupils_enrolled',
  'teachers_in_post',
  'teacher_days_possible',
  'teacher_days_present',
  'lessons_planned',
  'lessons_delivered',
  'pupils_assessed',
  'pupils_at_expected_standard',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table data_element
      add column min_value double precision,
      add column max_value double precision,
      add constraint data_element_range check (min_value is null or max_value is null or min_value <= max_value)`.execute(
    db,
  );
  await sql`update data_element set min_value = 0 where code in (${sql.join(counts)})
    or code ~ '^(va_pupils|progress_pupils|results_pupils|low_attainers|leavers_known|leavers_neet|national_pupils)_'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table data_element drop constraint data_element_range, drop column min_value, drop column max_value`.execute(
    db,
  );
}
