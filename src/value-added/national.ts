// Value added against the national reference: each pupil's outcome minus the national average outcome
// of pupils with the same prior attainment (the reference's band), averaged by school and for the
// authority. The within-authority model is zero on average by construction; this is not, so it answers
// whether the authority's, an area's or a school's pupils do better or worse than pupils nationally.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { NationalComparison } from './contract.ts';
import { bandOf, Z95 } from './mixed-model.ts';
import type { Cohort } from './queries.ts';
import { stageModel } from './settings.ts';

/**
 * The reference a cohort is compared with: the one its stage's specification names, else the only
 * one (or the first by name) with bands for the stage and year; null when there is none.
 */
async function referenceFor(db: Db, cohort: Cohort): Promise<string | null> {
  const named = (await stageModel(db, cohort.stage)).national_reference;
  const { rows } = await sql<{ reference: string }>`
    select distinct reference from national_expectation
    where stage = ${cohort.stage} and academic_year = ${cohort.academicYear} order by reference`.execute(db);
  if (named) return rows.some((r) => r.reference === named) ? named : null;
  return rows[0]?.reference ?? null;
}

/** Each pupil's outcome minus the expectation of their prior-attainment band, summed by school. */
export function nationalDifferencesQuery(cohort: Cohort, reference: string) {
  return sql<{ school: string; pupils: number; total: number; sum_squares: number; unmatched: number }>`
    with scored as (
      select pr.school_id, pr.outcome - e.expected_outcome as difference
      from pupil_result pr
      left join national_expectation e on e.reference = ${reference} and e.stage = pr.stage
        and e.academic_year = pr.academic_year and pr.prior_attainment >= e.prior_from
        and (e.prior_to is null or pr.prior_attainment < e.prior_to)
      where pr.stage = ${cohort.stage} and pr.academic_year = ${cohort.academicYear}
    )
    select o.code as school, count(difference)::int as pupils, coalesce(sum(difference), 0) as total,
      coalesce(sum(difference * difference), 0) as sum_squares,
      (count(*) - count(difference))::int as unmatched
    from scored join org_unit o on o.id = scored.school_id
    group by o.code order by o.code`;
}

/** A mean with its 95% interval from the cohort's standard deviation of pupils' differences. */
function meanWithInterval(n: number, total: number, sd: number) {
  const score = total / n;
  const half = (Z95 * sd) / Math.sqrt(n);
  return { n, score, lower: score - half, upper: score + half, band: bandOf(score - half, score + half) };
}

/** The cohort against its national reference, or null when no reference covers it. */
export async function nationalComparison(db: Db, cohort: Cohort): Promise<NationalComparison | null> {
  const reference = await referenceFor(db, cohort);
  if (!reference) return null;
  const { rows } = await nationalDifferencesQuery(cohort, reference).execute(db);
  const n = rows.reduce((sum, r) => sum + r.pupils, 0);
  if (n < 2) return null;
  const total = rows.reduce((sum, r) => sum + Number(r.total), 0);
  const squares = rows.reduce((sum, r) => sum + Number(r.sum_squares), 0);
  const sd = Math.sqrt(Math.max(0, (squares - (total * total) / n) / (n - 1)));
  return {
    reference,
    unmatched: rows.reduce((sum, r) => sum + r.unmatched, 0),
    sd,
    authority: meanWithInterval(n, total, sd),
    schools: rows
      .filter((r) => r.pupils > 0)
      .map((r) => ({ school: r.school, ...meanWithInterval(r.pupils, Number(r.total), sd) })),
  };
}
