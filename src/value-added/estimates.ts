// Estimates and targets, FFT Aspire's way done in the open. A pupil's estimate is the published model's
// fixed part at the pupil's covariates (x'β): what pupils like them reach in an average school. The
// estimate "at the Pth percentile" adds the value added of a school better than (100 − P)% of schools:
// the quantile at 1 − P/100 of the cohort's school effects, so P = 20 (FFT20) is a demanding target
// and P = 50 the median school. Schools', areas' and the authority's estimates are their pupils' means.
import { sql } from 'kysely';
import { canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { unitsBeneath } from '../registry/sql.ts';
import type {
  CohortEstimates,
  PupilEstimate,
  SchoolPupilEstimates,
  UnitEstimate,
} from './estimates-contract.ts';
import { type Cohort, schoolMeansQuery } from './queries.ts';
import { stageModel } from './settings.ts';
import { INTERCEPT } from './sufficient-stats.ts';
import { type CohortFit, fitCohort } from './value-added.ts';

export interface EstimatesRequest extends Cohort {
  /** 1 to 99: the percentile of schools' value added the target is set at. */
  percentile: number;
}

/**
 * The quantile of a sample at probability p as R's `quantile(type = 7)` (its default, and numpy's):
 * linear between the order statistics at (n − 1)p.
 */
function quantileType7(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (h - below) * (high - low);
}

/**
 * The cohort's fit under its stage's published specification (kept in the database by fitCohort), held
 * per data version so each request does not read it again.
 */
function publishedFit(db: Db, cohort: Cohort): Promise<CohortFit> {
  const request: Cohort = { stage: cohort.stage, academicYear: cohort.academicYear };
  return computedOnce(db, `estimates fit ${JSON.stringify(request)}`, () => fitCohort(db, request));
}

/** The model part of every estimates answer: the fixed effects and the percentile's shift. */
function basisOf(fit: CohortFit, percentile: number, outcomeLabel: string | null) {
  // In the model's order (the intercept, then the covariates), whatever order a kept fit's JSON has.
  const fixed = Object.fromEntries(
    [INTERCEPT, ...fit.covariates]
      .filter((name) => fit.model.fixed[name] !== undefined)
      .map((name) => [name, fit.model.fixed[name]?.estimate as number]),
  );
  return {
    stage: fit.stage,
    academicYear: fit.academicYear,
    outcome: fit.outcome,
    outcome_label: outcomeLabel,
    covariates: fit.covariates,
    fixed,
    percentile,
    shift: quantileType7(
      fit.model.schools.map((s) => s.effect),
      1 - percentile / 100,
    ),
    schools: fit.model.schools.length,
  };
}

/** x'β: the intercept plus each covariate times its coefficient. */
function fixedPart(fixed: Record<string, number>, covariates: string[], x: readonly number[]): number {
  let sum = fixed[INTERCEPT] ?? 0;
  covariates.forEach((name, j) => {
    sum += (fixed[name] ?? 0) * (x[j] as number);
  });
  return sum;
}

interface Totals {
  results: number;
  pupils: number;
  outcome: number;
  estimate: number;
}

function unitOf(
  unit: { code: string; name: string; level: UnitEstimate['level']; area: string | null },
  t: Totals,
  shift: number,
): UnitEstimate {
  const mean = (total: number) => (t.pupils > 0 ? total / t.pupils : null);
  const estimate = mean(t.estimate);
  return {
    ...unit,
    pupils: t.pupils,
    withoutEstimate: t.results - t.pupils,
    actual: mean(t.outcome),
    estimate,
    target: estimate === null ? null : estimate + shift,
  };
}

function add(into: Totals, t: Totals): void {
  into.results += t.results;
  into.pupils += t.pupils;
  into.outcome += t.outcome;
  into.estimate += t.estimate;
}

const empty = (): Totals => ({ results: 0, pupils: 0, outcome: 0, estimate: 0 });

/**
 * Each school's (in scope), area's and the authority's mean estimate and target beside its actual mean
 * outcome, for one cohort (so one stage: figures of different stages are on different scales). With
 * `orgUnit`, that unit and the schools beneath it.
 */
export async function cohortEstimates(
  { db, actor }: Context,
  request: EstimatesRequest & { orgUnit?: string },
): Promise<CohortEstimates> {
  requirePermission(actor, 'kpi:read');
  if (request.orgUnit !== undefined && !canSee(actor, request.orgUnit))
    throw notFound(`Unit ${request.orgUnit}`);
  const fit = await publishedFit(db, request);
  const basis = basisOf(fit, request.percentile, (await stageModel(db, request.stage)).outcome_label);
  const cohort = { stage: request.stage, academicYear: request.academicYear };
  const { rows } = await computedOnce(
    db,
    `school means ${JSON.stringify([cohort, fit.outcome, fit.covariates])}`,
    () => schoolMeansQuery(cohort, fit.outcome, fit.covariates).execute(db),
  );
  const schools = rows.map((row) => {
    const totals: Totals = {
      results: row.results,
      pupils: row.pupils,
      outcome: row.pupils > 0 ? Number(row.outcome) * row.pupils : 0,
      estimate:
        row.pupils > 0 ? fixedPart(basis.fixed, fit.covariates, row.means.map(Number)) * row.pupils : 0,
    };
    return { row, totals };
  });
  // The schools the caller may see by name, each with its figures.
  const schoolUnits = (list: typeof schools) =>
    list
      .filter((s) => canSee(actor, s.row.school))
      .map((s) =>
        unitOf(
          { code: s.row.school, name: s.row.name, level: 'school', area: s.row.area },
          s.totals,
          basis.shift,
        ),
      );

  if (request.orgUnit !== undefined) {
    const unit = await unitWithSchoolsBeneath(db, request.orgUnit);
    if (!unit) throw notFound(`Unit ${request.orgUnit}`);
    const mine = schools.filter((s) => unit.schools.has(s.row.school));
    const total = empty();
    for (const s of mine) add(total, s.totals);
    const units =
      unit.level === 'school'
        ? []
        : [unitOf({ code: unit.code, name: unit.name, level: unit.level, area: null }, total, basis.shift)];
    return { ...basis, units: [...units, ...schoolUnits(mine)] };
  }

  const authority = await db
    .selectFrom('org_unit')
    .select(['code', 'name'])
    .where('level', '=', 'authority')
    .orderBy('code')
    .executeTakeFirst();
  const total = empty();
  const areas = new Map<string, { name: string; totals: Totals }>();
  for (const s of schools) {
    add(total, s.totals);
    if (s.row.area === null) continue;
    const area = areas.get(s.row.area) ?? { name: s.row.area_name ?? s.row.area, totals: empty() };
    add(area.totals, s.totals);
    areas.set(s.row.area, area);
  }
  const units: UnitEstimate[] = [];
  if (authority && canSee(actor, authority.code))
    units.push(unitOf({ ...authority, level: 'authority', area: null }, total, basis.shift));
  for (const [code, area] of [...areas].sort(([a], [b]) => a.localeCompare(b)))
    if (canSee(actor, code))
      units.push(unitOf({ code, name: area.name, level: 'area', area: null }, area.totals, basis.shift));
  return { ...basis, units: [...units, ...schoolUnits(schools)] };
}

/** A unit's level and name, and the codes of the schools at or beneath it. */
async function unitWithSchoolsBeneath(db: Db, code: string) {
  const unit = await db
    .selectFrom('org_unit')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!unit) return null;
  const { rows } = await sql<{ code: string }>`
    with recursive ${unitsBeneath('beneath', sql`code = ${code}`)}
    select o.code from beneath b join org_unit o on o.id = b.id where o.level = 'school'`.execute(db);
  return { ...unit, schools: new Set(rows.map((r) => r.code)) };
}

/**
 * One school's pupils' estimates and targets in a cohort: only for roles that may see pupils, and every
 * view (and download) is audited.
 */
export async function pupilEstimates(
  { db, actor }: Context,
  school: string,
  request: EstimatesRequest,
  how: { format: 'json' | 'xlsx' } = { format: 'json' },
): Promise<SchoolPupilEstimates> {
  requirePermission(actor, 'pupils:read');
  if (!canSee(actor, school)) throw notFound(`School ${school}`);
  const found = await db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', school)
    .where('level', '=', 'school')
    .executeTakeFirst();
  if (!found) throw notFound(`School ${school}`);
  const fit = await publishedFit(db, request);
  const basis = basisOf(fit, request.percentile, (await stageModel(db, request.stage)).outcome_label);
  const rows = await db
    .selectFrom('pupil_result')
    .select(['pupil_id', 'outcome', 'prior_attainment', 'context'])
    .where('school_id', '=', found.id)
    .where('stage', '=', request.stage)
    .where('academic_year', '=', request.academicYear)
    .orderBy('pupil_id')
    .execute();
  // The specification's outcome is the results' outcome column or a context column (then it may be blank).
  const outcomeOf = (row: (typeof rows)[number]) =>
    fit.outcome === 'outcome' ? row.outcome : (row.context[fit.outcome] ?? null);
  const pupils = rows.map((row): PupilEstimate => {
    const outcome = outcomeOf(row);
    const covariates = Object.fromEntries(
      fit.covariates.map((name) => [
        name,
        name === 'prior_attainment' ? row.prior_attainment : (row.context[name] ?? null),
      ]),
    );
    const missing = [
      ...(outcome === null ? [fit.outcome] : []),
      ...fit.covariates.filter((name) => covariates[name] === null),
    ];
    const estimate =
      missing.length > 0
        ? null
        : fixedPart(
            basis.fixed,
            fit.covariates,
            fit.covariates.map((name) => covariates[name] as number),
          );
    const target = estimate === null ? null : estimate + basis.shift;
    return {
      pupil_id: row.pupil_id,
      outcome,
      covariates,
      estimate,
      target,
      difference: target === null || outcome === null ? null : outcome - target,
      missing,
    };
  });
  await recordAudit(db, actor, 'view', 'pupil-estimates', {
    school,
    stage: request.stage,
    academicYear: request.academicYear,
    percentile: request.percentile,
    format: how.format,
    rows: pupils.length,
  });
  return { ...basis, school, pupils };
}
