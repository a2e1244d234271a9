import { describe, expect, test } from 'vitest';
import { expectedValue, judge, type TrajectoryPlan } from './trajectory.ts';

const straight: TrajectoryPlan = {
  baselineValue: 60,
  baselinePeriod: '2025-09',
  targetValue: 75,
  targetPeriod: '2027-07',
  trajectory: 'straight',
};
const stepped: TrajectoryPlan = { ...straight, trajectory: 'stepped' };

describe('a straight-line trajectory', () => {
  test('moves by equal amounts each month from baseline to target', () => {
    // 2025-09 to 2027-07 is 22 months; 2026-09 is 12 of them: 60 + 15 × 12/22 = 68.1818…
    expect(expectedValue(straight, '2026-09')).toBeCloseTo(60 + (15 * 12) / 22, 10);
    expect(expectedValue(straight, '2026-09')).toBeCloseTo(68.1818, 4);
    // 2026-08 is 11 of 22 months: halfway, 67.5.
    expect(expectedValue(straight, '2026-08')).toBe(67.5);
  });

  test('holds the baseline before it and the target after it', () => {
    expect(expectedValue(straight, '2025-06')).toBe(60);
    expect(expectedValue(straight, '2025-09')).toBe(60);
    expect(expectedValue(straight, '2027-07')).toBe(75);
    expect(expectedValue(straight, '2028-01')).toBe(75);
  });

  test('reads a term or a year at its last month', () => {
    // 2025-26T3 ends in 2026-08: halfway.
    expect(expectedValue(straight, '2025-26T3')).toBe(67.5);
    // 2025-26T1 ends 2025-12: 3 of 22 months, 60 + 15 × 3/22.
    expect(expectedValue(straight, '2025-26T1')).toBeCloseTo(62.0455, 4);
  });
});

describe('a trajectory stepped by term', () => {
  // Term ends after 2025-09 and before 2027-07: 2025-12, 2026-03, 2026-08, 2026-12, 2027-03; the sixth
  // and last step is the target itself. Each step is 15 / 6 = 2.5.
  test('moves only at the end of each term', () => {
    expect(expectedValue(stepped, '2025-11')).toBe(60);
    expect(expectedValue(stepped, '2025-12')).toBe(62.5);
    expect(expectedValue(stepped, '2026-02')).toBe(62.5);
    expect(expectedValue(stepped, '2026-03')).toBe(65);
    // By 2026-09 three terms have ended (Dec, Mar, Aug): 60 + 3 × 2.5.
    expect(expectedValue(stepped, '2026-09')).toBe(67.5);
    expect(expectedValue(stepped, '2027-03')).toBe(72.5);
    expect(expectedValue(stepped, '2027-06')).toBe(72.5);
    expect(expectedValue(stepped, '2027-07')).toBe(75);
  });

  test('follows an academic year that starts in another month', () => {
    // Year from January: terms end April, July, December. From 2026-01 to 2026-12 (target 80 from 50),
    // steps at 2026-04, 2026-07 and the target: 10 each.
    const plan: TrajectoryPlan = {
      baselineValue: 50,
      baselinePeriod: '2026-01',
      targetValue: 80,
      targetPeriod: '2026-12',
      trajectory: 'stepped',
    };
    expect(expectedValue(plan, '2026-05', 1)).toBe(60);
    expect(expectedValue(plan, '2026-08', 1)).toBe(70);
  });
});

describe('on or off track', () => {
  test('higher is better: behind by more than the tolerance is off track', () => {
    expect(judge(66, 68.18, 'higher', 2)).toBe('off_track');
    expect(judge(66.5, 68.18, 'higher', 2)).toBe('on_track');
    expect(judge(70, 68.18, 'higher', 0)).toBe('on_track');
  });

  test('exactly the tolerance short is still on track', () => {
    expect(judge(65.5, 67.5, 'higher', 2)).toBe('on_track');
    expect(judge(0.3, 0.1 + 0.2, 'higher', 0)).toBe('on_track');
  });

  test('lower is better: above the expected value by more than the tolerance is off track', () => {
    // Persistent absence from 20% down to 12%: expected at halfway 16%.
    const plan: TrajectoryPlan = { ...straight, baselineValue: 20, targetValue: 12 };
    const expected = expectedValue(plan, '2026-08');
    expect(expected).toBe(16);
    expect(judge(15, expected, 'lower', 0)).toBe('on_track');
    expect(judge(16.5, expected, 'lower', 0.5)).toBe('on_track');
    expect(judge(16.6, expected, 'lower', 0.5)).toBe('off_track');
  });

  test('a parity index: further from 1 than expected by more than the tolerance is off track, either side', () => {
    // Expected 0.95 on the way to parity: 0.93 is 0.02 further from 1; 1.04 overshoots by less than 0.05.
    expect(judge(0.93, 0.95, 'parity', 0.01)).toBe('off_track');
    expect(judge(0.94, 0.95, 'parity', 0.01)).toBe('on_track');
    expect(judge(1.04, 0.95, 'parity', 0)).toBe('on_track');
    expect(judge(1.07, 0.95, 'parity', 0.01)).toBe('off_track');
  });

  test('no value yet is no judgement', () => {
    expect(judge(null, 67.5, 'higher', 1)).toBe('no_data');
  });
});
