// How far raters agree when they score the same cases on the same rubric: against the master scores
// (exact and within-one agreement, bias, Cohen's quadratic-weighted kappa) and across raters (Shrout
// and Fleiss's intraclass correlations with their 95% intervals, and Fleiss' kappa). Pure functions on
// scores; a missing score is null. The formulas are psych::ICC's and cohen.kappa's in R (and Fleiss
// 1971), so the figures can be checked against R: `agreement-reference.R` beside this file.
import fQuantile from '@stdlib/stats-base-dists-f-quantile';

/** A rater's score and the master's for one case (and criterion); either may be missing. */
export interface Pair {
  rater: number | null;
  master: number | null;
}

const complete = (pairs: readonly Pair[]) =>
  pairs.filter((p): p is { rater: number; master: number } => p.rater !== null && p.master !== null);

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** The share of cases scored by both on which the rater gave the master's level; null with none. */
export function exactAgreement(pairs: readonly Pair[]): number | null {
  const both = complete(pairs);
  return both.length === 0 ? null : both.filter((p) => p.rater === p.master).length / both.length;
}

/** The share within one level of the master's. */
export function agreementWithinOne(pairs: readonly Pair[]): number | null {
  const both = complete(pairs);
  return both.length === 0
    ? null
    : both.filter((p) => Math.abs(p.rater - p.master) <= 1).length / both.length;
}

/** The rater's mean difference from the master: above zero lenient, below harsh. */
export function bias(pairs: readonly Pair[]): number | null {
  const both = complete(pairs);
  return both.length === 0 ? null : mean(both.map((p) => p.rater - p.master));
}

/**
 * Cohen's kappa with quadratic weights between a rater and the master over the rubric's levels: one
 * minus the weighted disagreement observed over the weighted disagreement expected by chance from
 * each one's own spread of levels. Null when chance disagreement is nil (both gave one and the same
 * level throughout), where kappa is undefined.
 */
export function quadraticWeightedKappa(pairs: readonly Pair[], levels: readonly number[]): number | null {
  const both = complete(pairs);
  if (both.length === 0) return null;
  const index = new Map(levels.map((level, i) => [level, i]));
  const k = levels.length;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const raterMargin = new Array<number>(k).fill(0);
  const masterMargin = new Array<number>(k).fill(0);
  for (const { rater, master } of both) {
    const i = index.get(rater);
    const j = index.get(master);
    if (i === undefined || j === undefined)
      throw new RangeError(`score ${i === undefined ? rater : master} is not a level of the scale`);
    (observed[i] as number[])[j] = ((observed[i] as number[])[j] as number) + 1;
    raterMargin[i] = (raterMargin[i] as number) + 1;
    masterMargin[j] = (masterMargin[j] as number) + 1;
  }
  const n = both.length;
  let seen = 0;
  let chance = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const weight = ((levels[i] as number) - (levels[j] as number)) ** 2;
      seen += (weight * ((observed[i] as number[])[j] as number)) / n;
      chance += (weight * (raterMargin[i] as number) * (masterMargin[j] as number)) / (n * n);
    }
  return chance === 0 ? null : 1 - seen / chance;
}

interface Interval {
  value: number;
  lower: number;
  upper: number;
}

export interface IntraclassCorrelations {
  /** Cases scored by every rater: the only ones the two-way analysis can use. */
  cases: number;
  raters: number;
  /** One-way random: each case's raters a random draw. */
  icc1: Interval;
  /** Two-way random, absolute agreement: raters a random sample, their leniency counts against agreement. */
  icc2: Interval;
  /** Two-way mixed, consistency: these raters, their leniency set aside. */
  icc3: Interval;
}

/**
 * Shrout and Fleiss's single-rater ICC(1,1), ICC(2,1) and ICC(3,1) with 95% confidence intervals, from
 * a cases × raters table (rows cases, columns raters). Cases missing a score are left out, as psych::ICC
 * leaves them out; null when fewer than two complete cases or two raters remain, or the scores do not
 * vary at all.
 */
export function intraclassCorrelations(
  table: readonly (readonly (number | null)[])[],
): IntraclassCorrelations | null {
  const rows = table.filter((row): row is number[] => row.every((v) => v !== null));
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (n < 2 || k < 2) return null;
  const grand = mean(rows.flat());
  const caseMeans = rows.map(mean);
  const raterMeans = Array.from({ length: k }, (_, j) => mean(rows.map((row) => row[j] as number)));
  const total = rows.flat().reduce((sum, v) => sum + (v - grand) ** 2, 0);
  const between = k * caseMeans.reduce((sum, m) => sum + (m - grand) ** 2, 0);
  const judges = n * raterMeans.reduce((sum, m) => sum + (m - grand) ** 2, 0);
  const residual = total - between - judges;
  const msb = between / (n - 1);
  const msw = (total - between) / (n * (k - 1));
  const msj = judges / (k - 1);
  const mse = residual / ((n - 1) * (k - 1));
  if (msb + (k - 1) * msw === 0) return null;
  const icc1 = (msb - msw) / (msb + (k - 1) * msw);
  const icc2 = (msb - mse) / (msb + (k - 1) * mse + (k * (msj - mse)) / n);
  const icc3 = (msb - mse) / (msb + (k - 1) * mse);
  const q = (p: number, d1: number, d2: number) => fQuantile(p, d1, d2);
  const alpha = 0.05;
  const oneWay = (f: number, d1: number, d2: number) => {
    const lowF = f / q(1 - alpha / 2, d1, d2);
    const highF = f * q(1 - alpha / 2, d2, d1);
    return { lower: (lowF - 1) / (lowF + k - 1), upper: (highF - 1) / (highF + k - 1) };
  };
  // ICC(2,1)'s interval uses Satterthwaite's degrees of freedom for the mixture of mean squares.
  const fj = msj / mse;
  const vn = (k - 1) * (n - 1) * (k * icc2 * fj + n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const vd = (n - 1) * k ** 2 * icc2 ** 2 * fj ** 2 + (n * (1 + (k - 1) * icc2) - k * icc2) ** 2;
  const v = vn / vd;
  const upperF = q(1 - alpha / 2, n - 1, v);
  const lowerF = q(1 - alpha / 2, v, n - 1);
  const spread = k * msj + (k * n - k - n) * mse;
  return {
    cases: n,
    raters: k,
    icc1: { value: icc1, ...oneWay(msb / msw, n - 1, n * (k - 1)) },
    icc2: {
      value: icc2,
      lower: (n * (msb - upperF * mse)) / (upperF * spread + n * msb),
      upper: (n * (lowerF * msb - mse)) / (spread + n * lowerF * msb),
    },
    icc3: { value: icc3, ...oneWay(msb / mse, n - 1, (n - 1) * (k - 1)) },
  };
}

/**
 * Fleiss' kappa from how many raters put each case in each level (rows cases, columns levels). Cases
 * with fewer than two ratings are left out; where cases have different numbers of raters each case's
 * agreement is over its own pairs (with the same number everywhere this is Fleiss 1971 exactly). Null
 * when chance agreement is total (every rating the same level).
 */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  const rows = counts.filter((row) => row.reduce((s, c) => s + c, 0) >= 2);
  if (rows.length === 0) return null;
  const ratings = rows.reduce((sum, row) => sum + row.reduce((s, c) => s + c, 0), 0);
  const observed = mean(
    rows.map((row) => {
      const m = row.reduce((s, c) => s + c, 0);
      return (row.reduce((s, c) => s + c * c, 0) - m) / (m * (m - 1));
    }),
  );
  const levels = rows[0]?.length ?? 0;
  let chance = 0;
  for (let j = 0; j < levels; j++)
    chance += (rows.reduce((s, row) => s + (row[j] as number), 0) / ratings) ** 2;
  return chance === 1 ? null : (observed - chance) / (1 - chance);
}
