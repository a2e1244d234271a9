// A figure measured only in assessment months shows the latest with its date; a missing monthly one stays missing.
import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '../kpi/contract.ts';
import { latestOf } from './cells.ts';

const month = (period: string, value: number | null) => ({
  period,
  numerator: null,
  denominator: null,
  value,
  completeness: { reported: value === null ? 0 : 9, expected: 10, rate: value === null ? 0 : 0.9 },
});

const result = (values: (number | null)[]): IndicatorResult => {
  const series = values.map((v, i) => month(`2026-${String(i + 5).padStart(2, '0')}`, v));
  const last = series.at(-1) as (typeof series)[number];
  return {
    ...last,
    indicator: 'x',
    org_unit: 'S1',
    name: 'S1',
    level: 'school',
    band: null,
    target: null,
    trend: { direction: 'insufficient data', arrow: null, slope: null, points: 1, periods: 6 },
    series,
  };
};

describe('the latest figure in place of "no data"', () => {
  it('an assessment in July, none since: 61.8% in 2026-07, with that month’s completeness', () => {
    expect(latestOf(result([null, null, 61.8, null, null, null]))).toEqual({
      period: '2026-07',
      value: 61.8,
      completeness: 0.9,
    });
  });

  it('a monthly figure not sent for October stays missing: September is no stand-in', () => {
    expect(latestOf(result([94, 95, 93, 94, 92.1, null]))).toBeNull();
  });

  it('a figure for the period is itself; nothing at all is nothing', () => {
    expect(latestOf(result([null, null, 61.8, null, null, 60]))).toBeNull();
    expect(latestOf(result([null, null, null, null, null, null]))).toBeNull();
  });
});
