// Which way is better, as one number: the larger, the better. Higher: the value; lower: its negative;
// parity: minus its distance from 1 (a gender parity index of 1.10 is as far from parity as 0.90). Bands,
// trends, targets, a strategy's trajectory and a deployment's impact all judge "better" through it, so a
// parity index is never green, improving or on track for moving away from 1.
import type { IndicatorDirection } from './contract.ts';

export function merit(direction: IndicatorDirection, value: number): number {
  if (direction === 'higher') return value;
  if (direction === 'lower') return -value;
  // Rounded, so 0.9 and 1.1 are the same 0.1 from 1 (in floating point 0.0999… and 0.1000…).
  return -Math.round(Math.abs(value - 1) * 1e12) / 1e12;
}

/** A band's threshold as merit: a value or, for a parity index, a distance from 1. */
export function thresholdMerit(direction: IndicatorDirection, threshold: number): number {
  return direction === 'parity' ? -threshold : merit(direction, threshold);
}
