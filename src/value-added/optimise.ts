// Minimisers for the profiled deviance, which has one parameter (random intercept) or three (random
// slope) and costs well under a millisecond per evaluation: Brent's method in one dimension, finished by
// Newton steps on central differences; in three, damped Newton steps on the exact gradient with the
// Hessian from its differences, which converge to full precision. Written here
// because no maintained JavaScript package offers bounded minimisation (fmin is unbounded and
// unmaintained), and the problems are small enough that these classic methods are exact and fast.
import { backSolveTransposed, choleskyInto, forwardSolve } from './dense.ts';

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

const GOLDEN = 0.381966011250105;

/** Brent's minimisation of f on [a, b] to a relative tolerance in x. */
export function brentMinimise(f: (x: number) => number, a: number, b: number, tolerance = 1e-10): Minimum {
  let [lo, hi] = [a, b];
  let x = lo + GOLDEN * (hi - lo);
  let [w, v] = [x, x];
  let fx = f(x);
  let [fw, fv] = [fx, fx];
  let [d, e] = [0, 0];
  let evaluations = 1;
  for (let iteration = 0; iteration < 500; iteration++) {
    const middle = (lo + hi) / 2;
    const tol1 = tolerance * Math.abs(x) + 1e-14;
    const tol2 = 2 * tol1;
    if (Math.abs(x - middle) <= tol2 - (hi - lo) / 2) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      // Try a parabola through x, w and v.
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (lo - x) && p < q * (hi - x)) {
        d = p / q;
        const u = x + d;
        if (u - lo < tol2 || hi - u < tol2) d = middle >= x ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = x >= middle ? lo - x : hi - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u >= x) lo = x;
      else hi = x;
      [v, fv, w, fw, x, fx] = [w, fw, x, fx, u, fu];
    } else {
      if (u < x) lo = u;
      else hi = u;
      if (fu <= fw || w === x) [v, fv, w, fw] = [w, fw, u, fu];
      else if (fu <= fv || v === x || v === w) [v, fv] = [u, fu];
    }
  }
  return { x: [x], value: fx, evaluations };
}

/** A function's value and gradient at a point, computed together. */
export type WithGradient = (x: number[]) => { value: number; gradient: number[] };

/**
 * Minimises f over all of R^n given its exact gradient: Newton steps with the Hessian from forward
 * differences of the gradient (n more gradients an iteration), damped as minimiseNewton's are. The
 * gradient's precision, not the value's, then decides where the search stops: a deviance's values are
 * too flat at the minimum to fix it past ~1e-7, its exact gradient fixes it to ~1e-12.
 */
export function minimiseWithGradient(fg: WithGradient, start: number[]): Minimum {
  const n = start.length;
  let x = start;
  let current = fg(x);
  let evaluations = 1;
  let mu = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    const hessian = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      const h = 1e-6 * Math.max(Math.abs(x[j] as number), 0.1);
      const shifted = [...x];
      shifted[j] = (shifted[j] as number) + h;
      const { gradient } = fg(shifted);
      evaluations++;
      for (let i = 0; i < n; i++)
        hessian[i * n + j] = ((gradient[i] as number) - (current.gradient[i] as number)) / h;
    }
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) {
        const mean = ((hessian[i * n + j] as number) + (hessian[j * n + i] as number)) / 2;
        hessian[i * n + j] = mean;
        hessian[j * n + i] = mean;
      }
    let moved = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let attempt = 0; attempt < 60 && !accepted; attempt++) {
      const damped = Float64Array.from(hessian);
      for (let i = 0; i < n; i++)
        damped[i * n + i] =
          (hessian[i * n + i] as number) + mu * Math.max(Math.abs(hessian[i * n + i] as number), 1e-8);
      const factor = new Float64Array(n * n);
      if (choleskyInto(damped, factor, n) !== -1) {
        mu = Math.max(4 * mu, 1e-3);
        continue;
      }
      const delta = Float64Array.from(current.gradient, (g) => -g);
      forwardSolve(factor, delta, n);
      backSolveTransposed(factor, delta, n);
      const candidate = x.map((v, i) => v + (delta[i] as number));
      moved = Math.max(...candidate.map((v, i) => Math.abs(v - (x[i] as number)) / Math.max(1, Math.abs(v))));
      const next = fg(candidate);
      evaluations++;
      if (next.value <= current.value) {
        x = candidate;
        current = next;
        mu = mu < 1e-6 ? 0 : mu / 8;
        accepted = true;
      } else if (moved < 1e-12) break;
      else mu = Math.max(4 * mu, 1e-3);
    }
    if (!accepted || moved < 1e-12) break;
  }
  return { x, value: current.value, evaluations };
}

/**
 * Newton steps on central differences. A deviance is so flat at its minimum that its values, to
 * double precision, pin the minimiser down only to ~1e-7 relative; differences over a step of 1e-4
 * pin it to ~1e-10, which is what six significant figures of the variance components need. A step
 * is taken while it does not raise f beyond rounding noise.
 */
export function polishNewton(f: (x: number[]) => number, start: number[], lower: number[]): Minimum {
  let x = start;
  let value = f(x);
  let evaluations = 1;
  const noise = 1e-11 * (Math.abs(value) + 1);
  for (let step = 0; step < 20; step++) {
    const free = x.map((v, i) => (lower[i] as number) === -Infinity || v > (lower[i] as number) + 1e-6);
    const next = newtonStep(f, x, free);
    evaluations += 1 + 2 * x.length + 2 * x.length * (x.length - 1);
    if (!next) break;
    const candidate = next.map((v, i) => Math.max(v, lower[i] as number));
    const candidateValue = f(candidate);
    if (!(candidateValue <= value + noise)) break;
    const moved = Math.max(
      ...candidate.map((v, i) => Math.abs(v - (x[i] as number)) / Math.max(1, Math.abs(v))),
    );
    x = candidate;
    value = Math.min(value, candidateValue);
    if (moved < 1e-13) break;
  }
  return { x, value, evaluations };
}

/** Central-difference gradient and Hessian of f at x over the free coordinates (steps relative to max(|x|, 0.1)). */
function differences(f: (x: number[]) => number, x: number[], free: boolean[], step = 1e-4) {
  const indices = free.flatMap((isFree, i) => (isFree ? [i] : []));
  const m = indices.length;
  const h = indices.map((i) => step * Math.max(Math.abs(x[i] as number), 0.1));
  const at = (...shifts: [number, number][]) => {
    const y = [...x];
    for (const [k, s] of shifts)
      y[indices[k] as number] = (y[indices[k] as number] as number) + s * (h[k] as number);
    return f(y);
  };
  const f0 = f(x);
  const plus = indices.map((_, k) => at([k, 1]));
  const minus = indices.map((_, k) => at([k, -1]));
  const gradient = indices.map(
    (_, k) => ((plus[k] as number) - (minus[k] as number)) / (2 * (h[k] as number)),
  );
  const hessian = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    hessian[a * m + a] = ((plus[a] as number) - 2 * f0 + (minus[a] as number)) / (h[a] as number) ** 2;
    for (let b = 0; b < a; b++) {
      const value =
        (at([a, 1], [b, 1]) - at([a, 1], [b, -1]) - at([a, -1], [b, 1]) + at([a, -1], [b, -1])) /
        (4 * (h[a] as number) * (h[b] as number));
      hessian[a * m + b] = value;
      hessian[b * m + a] = value;
    }
  }
  return { indices, gradient, hessian };
}

/** One Newton step on the free coordinates, from a central-difference gradient and Hessian. */
function newtonStep(f: (x: number[]) => number, x: number[], free: boolean[]): number[] | null {
  const { indices, gradient, hessian } = differences(f, x, free);
  const m = indices.length;
  if (m === 0) return null;
  // A Hessian that is not positive definite means we are not near a minimum: leave it to Nelder-Mead.
  const factor = new Float64Array(m * m);
  if (choleskyInto(hessian, factor, m) !== -1) return null;
  const delta = Float64Array.from(gradient, (g) => -g);
  forwardSolve(factor, delta, m);
  backSolveTransposed(factor, delta, m);
  const next = [...x];
  indices.forEach((i, k) => {
    next[i] = (next[i] as number) + (delta[k] as number);
  });
  return next;
}

/**
 * A root of g in [a, b], where g(a) and g(b) differ in sign, by the Illinois variant of false
 * position: superlinear, and never leaves the bracket.
 */
export function findRoot(g: (x: number) => number, a: number, b: number, tolerance = 1e-12): number {
  let [lo, hi] = [a, b];
  let [glo, ghi] = [g(lo), g(hi)];
  if (glo === 0) return lo;
  if (ghi === 0) return hi;
  let side = 0;
  let x = lo;
  for (let iteration = 0; iteration < 200; iteration++) {
    x = (lo * ghi - hi * glo) / (ghi - glo);
    if (Math.abs(hi - lo) <= tolerance * Math.max(1, Math.abs(x))) break;
    const gx = g(x);
    if (gx === 0) return x;
    if (Math.sign(gx) === Math.sign(ghi)) {
      [hi, ghi] = [x, gx];
      if (side === 1) glo /= 2;
      side = 1;
    } else {
      [lo, glo] = [x, gx];
      if (side === -1) ghi /= 2;
      side = -1;
    }
  }
  return x;
}
