// The profiled deviance of the mixed model at theta (lme4's criterion: Bates, Maechler, Bolker and
// Walker 2015, section 3), computed from per-school sufficient statistics. The optimiser calls it a few
// hundred times, so the schools' figures are packed once into flat arrays in the shape each model needs:
//
// - random intercept (q = 1): a school enters only through its size n, its column sums s = X'1 and its
//   outcome sum t = 1'y, with weight lambda^2 / (1 + lambda^2 n). Schools of the same size share the
//   weight, so their s s', s t and t^2 are summed once here and an evaluation costs one p x p update
//   per distinct size (about 150 at national size) instead of one per school (3,500).
// - random intercept and slope (q = 2): each school's 2 x 2 block is factored in closed form and its
//   rank-two update of X'X is accumulated into a packed lower triangle.
import { backSolveTransposed, choleskyInto, forwardSolve } from './dense.ts';
import type { ModelStats } from './sufficient-stats.ts';

export interface Workspace {
  p: number;
  q: number;
  randomIndex: number[];
  /** The whole cohort's X'X (p x p), X'y and y'y, and its pupils. */
  xtx: Float64Array;
  xty: Float64Array;
  yty: number;
  n: number;
  /** q = 1: per distinct school size, [n, schools, t^2 sum, s t (p), s s' packed lower (p(p+1)/2)]. */
  /** q = 2: per school, [Z'X row 0 (p), row 1 (p), Z'Z (a, b, c), Z'y (2)]. */
  packed: Float64Array;
  stride: number;
  blocks: number;
}

export interface Evaluation {
  deviance: number;
  /** The Cholesky factor of the fixed effects' penalised X'X, and c_beta (L_X c_beta = adjusted X'y). */
  lx: Float64Array;
  cBeta: Float64Array;
  penalisedRss: number;
  dof: number;
}

const triangle = (p: number) => (p * (p + 1)) / 2;

export function workspaceOf(stats: ModelStats, randomIndex: number[]): Workspace {
  const p = stats.columns.length;
  const q = randomIndex.length;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  let yty = 0;
  let n = 0;
  for (const g of stats.groups) {
    for (let i = 0; i < p * p; i++) xtx[i] = (xtx[i] as number) + (g.xtx[i] as number);
    for (let i = 0; i < p; i++) xty[i] = (xty[i] as number) + (g.xty[i] as number);
    yty += g.yty;
    n += g.n;
  }
  const base = { p, q, randomIndex, xtx, xty, yty, n };
  if (q === 1) {
    const stride = 3 + p + triangle(p);
    const bySize = new Map<number, number>();
    for (const g of stats.groups) if (!bySize.has(g.n)) bySize.set(g.n, bySize.size);
    const packed = new Float64Array(bySize.size * stride);
    for (const g of stats.groups) {
      const at = (bySize.get(g.n) as number) * stride;
      const t = g.xty[0] as number;
      packed[at] = g.n;
      packed[at + 1] = (packed[at + 1] as number) + 1;
      packed[at + 2] = (packed[at + 2] as number) + t * t;
      let k = at + 3 + p;
      for (let i = 0; i < p; i++) {
        const si = g.xtx[i] as number;
        packed[at + 3 + i] = (packed[at + 3 + i] as number) + si * t;
        for (let j = 0; j <= i; j++) packed[k] = (packed[k++] as number) + si * (g.xtx[j] as number);
      }
    }
    return { ...base, packed, stride, blocks: bySize.size };
  }
  const stride = 2 * p + 5;
  const packed = new Float64Array(stats.groups.length * stride);
  const [r0, r1] = randomIndex as [number, number];
  stats.groups.forEach((g, index) => {
    const at = index * stride;
    for (let j = 0; j < p; j++) {
      packed[at + j] = g.xtx[r0 * p + j] as number;
      packed[at + p + j] = g.xtx[r1 * p + j] as number;
    }
    packed[at + 2 * p] = g.xtx[r0 * p + r0] as number;
    packed[at + 2 * p + 1] = g.xtx[r1 * p + r0] as number;
    packed[at + 2 * p + 2] = g.xtx[r1 * p + r1] as number;
    packed[at + 2 * p + 3] = g.xty[r0] as number;
    packed[at + 2 * p + 4] = g.xty[r1] as number;
  });
  return { ...base, packed, stride, blocks: stats.groups.length };
}

/** The profiled deviance (REML criterion when reml) at theta; null when X'X is not positive definite. */
export function evaluate(w: Workspace, theta: number[], reml: boolean): Evaluation | null {
  const { p } = w;
  const down = new Float64Array(triangle(p));
  const downY = new Float64Array(p);
  const { logDetL, cuSquares } =
    w.q === 1 ? interceptUpdate(w, theta[0] as number, down, downY) : slopeUpdate(w, theta, down, downY);
  const adjusted = new Float64Array(p * p);
  let k = 0;
  for (let i = 0; i < p; i++)
    for (let j = 0; j <= i; j++) adjusted[i * p + j] = (w.xtx[i * p + j] as number) - (down[k++] as number);
  const lx = new Float64Array(p * p);
  if (choleskyInto(adjusted, lx, p) !== -1) return null;
  const cBeta = new Float64Array(p);
  for (let i = 0; i < p; i++) cBeta[i] = (w.xty[i] as number) - (downY[i] as number);
  forwardSolve(lx, cBeta, p);
  let cBetaSquares = 0;
  for (let i = 0; i < p; i++) cBetaSquares += (cBeta[i] as number) ** 2;
  const penalisedRss = w.yty - cuSquares - cBetaSquares;
  let logDetRx = 0;
  for (let i = 0; i < p; i++) logDetRx += 2 * Math.log(lx[i * p + i] as number);
  const dof = reml ? w.n - p : w.n;
  const deviance = logDetL + (reml ? logDetRx : 0) + dof * (1 + Math.log((2 * Math.PI * penalisedRss) / dof));
  return { deviance, lx, cBeta, penalisedRss, dof };
}

/** q = 1: sum over school sizes of weight * (s s', s t, t^2), weight = lambda^2 / (1 + lambda^2 n). */
function interceptUpdate(w: Workspace, lambda: number, down: Float64Array, downY: Float64Array) {
  const { p, packed, stride } = w;
  const l2 = lambda * lambda;
  const size = triangle(p);
  let logDetL = 0;
  let cuSquares = 0;
  for (let b = 0; b < w.blocks; b++) {
    const at = b * stride;
    const m = 1 + l2 * (packed[at] as number);
    const weight = l2 / m;
    logDetL += (packed[at + 1] as number) * Math.log(m);
    cuSquares += weight * (packed[at + 2] as number);
    for (let i = 0; i < p; i++) downY[i] = (downY[i] as number) + weight * (packed[at + 3 + i] as number);
    const from = at + 3 + p;
    for (let k = 0; k < size; k++) down[k] = (down[k] as number) + weight * (packed[from + k] as number);
  }
  return { logDetL, cuSquares };
}

/**
 * q = 2, Lambda = [[t1, 0], [t2, t3]]: per school M = Lambda' Z'Z Lambda + I is factored as L L' in
 * closed form, R = L^-1 Lambda' Z'X and c = L^-1 Lambda' Z'y, and R'R, R'c and c'c are accumulated.
 */
function slopeUpdate(w: Workspace, theta: number[], down: Float64Array, downY: Float64Array) {
  const { p, packed, stride } = w;
  const [t1, t2, t3] = theta as [number, number, number];
  const r0 = new Float64Array(p);
  const r1 = new Float64Array(p);
  let logDetL = 0;
  let cuSquares = 0;
  for (let g = 0; g < w.blocks; g++) {
    const at = g * stride;
    const z = at + 2 * p;
    const a = packed[z] as number;
    const b = packed[z + 1] as number;
    const c = packed[z + 2] as number;
    const m00 = 1 + a * t1 * t1 + 2 * b * t1 * t2 + c * t2 * t2;
    const m10 = t3 * (b * t1 + c * t2);
    const m11 = 1 + c * t3 * t3;
    const l00 = Math.sqrt(m00);
    const l10 = m10 / l00;
    const l11 = Math.sqrt(m11 - l10 * l10);
    logDetL += 2 * Math.log(l00 * l11);
    const cu0 = (t1 * (packed[z + 3] as number) + t2 * (packed[z + 4] as number)) / l00;
    const cu1 = (t3 * (packed[z + 4] as number) - l10 * cu0) / l11;
    cuSquares += cu0 * cu0 + cu1 * cu1;
    for (let j = 0; j < p; j++) {
      const x0 = packed[at + j] as number;
      const x1 = packed[at + p + j] as number;
      const v0 = (t1 * x0 + t2 * x1) / l00;
      r0[j] = v0;
      r1[j] = (t3 * x1 - l10 * v0) / l11;
    }
    let k = 0;
    for (let i = 0; i < p; i++) {
      const u0 = r0[i] as number;
      const u1 = r1[i] as number;
      downY[i] = (downY[i] as number) + u0 * cu0 + u1 * cu1;
      for (let j = 0; j <= i; j++) {
        down[k] = (down[k] as number) + u0 * (r0[j] as number) + u1 * (r1[j] as number);
        k++;
      }
    }
  }
  return { logDetL, cuSquares };
}

/**
 * The gradient of the random slope's profiled deviance in theta, analytically (Bates et al. 2015 give
 * the criterion; the derivative is worked here). With W = Lambda M^-1 Lambda' per school, every term is
 * a function of the W's: r^2 = y'y - sum zy'W zy - b'C^-1 b, C = X'X - sum Zx'W Zx, so by the envelope
 * theorem d r^2 = -sum e'dW e with e = Z'y - Z'X beta; d log|C| = -sum <dW, Zx C^-1 Zx'>; and
 * d log|M| = tr(M^-1 dM). With P = M^-1 Lambda' and E the unit matrix of theta_k in Lambda,
 * dM = E'A Lambda + (E'A Lambda)' and dW = E P + (E P)' - P' dM P, so one more pass over the schools,
 * after the deviance's, gives all three derivatives: exact where central differences are not.
 */
export function slopeGradient(w: Workspace, theta: number[], reml: boolean, at: Evaluation): number[] {
  const { p, packed, stride } = w;
  const [t1, t2, t3] = theta as [number, number, number];
  const beta = Float64Array.from(at.cBeta);
  backSolveTransposed(at.lx, beta, p);
  const scale = at.dof / at.penalisedRss;
  const f0 = new Float64Array(p);
  const f1 = new Float64Array(p);
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  for (let g = 0; g < w.blocks; g++) {
    const at0 = g * stride;
    const z = at0 + 2 * p;
    const a = packed[z] as number;
    const b = packed[z + 1] as number;
    const c = packed[z + 2] as number;
    // A Lambda = [[l00, l01], [l10, l11]]
    const l00 = a * t1 + b * t2;
    const l01 = b * t3;
    const l10 = b * t1 + c * t2;
    const l11 = c * t3;
    const m00 = 1 + t1 * l00 + t2 * l10;
    const m01 = t3 * l10;
    const m11 = 1 + t3 * l11;
    const det = m00 * m11 - m01 * m01;
    // M^-1 = [[i00, i01], [i01, i11]]; P = M^-1 Lambda', Lambda' = [[t1, t2], [0, t3]].
    const i00 = m11 / det;
    const i01 = -m01 / det;
    const i11 = m00 / det;
    const p00 = i00 * t1;
    const p01 = i00 * t2 + i01 * t3;
    const p10 = i01 * t1;
    const p11 = i01 * t2 + i11 * t3;
    let e0 = packed[z + 3] as number;
    let e1 = packed[z + 4] as number;
    for (let j = 0; j < p; j++) {
      e0 -= (packed[at0 + j] as number) * (beta[j] as number);
      e1 -= (packed[at0 + p + j] as number) * (beta[j] as number);
    }
    let h00 = scale * e0 * e0;
    let h01 = scale * e0 * e1;
    let h11 = scale * e1 * e1;
    if (reml) {
      for (let j = 0; j < p; j++) {
        f0[j] = packed[at0 + j] as number;
        f1[j] = packed[at0 + p + j] as number;
      }
      forwardSolve(at.lx, f0, p);
      forwardSolve(at.lx, f1, p);
      for (let j = 0; j < p; j++) {
        const u = f0[j] as number;
        const v = f1[j] as number;
        h00 += u * u;
        h01 += u * v;
        h11 += v * v;
      }
    }
    // Q = P H P'
    const r00 = p00 * h00 + p01 * h01;
    const r01 = p00 * h01 + p01 * h11;
    const r10 = p10 * h00 + p11 * h01;
    const r11 = p10 * h01 + p11 * h11;
    const q00 = r00 * p00 + r01 * p01;
    const q01 = r00 * p10 + r01 * p11;
    const q11 = r10 * p10 + r11 * p11;
    // theta_k at (r, s) of Lambda: tr(M^-1 dM) = 2 sum_j Minv[j][s] AL[r][j];
    // <dW, H> = 2 sum_j P[s][j] H[r][j] - 2 sum_j AL[r][j] Q[s][j].
    // theta1 at (0, 0)
    g1 += 2 * (i00 * l00 + i01 * l01) - 2 * (p00 * h00 + p01 * h01) + 2 * (l00 * q00 + l01 * q01);
    // theta2 at (1, 0)
    g2 += 2 * (i00 * l10 + i01 * l11) - 2 * (p00 * h01 + p01 * h11) + 2 * (l10 * q00 + l11 * q01);
    // theta3 at (1, 1)
    g3 += 2 * (i01 * l10 + i11 * l11) - 2 * (p10 * h01 + p11 * h11) + 2 * (l10 * q01 + l11 * q11);
  }
  const gradient = [g1, g2, g3];
  return gradient;
}
