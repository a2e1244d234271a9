// Trends: a robust slope (Theil-Sen: the median of all pairwise slopes) over the last few periods, and
// its direction for the indicator (falling absence is improving).
import type { IndicatorDirection, Trend } from './contract.ts';
import { merit } from './direction.ts';

const MIN_TREND_POINTS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Theil-Sen slope of values at positions 0..n-1, skipping missing ones. */
function theilSen(values: (number | null)[]): number | null {
  const points = values.flatMap((y, x) => (y === null ? [] : [[x, y] as const]));
  if (points.length < 2) return null;
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const [x1, y1] = points[i] as readonly [number, number];
      const [x2, y2] = points[j] as readonly [number, number];
      slopes.push((y2 - y1) / (x2 - x1));
    }
  }
  return median(slopes);
}

/**
 * The one rule for how a trend is shown, used by the API, the pages and the packs: the arrow is the way
 * the value moved (▲ up, ▼ down), the word and its colour whether that is better for this indicator.
 * Both come from the same slope and tolerance, so "▲ declining" means a lower-is-better figure rose (or a
 * parity index rose past 1).
 * @param tolerance a slope smaller than this (per period, either way) is stable
 */
export function trendOf(values: (number | null)[], direction: IndicatorDirection, tolerance: number): Trend {
  const points = values.filter((v) => v !== null).length;
  if (points < MIN_TREND_POINTS)
    return { direction: 'insufficient data', arrow: null, slope: null, points, periods: values.length };
  const slope = theilSen(values) as number;
  // Better is the slope of merit: for a parity index, rising towards 1 improves and rising past it declines.
  const better =
    direction === 'parity'
      ? (theilSen(values.map((v) => (v === null ? null : merit(direction, v)))) as number)
      : merit(direction, slope);
  const stable = Math.abs(slope) < tolerance;
  return {
    direction: stable ? 'stable' : better > 0 ? 'improving' : 'declining',
    arrow: stable ? '▶' : slope > 0 ? '▲' : '▼',
    slope,
    points,
    periods: values.length,
  };
}
