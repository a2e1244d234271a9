// Value added for a cohort (a stage in an academic year): the mixed model and the progress measure
// fitted on the SQL pass's summaries, shown to a caller within their scope, and published as KPIs.
import { sql } from 'kysely';
import { canSee, requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { upsertRows } from '../db/upsert.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { elementIds } from '../kpi/imports.ts';
import { orgUnitsByCode } from '../registry/lookups.ts';
import { writeSetting } from '../settings/store.ts';
import type { CohortSummary, CohortValueAdded, PupilResult } from './contract.ts';
import { bandOf, fitMixedModel, type ModelFit, Z95 } from './mixed-model.ts';
import { type Cohort, contextColumns, outcomeCounts, progressBySchool, schoolStatistics } from './queries.ts';
import { LOW_ATTAINMENT_KEY, lowAttainmentThreshold, lowAttainmentThresholds } from './settings.ts';
import { INTERCEPT } from './sufficient-stats.ts';

export interface ModelRequest extends Cohort {
  outcome?: string;
  /** Defaults to prior attainment and every context column at least 90% of the cohort has. */
  covariates?: string[];
  randomSlope?: string | null;
  reml?: boolean;
}

/** A cohort's value added as fitted: the API's shape, with the optimiser's figures kept in the model. */
export type CohortFit = Omit<CohortValueAdded, 'model'> & { model: ModelFit };

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

/** Fits the cohort's model and progress scores for the whole authority (no scope applied). */
export async function fitCohort(db: Db, request: ModelRequest): Promise<CohortFit> {
  const covariates = request.covariates ?? (await defaultCovariates(db, request));
  const outcome = request.outcome ?? 'outcome';
  const stats = await schoolStatistics(db, request, outcome, covariates);
  if (stats.groups.length === 0)
    throw new HeadwayError(
      'not_found',
      `There are no ${request.stage} results for ${request.academicYear} with ${covariates.join(', ')}`,
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

/** What a caller may see: schools in their scope by code; others as "another school" without a code. */
export async function valueAddedFor({ db, actor }: Context, request: ModelRequest): Promise<CohortFit> {
  requirePermission(actor, 'kpi:read');
  // One fit per cohort and model per data version, whoever asks; what each caller sees is cut from it.
  const result = await computedOnce(db, `value added ${JSON.stringify(request)}`, () =>
    fitCohort(db, request),
  );
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
  };
}

/** The month a cohort's measures are published in: July, when the academic year's results are in. */
function publicationMonth(academicYear: string): string {
  return `${Number(academicYear.slice(0, 4)) + 1}-07-01`;
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

/**
 * Writes the cohort's value added, progress, low attainment and NEET counts as data values for every
 * school, so they roll up and show as KPIs. Runs inside the import's transaction.
 */
export async function publishCohort(db: Db, cohort: Cohort): Promise<void> {
  // A cohort that cannot be modelled (too few schools, collinear context) still publishes its counts;
  // `headway va` on it gives the reason.
  let fitted: CohortFit | null = null;
  try {
    fitted = await fitCohort(db, cohort);
  } catch (error) {
    if (!(error instanceof HeadwayError) || error.code !== 'unprocessable') throw error;
  }
  const counts = await outcomeCounts(db, cohort, await lowAttainmentThreshold(db, cohort.stage));
  const values = new Map<string, Record<string, number>>();
  const set = (school: string, element: string, value: number) => {
    const row = values.get(school) ?? {};
    row[element] = value;
    values.set(school, row);
  };
  for (const s of fitted?.model.schools ?? []) {
    set(s.school, 'va_pupils', s.n);
    set(s.school, 'va_effect_total', s.effect * s.n);
  }
  for (const s of fitted?.progress ?? []) {
    set(s.school, 'progress_pupils', s.n);
    set(s.school, 'progress_total', s.score * s.n);
  }
  for (const c of counts) {
    if (c.lowAttainers !== null) {
      set(c.school, 'results_pupils', c.results);
      set(c.school, 'low_attainers', c.lowAttainers);
    }
    if (c.leaversKnown > 0) {
      set(c.school, 'leavers_known', c.leaversKnown);
      set(c.school, 'leavers_neet', c.neet);
    }
  }
  const units = await orgUnitsByCode(db, values.keys());
  const elements = await elementIds(db);
  const month = publicationMonth(cohort.academicYear);
  const rows = [...values].flatMap(([school, byElement]) =>
    Object.entries(byElement).map(([element, value]) => ({
      org_unit_id: units.get(school)?.id as number,
      element_id: elements.get(element) as number,
      month,
      value,
    })),
  );
  await upsertRows(db, 'data_value', rows, {
    key: ['element_id', 'org_unit_id', 'month'],
    update: ['value'],
  });
}

/** Sets a stage's low-attainment threshold and republishes the stage's cohorts with it. */
export async function setLowAttainment({ db, actor }: Context, stage: string, below: number): Promise<void> {
  requireWholeSystem(actor, 'kpi:write');
  const next = { ...(await lowAttainmentThresholds(db)), [stage]: below };
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, LOW_ATTAINMENT_KEY, next);
    const years = await trx
      .selectFrom('pupil_result')
      .select('academic_year')
      .distinct()
      .where('stage', '=', stage)
      .execute();
    for (const { academic_year } of years) await publishCohort(trx, { stage, academicYear: academic_year });
    await recordAudit(trx, actor, 'set_low_attainment_threshold', 'setting', { stage, below });
  });
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
