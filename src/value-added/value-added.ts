// Value added for a cohort (a stage in an academic year): the mixed model and the progress measure
// fitted on the SQL pass's summaries under the stage's specification, kept until the pupils change,
// beside value added against the national reference, and shown to a caller within their scope.
import { sql } from 'kysely';
import { canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import type { CohortSummary, CohortValueAdded, NationalComparison, PupilResult } from './contract.ts';
import { bandOf, fitMixedModel, type ModelFit, Z95 } from './mixed-model.ts';
import { nationalComparison } from './national.ts';
import { type Cohort, contextColumns, progressBySchool, schoolStatistics } from './queries.ts';
import { stageModel } from './settings.ts';
import { INTERCEPT } from './sufficient-stats.ts';

export interface ModelRequest extends Cohort {
  outcome?: string;
  /** Defaults to prior attainment and every context column at least 90% of the cohort has. */
  covariates?: string[];
  randomSlope?: string | null;
  reml?: boolean;
}

/** A cohort's value added as fitted: the API's shape, with the optimiser's figures kept in the model. */
export type CohortFit = Omit<CohortValueAdded, 'model' | 'national'> & { model: ModelFit };

/** The covariates a published model uses: prior attainment and the context most pupils have. */
async function defaultCovariates(db: Db, cohort: Cohort): Promise<string[]> {
  const columns = await contextColumns(db, cohort);
  const { count } = await db
    .selectFrom('pupil_result')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('stage', '=', cohort.stage)
    .where('academic_year', '=', cohort.academicYear)
    .executeTakeFirstOrThrow();
  if (Number(count) === 0)
    throw new HeadwayError('not_found', `There are no ${cohort.stage} results for ${cohort.academicYear}`);
  return ['prior_attainment', ...columns.filter((c) => c.pupils >= 0.9 * Number(count)).map((c) => c.name)];
}

/**
 * The cohort's model and progress scores for the whole authority (no scope applied). A request that
 * names nothing but the cohort is fitted under the stage's specification and kept until the pupils
 * change; one that names its own model is fitted as asked.
 */
export async function fitCohort(db: Db, request: ModelRequest): Promise<CohortFit> {
  const asSpecified =
    request.outcome === undefined &&
    request.covariates === undefined &&
    request.randomSlope === undefined &&
    request.reml === undefined;
  if (!asSpecified) return fitModel(db, request);
  const model = await stageModel(db, request.stage);
  const specified: ModelRequest = {
    stage: request.stage,
    academicYear: request.academicYear,
    outcome: model.outcome,
    covariates: model.covariates ?? undefined,
    randomSlope: model.random_slope,
    reml: true,
  };
  return keptFit(db, specified, () => fitModel(db, specified));
}

async function fitModel(db: Db, request: ModelRequest): Promise<CohortFit> {
  const covariates = request.covariates ?? (await defaultCovariates(db, request));
  const outcome = request.outcome ?? 'outcome';
  const stats = await schoolStatistics(db, request, outcome, covariates);
  if (stats.groups.length === 0)
    throw new HeadwayError(
      'not_found',
      `There are no ${request.stage} results for ${request.academicYear} with ${covariates.length > 0 ? covariates.join(', ') : 'an outcome (the null model)'}`,
    );
  const model = fitMixedModel(stats, {
    random: request.randomSlope ? [INTERCEPT, request.randomSlope] : [INTERCEPT],
    reml: request.reml ?? true,
  });
  const { schools, sd } = await progressBySchool(db, request);
  const progress = schools.map((s) => {
    const half = (Z95 * sd) / Math.sqrt(s.pupils);
    const [lower, upper] = [s.score - half, s.score + half];
    return { school: s.school, n: s.pupils, score: s.score, lower, upper, band: bandOf(lower, upper) };
  });
  return { stage: request.stage, academicYear: request.academicYear, outcome, covariates, model, progress };
}

/** The version of the data a fit depends on: the pupils and the schools' codes. */
async function pupilsVersion(db: Db): Promise<number> {
  const { rows } = await sql<{ version: string }>`
    select coalesce(sum(version), 0) as version from data_version where table_name in ('pupil_result', 'org_unit')`.execute(
    db,
  );
  return Number(rows[0]?.version ?? 0);
}

/** A fit kept in the database per cohort and specification, computed again only when the pupils change. */
async function keptFit(db: Db, request: ModelRequest, compute: () => Promise<CohortFit>): Promise<CohortFit> {
  const specification = JSON.stringify([
    request.outcome,
    request.covariates ?? null,
    request.randomSlope ?? null,
  ]);
  const version = await pupilsVersion(db);
  const kept = await db
    .selectFrom('cohort_fit')
    .select(['fit', 'pupils_version'])
    .where('stage', '=', request.stage)
    .where('academic_year', '=', request.academicYear)
    .where('specification', '=', specification)
    .executeTakeFirst();
  if (kept && Number(kept.pupils_version) === version) return kept.fit as CohortFit;
  const fitted = await compute();
  await db
    .insertInto('cohort_fit')
    .values({
      stage: request.stage,
      academic_year: request.academicYear,
      specification,
      pupils_version: version,
      fit: JSON.stringify(fitted),
    })
    .onConflict((oc) =>
      oc.columns(['stage', 'academic_year', 'specification']).doUpdateSet({
        pupils_version: version,
        fit: JSON.stringify(fitted),
      }),
    )
    .execute();
  return fitted;
}

/** What a caller may see: schools in their scope by code; others as "another school" without a code. */
export async function valueAddedFor(
  { db, actor }: Context,
  request: ModelRequest,
): Promise<CohortFit & { national: NationalComparison | null }> {
  requirePermission(actor, 'kpi:read');
  // One fit per cohort and model per data version, whoever asks; what each caller sees is cut from it.
  const result = await computedOnce(db, `value added ${JSON.stringify(request)}`, async () => ({
    ...(await fitCohort(db, request)),
    national: await nationalComparison(db, request),
  }));
  if (actor.scope.all) return result;
  // Other schools lose their code and are ordered by their figure, so the order cannot name them.
  const hide = <T extends { school: string }>(rows: T[], figure: (row: T) => number) => [
    ...rows.filter((row) => canSee(actor, row.school)),
    ...rows
      .filter((row) => !canSee(actor, row.school))
      .map((row) => ({ ...row, school: '' }))
      .sort((a, b) => figure(b) - figure(a)),
  ];
  return {
    ...result,
    model: { ...result.model, schools: hide(result.model.schools, (s) => s.effect) },
    progress: hide(result.progress, (s) => s.score),
    national: result.national && {
      ...result.national,
      schools: hide(result.national.schools, (s) => s.score),
    },
  };
}

/** Each stage's latest cohort whose results are out by the date (published in July). */
export function latestCohortsQuery(asOf: string) {
  return sql<{ stage: string; academic_year: string }>`
    select stage, max(academic_year) as academic_year from pupil_result
    where (substr(academic_year, 1, 4)::int + 1)::text || '-07-01' <= ${asOf}
    group by stage order by stage`;
}

/**
 * Each stage's latest cohort published by the date, fitted (kept per data version by fitCohort). A
 * cohort that cannot be modelled (too few schools) is left out: it gives no evidence either way.
 */
export async function latestCohortFits(
  db: Db,
  asOf: string,
): Promise<{ stage: string; academic_year: string; fit: CohortFit }[]> {
  const { rows: cohorts } = await latestCohortsQuery(asOf).execute(db);
  const fits: { stage: string; academic_year: string; fit: CohortFit }[] = [];
  for (const cohort of cohorts) {
    try {
      fits.push({
        ...cohort,
        fit: await fitCohort(db, { stage: cohort.stage, academicYear: cohort.academic_year }),
      });
    } catch (error) {
      if (error instanceof HeadwayError) continue;
      throw error;
    }
  }
  return fits;
}

/** The cohorts with results (of one school, if given): what a value-added page can be asked for. */
export async function listCohorts({ db, actor }: Context, school?: string): Promise<CohortSummary[]> {
  requirePermission(actor, 'kpi:read');
  if (school && !canSee(actor, school)) throw notFound(`School ${school}`);
  return computedOnce(db, `cohorts ${school ?? ''}`, () => cohortsOf(db, school));
}

async function cohortsOf(db: Db, school: string | undefined): Promise<CohortSummary[]> {
  const rows = await db
    .selectFrom('pupil_result')
    .$if(school !== undefined, (q) =>
      q.where('school_id', '=', (eb) =>
        eb
          .selectFrom('org_unit')
          .select('id')
          .where('code', '=', school as string),
      ),
    )
    .select((eb) => [
      'stage',
      'academic_year',
      eb.fn.countAll<number>().as('pupils'),
      eb.fn.count<number>('school_id').distinct().as('schools'),
    ])
    .groupBy(['stage', 'academic_year'])
    .orderBy('academic_year', 'desc')
    .orderBy('stage')
    .execute();
  return rows.map((r) => ({
    stage: r.stage,
    academicYear: r.academic_year,
    pupils: Number(r.pupils),
    schools: Number(r.schools),
  }));
}

/** One school's pupil rows in a cohort: only for roles that may see pupils, and every view is audited. */
export async function schoolPupils(
  { db, actor }: Context,
  school: string,
  cohort: Cohort,
): Promise<PupilResult[]> {
  requirePermission(actor, 'pupils:read');
  if (!canSee(actor, school)) throw notFound(`School ${school}`);
  const rows = await db
    .selectFrom('pupil_result as pr')
    .innerJoin('org_unit as o', 'o.id', 'pr.school_id')
    .select(['pr.pupil_id', 'pr.outcome', 'pr.prior_attainment', 'pr.neet', 'pr.context'])
    .where('o.code', '=', school)
    .where('o.level', '=', 'school')
    .where('pr.stage', '=', cohort.stage)
    .where('pr.academic_year', '=', cohort.academicYear)
    .orderBy('pr.pupil_id')
    .execute();
  await recordAudit(db, actor, 'view', 'pupil-results', { school, ...cohort, rows: rows.length });
  return rows.map((p) => ({ ...p, neet: p.neet === null ? null : Number(p.neet) }));
}
