// A linear mixed model with one grouping factor (pupils in schools), y = X b + Z u + e, fitted by
// REML or ML from per-school sufficient statistics. It follows lme4's formulation (Bates, Maechler,
// Bolker and Walker 2015, "Fitting linear mixed-effects models using lme4"): the random effects'
// covariance is sigma^2 Lambda Lambda', theta holds Lambda's lower triangle, and the deviance is
// profiled over b and sigma so only theta is optimised. Because the random-effects matrix is block
// diagonal by school, every Cholesky factor is q x q per school (q = 1 or 2) plus one p x p.
import { HeadwayError } from '../errors.ts';
import type { SchoolValueAdded, ValueAddedBand, ValueAddedModel } from './contract.ts';
import { backSolveTransposed, choleskyInto, forwardSolve, inverseFromCholesky } from './dense.ts';
import { type Evaluation, evaluate, slopeGradient, type Workspace, workspaceOf } from './deviance.ts';
import { interceptIcc, slopeIcc } from './icc.ts';
import { brentMinimise, minimiseWithGradient, polishNewton, type WithGradient } from './optimise.ts';
import type { ModelStats } from './sufficient-stats.ts';

export interface ModelSpec {
  /** Design columns with a random effect by school: the intercept, and optionally one slope. */
  random: string[];
  reml: boolean;
}

/** A fit: the model as the API gives it, and the optimiser's own figures (lme4's theta, how many evaluations). */
export type ModelFit = ValueAddedModel & { theta: number[]; evaluations: number };

/** The normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** Significantly above or below zero when the interval misses it, in line otherwise. */
export function bandOf(lower: number, upper: number): ValueAddedBand {
  return lower > 0 ? 'above' : upper < 0 ? 'below' : 'in_line';
}

/** M = Lambda' Z'Z Lambda + I for one school, where Z'Z is read from the school's X'X. */
function penalisedBlock(
  xtx: Float64Array,
  lambda: Float64Array,
  randomIndex: number[],
  p: number,
  m: Float64Array,
): void {
  const q = randomIndex.length;
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      let sum = a === b ? 1 : 0;
      for (let r = 0; r < q; r++)
        for (let s = 0; s < q; s++)
          sum +=
            (lambda[r * q + a] as number) *
            (xtx[(randomIndex[r] as number) * p + (randomIndex[s] as number)] as number) *
            (lambda[s * q + b] as number);
      m[a * q + b] = sum;
    }
  }
}

/** Lambda (q x q, lower triangular) from theta, lme4's column-wise lower triangle. */
function lambdaOf(theta: number[], q: number): Float64Array {
  const lambda = new Float64Array(q * q);
  let k = 0;
  for (let j = 0; j < q; j++) for (let i = j; i < q; i++) lambda[i * q + j] = theta[k++] as number;
  return lambda;
}

/** Refuses a design whose columns are collinear, naming the column that adds nothing new. */
function checkFullRank(stats: ModelStats, xtx: Float64Array): void {
  const p = stats.columns.length;
  // Scale to a correlation-like matrix so the test does not depend on the covariates' units.
  const scaled = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++)
      scaled[i * p + j] =
        (xtx[i * p + j] as number) / Math.sqrt((xtx[i * p + i] as number) * (xtx[j * p + j] as number));
  const failed = choleskyInto(scaled, new Float64Array(p * p), p, 1e-10);
  if (failed === -1) return;
  const column = stats.columns[failed] as string;
  const before = stats.columns.slice(0, failed).join(', ');
  throw new HeadwayError(
    'unprocessable',
    (xtx[failed * p + failed] as number) === 0
      ? `The covariate ${column} is zero for every pupil; leave it out`
      : `The covariate ${column} is collinear with ${before} (it is a combination of them, or constant); leave it out or combine them`,
  );
}

export function fitMixedModel(stats: ModelStats, spec: ModelSpec): ModelFit {
  const p = stats.columns.length;
  const randomIndex = spec.random.map((name) => {
    const index = stats.columns.indexOf(name);
    if (index < 0)
      throw new HeadwayError('invalid', `The random slope ${name} must also be one of the covariates`);
    return index;
  });
  const q = randomIndex.length;
  const w = workspaceOf(stats, randomIndex);
  if (w.n <= p) throw new HeadwayError('unprocessable', `${w.n} pupils are too few for ${p} fixed effects`);
  if (stats.groups.length < 2)
    throw new HeadwayError('unprocessable', 'Value added needs pupils in at least two schools');
  checkFullRank(stats, w.xtx);

  const deviance = (theta: number[]) => evaluate(w, theta, spec.reml)?.deviance ?? Number.POSITIVE_INFINITY;
  const withGradient: WithGradient = (t) => {
    const at = evaluate(w, t, spec.reml);
    return at
      ? { value: at.deviance, gradient: slopeGradient(w, t, spec.reml, at) }
      : { value: Number.POSITIVE_INFINITY, gradient: [Number.NaN, Number.NaN, Number.NaN] };
  };
  const { x: theta, evaluations } =
    q === 1 ? minimiseScalar((t) => deviance([t])) : minimiseSlope(withGradient);
  const at = evaluate(w, theta, spec.reml);
  if (!at)
    throw new HeadwayError(
      'unprocessable',
      'The model could not be fitted (the fixed effects are not identifiable)',
    );
  const icc =
    q === 1
      ? interceptIcc((t) => deviance([t]), theta[0] as number)
      : slopeIcc((t) => withGradient(t).gradient, theta, (w.xtx[randomIndex[1] as number] as number) / w.n);
  const { fixed, variance, ...rest } = estimatesAt(stats, w, spec, theta, at, evaluations);
  return { fixed, variance, icc, ...rest };
}

/**
 * Random slope: theta = (theta1, theta2, theta3) with theta1, theta3 >= 0 in lme4, minimised with the
 * deviance's exact gradient (deviance.ts). Flipping the sign of
 * a column of Lambda leaves Lambda Lambda', so the deviance, unchanged, so the search runs unbounded and
 * the signs are put right at the end; a fit on the boundary (theta3 = 0, the intercept and slope
 * perfectly correlated) is then a minimum like any other. lme4's starting point.
 */
function minimiseSlope(f: WithGradient) {
  const found = minimiseWithGradient(f, [1, 0, 1]);
  let [t1, t2, t3] = found.x as [number, number, number];
  if (t1 < 0) [t1, t2] = [-t1, -t2];
  t3 = Math.abs(t3);
  return { x: [t1, t2, t3], evaluations: found.evaluations };
}

/** In one dimension: scan a geometric grid for the basin, then Brent within it (theta >= 0). */
function minimiseScalar(f: (t: number) => number) {
  const grid = [0, ...Array.from({ length: 25 }, (_, i) => 1e-4 * 2 ** i)];
  const values = grid.map(f);
  const best = values.indexOf(Math.min(...values));
  const found = brentMinimise(
    f,
    grid[Math.max(best - 1, 0)] as number,
    grid[Math.min(best + 1, grid.length - 1)] as number,
    1e-12,
  );
  if ((values[0] as number) <= found.value) return { x: [0], evaluations: found.evaluations + grid.length };
  const polished = polishNewton(([t]) => f(t as number), found.x, [0]);
  return { x: polished.x, evaluations: found.evaluations + grid.length + polished.evaluations };
}

function estimatesAt(
  stats: ModelStats,
  w: Workspace,
  spec: ModelSpec,
  theta: number[],
  at: Evaluation,
  evaluations: number,
): Omit<ModelFit, 'icc'> {
  const { p, q, randomIndex } = w;
  const { lx, cBeta } = at;
  const lambda = lambdaOf(theta, q);
  const sigma2 = at.penalisedRss / at.dof;
  const beta = Float64Array.from(cBeta);
  backSolveTransposed(lx, beta, p);
  const vcov = inverseFromCholesky(lx, p);
  const fixed: ModelFit['fixed'] = {};
  stats.columns.forEach((name, i) => {
    fixed[name] = { estimate: beta[i] as number, se: Math.sqrt(sigma2 * (vcov[i * p + i] as number)) };
  });
  // Sigma_b = sigma^2 Lambda Lambda'
  const cov = (a: number, b: number) => {
    let sum = 0;
    for (let k = 0; k < q; k++) sum += (lambda[a * q + k] as number) * (lambda[b * q + k] as number);
    return sigma2 * sum;
  };
  const variance: ModelFit['variance'] = { school: cov(0, 0), residual: sigma2 };
  if (q === 2) {
    variance.slope = cov(1, 1);
    variance.covariance = cov(0, 1);
  }

  // The cohort's mean of the slope's covariate: X'X's intercept row holds the column sums.
  const slopeMean = q === 2 ? (w.xtx[randomIndex[1] as number] as number) / w.n : 0;
  const schools = stats.groups.map((g) => {
    // u = (Lambda' Z'Z Lambda + I)^-1 Lambda' Z'(y - X beta); b = Lambda u; Var(b | y) = sigma^2 Lambda M^-1 Lambda'
    const m = new Float64Array(q * q);
    const rhs = new Float64Array(q);
    penalisedBlock(g.xtx, lambda, randomIndex, p, m);
    for (let a = 0; a < q; a++) {
      let residual = 0;
      for (let r = 0; r < q; r++) {
        const zi = randomIndex[r] as number;
        let zty = g.xty[zi] as number;
        for (let j = 0; j < p; j++) zty -= (g.xtx[zi * p + j] as number) * (beta[j] as number);
        residual += (lambda[r * q + a] as number) * zty;
      }
      rhs[a] = residual;
    }
    const l = new Float64Array(q * q);
    choleskyInto(m, l, q);
    forwardSolve(l, rhs, q);
    backSolveTransposed(l, rhs, q);
    const mInverse = inverseFromCholesky(l, q);
    const effectOf = (a: number) => {
      let sum = 0;
      for (let k = 0; k < q; k++) sum += (lambda[a * q + k] as number) * (rhs[k] as number);
      return sum;
    };
    // Conditional covariance of the school's effects a and b: sigma^2 (Lambda M^-1 Lambda')_ab.
    const covarianceOf = (a: number, b: number) => {
      let sum = 0;
      for (let r = 0; r < q; r++)
        for (let s = 0; s < q; s++)
          sum +=
            (lambda[a * q + r] as number) * (mInverse[r * q + s] as number) * (lambda[b * q + s] as number);
      return sigma2 * sum;
    };
    const effect = q === 2 ? effectOf(0) + slopeMean * effectOf(1) : effectOf(0);
    const sd = Math.sqrt(
      q === 2
        ? covarianceOf(0, 0) + 2 * slopeMean * covarianceOf(0, 1) + slopeMean ** 2 * covarianceOf(1, 1)
        : covarianceOf(0, 0),
    );
    const lower = effect - Z95 * sd;
    const upper = effect + Z95 * sd;
    const school: SchoolValueAdded = {
      school: g.group,
      n: g.n,
      effect,
      sd,
      lower,
      upper,
      band: bandOf(lower, upper),
    };
    if (q === 2) {
      school.intercept = effectOf(0);
      school.interceptSd = Math.sqrt(covarianceOf(0, 0));
      school.slope = effectOf(1);
      school.slopeSd = Math.sqrt(covarianceOf(1, 1));
    }
    return school;
  });

  return {
    fixed,
    variance,
    logLik: -at.deviance / 2,
    reml: spec.reml,
    pupils: w.n,
    schools,
    theta,
    evaluations,
  };
}
