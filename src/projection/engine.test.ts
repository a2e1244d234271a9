// The projection's arithmetic on a case small enough to work by hand.
import { describe, expect, it } from 'vitest';
import type { ProjectionRates } from './contract.ts';
import { projectYears } from './engine.ts';

// Heads leave at 10% a year in their first two years, 50% from two years on. Associate heads take up a
// headship at 40% a year, NPQH holders 50%, deputies 25%, aspiring leaders 5%, assistants 10%. Low halves
// leaving rates (doubles conversion), high doubles them (halves conversion).
const rates: ProjectionRates = {
  leaving: [
    { from_years: 0, rate: 0.1 },
    { from_years: 2, rate: 0.5 },
  ],
  conversion: { associate_head: 0.4, npqh: 0.5, deputy_head: 0.25, aspiring: 0.05, assistant_head: 0.1 },
  low: 0.5,
  high: 2,
  method: 'rates',
};
// Two heads, one new (0 years) and one of 3 years; one associate head, one NPQH holder, two deputies and
// two aspiring leaders (each counted once already: projection.test.ts tests who falls in which group).
const tenures = [0, 3];
const pipeline = { associate_head: 1, npqh: 1, deputy_head: 2, aspiring: 2, assistant_head: 0 };

describe('the shortage projection by hand', () => {
  it('central: heads leave by their years in post, leavers are replaced at 0 years', () => {
    const years = projectYears(tenures, pipeline, rates, 'central', 3, '2026-11-01');
    // Supply each year: 1 × 0.4 + 1 × 0.5 + 2 × 0.25 + 2 × 0.05 = 0.4 + 0.5 + 0.5 + 0.1 = 1.5.
    // Year 1: 1 × 0.1 (the new head) + 1 × 0.5 (3 years) = 0.6 leave; gap 0.6 − 1.5 = −0.9.
    //   After it: 0.9 at 1 year, 0.5 at 4 years, 0.6 replacements at 0 years.
    // Year 2: 0.6 × 0.1 + 0.9 × 0.1 + 0.5 × 0.5 = 0.06 + 0.09 + 0.25 = 0.40; gap −1.1; cumulative −2.0.
    //   After it: 0.54 at 1, 0.81 at 2, 0.25 at 5, 0.40 at 0.
    // Year 3: 0.40 × 0.1 + 0.54 × 0.1 + 0.81 × 0.5 + 0.25 × 0.5 = 0.04 + 0.054 + 0.405 + 0.125 = 0.624;
    //   gap 0.624 − 1.5 = −0.876; cumulative −2.876.
    expect(years).toEqual([
      { year: 1, ends_on: '2027-11-01', leavers: 0.6, supply: 1.5, gap: -0.9, cumulative_gap: -0.9 },
      { year: 2, ends_on: '2028-11-01', leavers: 0.4, supply: 1.5, gap: -1.1, cumulative_gap: -2 },
      { year: 3, ends_on: '2029-11-01', leavers: 0.6, supply: 1.5, gap: -0.9, cumulative_gap: -2.9 },
    ]);
  });

  it('high: leaving rates doubled (capped at every head), conversion halved', () => {
    const years = projectYears(tenures, pipeline, rates, 'high', 2, '2026-11-01');
    // Rates 0.2 and 1.0; supply 1 × 0.2 + 1 × 0.25 + 2 × 0.125 + 2 × 0.025 = 0.75 (shown 0.8).
    // Year 1: 0.2 + 1.0 = 1.2 leave; gap 0.45 (0.5). After it: 0.8 at 1 year, 1.2 at 0.
    // Year 2: 0.8 × 0.2 + 1.2 × 0.2 = 0.4; gap −0.35 (halves round up: −0.3); cumulative 0.1.
    expect(years.map((y) => [y.leavers, y.supply, y.gap, y.cumulative_gap])).toEqual([
      [1.2, 0.8, 0.5, 0.5],
      [0.4, 0.8, -0.3, 0.1],
    ]);
  });

  it('low: leaving rates halved, conversion doubled (capped at everyone)', () => {
    const [first] = projectYears(tenures, pipeline, rates, 'low', 1, '2026-11-01');
    // Rates 0.05 and 0.25: 0.3 leave; supply 0.8 × 1 + min(1, 1.0) × 1 + 0.5 × 2 + 0.1 × 2 = 3; gap −2.7.
    expect(first).toMatchObject({ leavers: 0.3, supply: 3, gap: -2.7 });
  });

  it('no heads and no pipeline: nothing leaves, nothing comes', () => {
    const years = projectYears(
      [],
      { associate_head: 0, npqh: 0, deputy_head: 0, aspiring: 0, assistant_head: 0 },
      rates,
      'central',
      2,
      '2026-11-01',
    );
    expect(years.map((y) => y.gap)).toEqual([0, 0]);
  });
});
