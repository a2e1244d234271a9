// Value added by stage. The one mixed set of value-added indicators (a KS2 scaled-score effect and a KS4
// Attainment 8 effect averaged into one area figure) goes: each stage now has its own elements and
// indicators, made when the stage is published (`headway va publish` republishes every cohort). Needs
// raised on the mixed indicator move to their stage's. National references (the national average outcome
// by prior attainment) are imported; fitted cohorts are kept until their pupils change.
import { type Kysely, sql } from 'kysely';

const mixedIndicators = ['value_added', 'progress_score', 'low_attainment_rate', 'neet_rate'];
const mixedElements = [
  'va_pupils',
  'va_effect_total',
  'progress_pupils',
  'progress_total',
  'results_pupils',
  'low_attainers',
  'leavers_known',
  'leavers_neet',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from indicator where code in (${sql.join(mixedIndicators)})`.execute(db);
  await sql`delete from data_value where element_id in (select id from data_element where code in (${sql.join(mixedElements)}))`.execute(
    db,
  );
  await sql`delete from data_element where code in (${sql.join(mixedElements)})`.execute(db);
  await sql`
    update support_need
    set indicator = 'value_added_' || regexp_replace(lower(figures->'cohorts'->0->>'stage'), '[^a-z0-9]+', '_', 'g')
    where indicator = 'value_added' and figures->'cohorts'->0->>'stage' is not null`.execute(db);
  await sql`
    create table national_expectation (
      reference text not null,
      stage text not null,
      academic_year text not null,
      prior_from double precision not null,
      prior_to double precision,
      expected_outcome double precision not null,
      primary key (reference, stage, academic_year, prior_from),
      check (prior_to is null or prior_to > prior_from)
    );
    create trigger national_expectation_audit after insert or update or delete on national_expectation
      for each row execute function audit_row_change();
    create trigger national_expectation_version after insert or update or delete or truncate on national_expectation
      for each statement execute function raise_data_version();
    create table cohort_fit (
      stage text not null,
      academic_year text not null,
      specification text not null,
      pupils_version bigint not null,
      -- json, not jsonb: jsonb reorders keys, and a model's coefficients are read in the order fitted.
      fit json not null,
      fitted_at timestamptz not null default now(),
      primary key (stage, academic_year, specification)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table cohort_fit; drop table national_expectation;`.execute(db);
}
