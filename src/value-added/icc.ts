// The intraclass correlation and its 95% interval: the share of the (school + residual) variance that
// lies between schools. In lme4's parameterisation the school variance is sigma^2 times a quadratic in
// theta, so the ICC is rho / (1 + rho) with rho a function of theta alone, and the profiled deviance
// (over the fixed effects and sigma) is all an interval needs.
import type { Icc } from './contract.ts';
import { backSolveTransposed, choleskyInto, forwardSolve } from './dense.ts';
import { findRoot } from './optimise.ts';

/** qchisq(0.95, 1): a profile-likelihood interval is where the deviance is within this of its minimum. */
const CHI2_95 = 3.841458820694124;
const Z95 = 1.959963984540054;

const iccOf = (rho: number) => rho / (1 + rho);

/**
 * Random intercept: theta = sigma_school / sigma, so ICC = theta^2 / (1 + theta^2) is monotone in theta
 * and the profile-likelihood interval on theta maps to an exact-likelihood interval for the ICC. The
 * lower end is 0 when the deviance at theta = 0 (no school variance) is within the bound.
 */
export function interceptIcc(deviance: (theta: number) => number, theta: number): Icc {
  const bound = deviance(theta) + CHI2_95;
  const excess = (t: number) => deviance(t) - bound;
  let lower = 0;
  if (theta > 0 && excess(0) > 0) lower = findRoot(excess, 0, theta);
  let far = Math.max(2 * theta, 0.05);
  while (excess(far) <= 0 && far < 1e6) far *= 2;
  const upper = findRoot(excess, theta, far);
  return {
    estimate: iccOf(theta ** 2),
    lower: iccOf(lower ** 2),
    upper: iccOf(upper ** 2),
    method: 'profile-likelihood',
  };
}

/**
 * Random intercept and slope: the between-school variance at the slope covariate's cohort mean m is
 * sigma^2 |Lambda' (1, m)|^2, so rho = (theta1 + m theta2)^2 + (m theta3)^2. Its interval is a Wald
 * interval on the logit scale (logit ICC = log rho), with theta's covariance 2 H^-1 from the profiled
 * deviance's Hessian H (central differences of its exact gradient): a profile over rho would need a two-dimensional
 * optimisation per point, and the logit keeps the interval inside (0, 1). Coordinates on their bound
 * (theta1 or theta3 = 0) are held there. When the deviance is flat at the fit the ends are null.
 */
export function slopeIcc(gradient: (theta: number[]) => number[], theta: number[], mean: number): Icc {
  const [t1, t2, t3] = theta as [number, number, number];
  const rho = (t1 + mean * t2) ** 2 + (mean * t3) ** 2;
  const estimate = iccOf(rho);
  const unknown: Icc = { estimate, lower: null, upper: null, method: 'wald-logit' };
  if (!(rho > 0)) return unknown;
  const free = [t1 > 1e-6, true, t3 > 1e-6];
  const indices = free.flatMap((isFree, i) => (isFree ? [i] : []));
  const m = indices.length;
  const hessian = hessianOf(gradient, theta, indices);
  const factor = new Float64Array(m * m);
  if (choleskyInto(hessian, factor, m) !== -1) return unknown;
  // d log(rho) / d theta
  const dLogRho = [
    (2 * (t1 + mean * t2)) / rho,
    (2 * mean * (t1 + mean * t2)) / rho,
    (2 * mean * mean * t3) / rho,
  ];
  const g = Float64Array.from(indices, (i) => dLogRho[i] as number);
  const solved = Float64Array.from(g);
  forwardSolve(factor, solved, m);
  backSolveTransposed(factor, solved, m);
  let quadratic = 0;
  for (let k = 0; k < m; k++) quadratic += (g[k] as number) * (solved[k] as number);
  const se = Math.sqrt(2 * quadratic);
  const logRho = Math.log(rho);
  return {
    estimate,
    lower: iccOf(Math.exp(logRho - Z95 * se)),
    upper: iccOf(Math.exp(logRho + Z95 * se)),
    method: 'wald-logit',
  };
}

/** The Hessian over the given coordinates by central differences of the exact gradient, symmetrised. */
function hessianOf(
  gradient: (theta: number[]) => number[],
  theta: number[],
  indices: number[],
): Float64Array {
  const m = indices.length;
  const hessian = new Float64Array(m * m);
  indices.forEach((j, b) => {
    const h = 1e-4 * Math.max(Math.abs(theta[j] as number), 0.1);
    const up = [...theta];
    const down = [...theta];
    up[j] = (up[j] as number) + h;
    down[j] = (down[j] as number) - h;
    const [gu, gd] = [gradient(up), gradient(down)];
    indices.forEach((i, a) => {
      hessian[a * m + b] = ((gu[i] as number) - (gd[i] as number)) / (2 * h);
    });
  });
  for (let a = 0; a < m; a++)
    for (let b = 0; b < a; b++) {
      const mean = ((hessian[a * m + b] as number) + (hessian[b * m + a] as number)) / 2;
      hessian[a * m + b] = mean;
      hessian[b * m + a] = mean;
    }
  return hessian;
}
