// The SQL passes over pupil rows: per-school sufficient statistics for the mixed model, progress
// scores, and the cohort's NEET and low-attainment counts. Each returns one row per school.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { INTERCEPT, type ModelStats } from './sufficient-stats.ts';

export interface Cohort {
  stage: string;
  academicYear: string;
}

const NAME = /^[a-z][a-z0-9_]*$/;

function checkedName(name: string): string {
  if (!NAME.test(name)) throw new HeadwayError('invalid', `"${name}" is not a covariate name`);
  return name;
}

/** A covariate as a SQL expression: prior attainment is a column, the rest come from the context record. */
function covariateExpression(name: string): RawBuilder<number> {
  return name === 'prior_attainment' ? sql`pr.prior_attainment` : sql.ref(`c.${checkedName(name)}`);
}

/**
 * The context's columns as a typed record, so each row's jsonb is parsed once rather than once per
 * product of two covariates (77 of them with ten covariates); none when the model uses no context.
 */
function contextRecord(names: string[]): RawBuilder<unknown> {
  const fields = names
    .filter((n) => n !== 'prior_attainment' && n !== 'outcome')
    .map((n) => `"${checkedName(n)}" float8`);
  return fields.length > 0
    ? sql.raw(` cross join lateral jsonb_to_record(pr.context) as c(${fields.join(', ')})`)
    : sql.raw('');
}

/** The context columns pupils of the cohort have, with how many pupils have each. */
export async function contextColumns(db: Db, cohort: Cohort): Promise<{ name: string; pupils: number }[]> {
  const { rows } = await sql<{ name: string; pupils: number }>`
    select key as name, count(*)::int as pupils
    from pupil_result pr, jsonb_object_keys(pr.context) as key
    where pr.stage = ${cohort.stage} and pr.academic_year = ${cohort.academicYear}
    group by key order by key`.execute(db);
  return rows;
}

/**
 * The pass itself: one row per school with its n and the sums that make X'X, X'y and y'y, in that
 * order (X'X's lower triangle by rows). Grouped by the school's id, an integer, and joined to its code
 * only for the 3,500 groups: grouping 600,000 rows on a text code after a join cost a quarter more.
 */
export function schoolStatisticsQuery(cohort: Cohort, outcome: string, covariates: string[]) {
  const x = [sql<number>`1.0`, ...covariates.map(covariateExpression)];
  const y = outcome === 'outcome' ? sql<number>`pr.outcome` : covariateExpression(outcome);
  const p = x.length;
  const sums: RawBuilder<unknown>[] = [];
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) sums.push(sql`sum(${x[i]} * ${x[j]})`);
  for (let i = 0; i < p; i++) sums.push(sql`sum(${x[i]} * ${y})`);
  sums.push(sql`sum(${y} * ${y})`);
  const complete = sql.join(
    [y, ...x.slice(1)].map((e) => sql`${e} is not null`),
    sql` and `,
  );
  return sql<{ school: string; n: number; sums: number[] }>`
    select o.code as school, s.n, s.sums
    from (
      select pr.school_id, count(*)::int as n, array[${sql.join(sums)}]::float8[] as sums
      from pupil_result pr${contextRecord([...covariates, outcome])}
      where pr.stage = ${cohort.stage} and pr.academic_year = ${cohort.academicYear} and ${complete}
      group by pr.school_id
    ) s join org_unit o on o.id = s.school_id
    order by o.code`;
}

/**
 * One GROUP BY over the cohort's pupils gives each school's n, X'X, X'y and y'y. Pupils missing any
 * covariate are left out (complete cases, as lme4 does by default).
 */
export async function schoolStatistics(
  db: Db,
  cohort: Cohort,
  outcome: string,
  covariates: string[],
): Promise<ModelStats> {
  const columns = [INTERCEPT, ...covariates];
  const p = columns.length;
  const { rows } = await schoolStatisticsQuery(cohort, outcome, covariates).execute(db);
  return {
    columns,
    groups: rows.map((row) => {
      const xtx = new Float64Array(p * p);
      let k = 0;
      for (let i = 0; i < p; i++)
        for (let j = 0; j <= i; j++) {
          const value = Number(row.sums[k++]);
          xtx[i * p + j] = value;
          xtx[j * p + i] = value;
        }
      const xty = Float64Array.from(row.sums.slice(k, k + p), Number);
      return { group: row.school, n: row.n, xtx, xty, yty: Number(row.sums[k + p]) };
    }),
  };
}

export interface ProgressRow {
  school: string;
  pupils: number;
  /** Sum and mean of the pupils' progress scores. */
  total: number;
  score: number;
}

/**
 * Progress as in English primary progress and Progress 8: a pupil's outcome minus the mean outcome of
 * all pupils in the cohort with the same prior attainment. Prior attainment with few distinct values
 * (scaled scores, levels) is grouped by value; otherwise by twentieths of the cohort (ties kept together).
 * Returns the schools' sums and means, and the cohort's standard deviation of pupil scores.
 */
export async function progressBySchool(
  db: Db,
  cohort: Cohort,
): Promise<{ schools: ProgressRow[]; sd: number }> {
  const { rows } = await sql<ProgressRow & { sd: number | null }>`
    with cohort as (
      select pr.school_id, pr.outcome, pr.prior_attainment as prior
      from pupil_result pr
      where pr.stage = ${cohort.stage} and pr.academic_year = ${cohort.academicYear} and pr.prior_attainment is not null
    ), cuts as (
      select case when count(distinct prior) <= 100 then null
        else percentile_disc(array[0.05,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6,0.65,0.7,0.75,0.8,0.85,0.9,0.95])
          within group (order by prior) end as bounds
      from cohort
    ), grouped as (
      select c.school_id, c.outcome,
        case when cuts.bounds is null then c.prior else width_bucket(c.prior, cuts.bounds)::float8 end as prior_group
      from cohort c cross join cuts
    ), scored as (
      select school_id, outcome - avg(outcome) over (partition by prior_group) as progress from grouped
    )
    select o.code as school, count(*)::int as pupils, sum(progress) as total, avg(progress) as score,
      (select stddev_samp(progress) from scored) as sd
    from scored join org_unit o on o.id = scored.school_id
    group by o.code order by o.code`.execute(db);
  return {
    schools: rows.map(({ sd: _, ...row }) => ({
      ...row,
      total: Number(row.total),
      score: Number(row.score),
    })),
    sd: Number(rows[0]?.sd ?? 0),
  };
}

export interface OutcomeCounts {
  school: string;
  results: number;
  lowAttainers: number | null;
  leaversKnown: number;
  neet: number;
}

/** Pupils with results and below the low-attainment threshold (when one is set), and leavers' destinations. */
export async function outcomeCounts(
  db: Db,
  cohort: Cohort,
  lowBelow: number | null,
): Promise<OutcomeCounts[]> {
  const { rows } = await sql<OutcomeCounts>`
    select o.code as school, count(*)::int as results,
      case when ${lowBelow}::float8 is null then null
        else (count(*) filter (where pr.outcome < ${lowBelow}::float8))::int end as "lowAttainers",
      (count(pr.neet))::int as "leaversKnown", coalesce(sum(pr.neet), 0)::int as neet
    from pupil_result pr join org_unit o on o.id = pr.school_id
    where pr.stage = ${cohort.stage} and pr.academic_year = ${cohort.academicYear}
    group by o.code order by o.code`.execute(db);
  return rows;
}

/**
 * The pass estimates are read from: each school's pupils in the cohort and, of those with the outcome
 * and every covariate, how many, their mean outcome and their mean of each covariate (a school's mean estimate is
 * the model's fixed part at these means), with the school's area.
 */
export function schoolMeansQuery(cohort: Cohort, outcome: string, covariates: string[]) {
  const x = covariates.map(covariateExpression);
  const y = outcome === 'outcome' ? sql<number>`pr.outcome` : covariateExpression(outcome);
  const complete = sql.join(
    [y, ...x].map((e) => sql`${e} is not null`),
    sql` and `,
  );
  const means = x.length > 0 ? sql.join(x.map((e) => sql`avg(${e}) filter (where ${complete})`)) : sql``;
  return sql<{
    school: string;
    name: string;
    area: string | null;
    area_name: string | null;
    results: number;
    pupils: number;
    outcome: number | null;
    means: (number | null)[];
  }>`
    with recursive school_pupils as (
      select pr.school_id, count(*)::int as results, (count(*) filter (where ${complete}))::int as pupils,
        avg(${y}) filter (where ${complete}) as outcome, array[${means}]::float8[] as means
      from pupil_result pr${contextRecord([...covariates, outcome])}
      where pr.stage = ${cohort.stage} and pr.academic_year = ${cohort.academicYear}
      group by pr.school_id
    ), ancestry as (
      select school_id, school_id as unit_id from school_pupils
      union all
      select a.school_id, o.parent_id from ancestry a join org_unit o on o.id = a.unit_id where o.parent_id is not null
    )
    select s.code as school, s.name, ar.code as area, ar.name as area_name, sp.results, sp.pupils,
      sp.outcome, sp.means
    from school_pupils sp join org_unit s on s.id = sp.school_id
      left join (ancestry an join org_unit ar on ar.id = an.unit_id and ar.level = 'area') on an.school_id = sp.school_id
    order by s.code`;
}
