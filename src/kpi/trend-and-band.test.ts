// The one rule for a trend's arrow and word, and bands against targets, on every combination.
import { describe, expect, it } from 'vitest';
import { bandOf } from './indicators.ts';
import { trendOf } from './trend.ts';

describe('a trend: the arrow is the way the value moved, the word whether that is better', () => {
  const rising = [1, 2, 3, 4];
  const falling = [4, 3, 2, 1];
  const level = [2, 2, 2, 2];
  const cases = [
    { better: 'higher', values: rising, arrow: '▲', word: 'improving' },
    { better: 'higher', values: falling, arrow: '▼', word: 'declining' },
    { better: 'higher', values: level, arrow: '▶', word: 'stable' },
    // Challenges overdue, absence: lower is better, so a rise is a decline ("▲ declining"), never "▲ improving".
    { better: 'lower', values: rising, arrow: '▲', word: 'declining' },
    { better: 'lower', values: falling, arrow: '▼', word: 'improving' },
    { better: 'lower', values: level, arrow: '▶', word: 'stable' },
  ] as const;
  for (const c of cases)
    it(`${c.better} is better, values ${c.values.join(' ')}: ${c.arrow} ${c.word}`, () => {
      const trend = trendOf([...c.values], c.better, 0.5);
      expect({ arrow: trend.arrow, word: trend.direction }).toEqual({ arrow: c.arrow, word: c.word });
    });

  it('a change within the tolerance is level either way', () => {
    expect(trendOf([10, 10.1, 10.2, 10.3], 'higher', 0.5)).toMatchObject({ arrow: '▶', direction: 'stable' });
    expect(trendOf([10, 9.9, 9.8, 9.7], 'lower', 0.5)).toMatchObject({ arrow: '▶', direction: 'stable' });
  });

  it('too few months has neither arrow nor verdict', () => {
    for (const better of ['higher', 'lower'] as const)
      expect(trendOf([null, 3, null, 4], better, 0.5)).toMatchObject({
        arrow: null,
        direction: 'insufficient data',
      });
  });

  it('never pairs a rise with "improving" when lower is better, nor with "declining" when higher is', () => {
    for (let a = 0; a < 6; a++)
      for (let b = 0; b < 6; b++)
        for (const better of ['higher', 'lower'] as const) {
          const { arrow, direction } = trendOf([a, (a + b) / 2, b], better, 0.25);
          if (direction === 'stable') expect(arrow).toBe('▶');
          else expect(direction === 'improving').toBe((arrow === '▲') === (better === 'higher'));
        }
  });
});

describe('a parity index is best at 1 and worse either side', () => {
  const parity = { direction: 'parity', red: 0.1, amber: 0.03 } as const;

  it('bands by the distance from 1: 1.15 (boys behind) as red as 0.85, 0.97 to 1.03 green', () => {
    expect([0.85, 0.9, 0.95, 0.97, 1, 1.03, 1.05, 1.1, 1.15].map((v) => bandOf(parity, v))).toEqual([
      'red',
      'amber', // exactly 0.1 away, either side: the better band (not 0.0999… against 0.1000…)
      'amber',
      'green',
      'green',
      'green',
      'amber',
      'amber',
      'red',
    ]);
  });

  it('falls short of a target when further from 1 than the target is', () => {
    expect(bandOf(parity, 0.98, 0.99)).toBe('amber');
    expect(bandOf(parity, 1.01, 0.99)).toBe('green');
    expect(bandOf(parity, 1.02, 0.99)).toBe('amber');
  });

  it('improves moving towards 1 from either side, declines moving away, whichever way the value goes', () => {
    expect(trendOf([0.85, 0.88, 0.91, 0.94], 'parity', 0.001)).toMatchObject({
      arrow: '▲',
      direction: 'improving',
    });
    expect(trendOf([1.15, 1.12, 1.09, 1.06], 'parity', 0.001)).toMatchObject({
      arrow: '▼',
      direction: 'improving',
    });
    expect(trendOf([1.02, 1.05, 1.08, 1.11], 'parity', 0.001)).toMatchObject({
      arrow: '▲',
      direction: 'declining',
    });
    expect(trendOf([0.98, 0.95, 0.92, 0.89], 'parity', 0.001)).toMatchObject({
      arrow: '▼',
      direction: 'declining',
    });
  });
});

describe('bands follow targets', () => {
  const attendance = { direction: 'higher', red: 90, amber: 94 } as const;
  const ratio = { direction: 'lower', red: 40, amber: 30 } as const;

  it('94.0% attendance against a 95% target is amber, not green; on target it is green', () => {
    expect(bandOf(attendance, 94.0, null)).toBe('green');
    expect(bandOf(attendance, 94.0, 95)).toBe('amber');
    expect(bandOf(attendance, 95.0, 95)).toBe('green');
    expect(bandOf(attendance, 96.2, 95)).toBe('green');
  });

  it('28.9 pupils per teacher against a maximum of 28 is amber; 28.0 is green', () => {
    expect(bandOf(ratio, 28.9, null)).toBe('green');
    expect(bandOf(ratio, 28.9, 28)).toBe('amber');
    expect(bandOf(ratio, 28.0, 28)).toBe('green');
    expect(bandOf(ratio, 27.1, 28)).toBe('green');
  });

  it('a target never lifts a value out of red, and thresholds still make amber without one', () => {
    expect(bandOf(attendance, 89.5, 85)).toBe('red');
    expect(bandOf(attendance, 92, 85)).toBe('amber');
    expect(bandOf(ratio, 41, 45)).toBe('red');
  });

  it('an indicator whose catalogue entry says "thresholds" keeps green short of its target', () => {
    const aspiration = { ...attendance, below_target: 'thresholds' } as const;
    expect(bandOf(aspiration, 94.0, 95)).toBe('green');
    expect(bandOf(aspiration, 93.9, 95)).toBe('amber');
    expect(bandOf({ ...attendance, below_target: 'amber' }, 94.0, 95)).toBe('amber');
  });

  it('an indicator without thresholds has no band, target or not', () => {
    expect(bandOf({ direction: 'higher', red: null, amber: null }, 500, 600)).toBeNull();
  });
});
