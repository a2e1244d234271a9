// Each reason for attention and its near miss, on one school's facts.
import { describe, expect, test } from 'vitest';
import type { HeadOnDate } from '../registry/contract.ts';
import type { LatestInspection } from './inspections.ts';
import { type AttentionFacts, compareSchools, type IndicatorFact, reasonsOf } from './rules.ts';
import { defaultAttentionSettings as settings } from './settings.ts';

const head: HeadOnDate = {
  person_code: 'P1',
  name: 'Grace Lewis',
  role: 'headteacher',
  since: '2019-09-01',
  tenure_years: 7.2,
  headship_years: 7.2,
  first_year_of_headship: false,
};

const calm: AttentionFacts = {
  period: '2026-10',
  previousPeriod: '2026-09',
  inspection: null,
  headship: { status: 'filled', head, cover: [] },
  indicators: [],
  valueAddedBelow: [],
  returned: { current: true, previous: true },
  overdue: [],
};

const inspected = (change: Partial<LatestInspection>): LatestInspection => ({
  inspected_on: '2025-03-12',
  outcome: 'good',
  category: null,
  safeguarding_met: null,
  leadership_weak_twice: false,
  leadership: 'good',
  previous_leadership: null,
  previous_inspected_on: null,
  ...change,
});

const attendance = (change: Partial<IndicatorFact>): IndicatorFact => ({
  indicator: 'attendance_rate',
  name: 'Pupil attendance rate',
  measure: 'pupil_attendance',
  shown: '88.0%',
  value: 88,
  band: 'green',
  previous: { period: '2026-09', band: 'green', shown: '95.0%' },
  decline: null,
  ...change,
});
const absence = (change: Partial<IndicatorFact>): IndicatorFact => ({
  ...attendance({}),
  indicator: 'absence_rate',
  name: 'Pupil absence rate',
  shown: '12.0%',
  value: 12,
  ...change,
});

const kinds = (facts: Partial<AttentionFacts>) =>
  reasonsOf({ ...calm, ...facts }, settings).map((r) => r.kind);

describe('reasons for attention', () => {
  test('a school going well needs none', () => {
    expect(kinds({})).toEqual([]);
  });

  test('inspections: safeguarding not met is the most severe reason; good is no reason', () => {
    const reasons = reasonsOf(
      {
        ...calm,
        inspection: inspected({
          outcome: 'inadequate',
          category: 'serious_weaknesses',
          safeguarding_met: false,
        }),
      },
      settings,
    );
    expect(reasons.map((r) => [r.kind, r.severity])).toEqual([
      ['safeguarding_not_met', 'critical'],
      ['serious_weaknesses', 'high'],
    ]);
    expect(kinds({ inspection: inspected({ outcome: 'requires_improvement' }) })).toEqual([
      'requires_improvement',
    ]);
    expect(kinds({ inspection: inspected({ category: 'special_measures', outcome: 'inadequate' }) })).toEqual(
      ['special_measures'],
    );
    expect(kinds({ inspection: inspected({ safeguarding_met: true }) })).toEqual([]);
  });

  test('weak leadership at two inspections running, and not at one', () => {
    expect(
      kinds({
        inspection: inspected({
          leadership_weak_twice: true,
          leadership: 'requires_improvement',
          previous_leadership: 'satisfactory',
          previous_inspected_on: '2022-01-10',
        }),
      }),
    ).toEqual(['leadership_weak_twice']);
    expect(kinds({ inspection: inspected({ leadership: 'requires_improvement' }) })).toEqual([]);
  });

  test('no substantive head: vacant, or acting cover only; a substantive head present is none', () => {
    const acting = { ...head, person_code: 'P2', name: 'Ann Bell', role: 'acting_head', since: '2026-04-01' };
    expect(kinds({ headship: { status: 'vacant', head: null, cover: [] } })).toEqual(['headship_vacant']);
    const covered = reasonsOf(
      { ...calm, headship: { status: 'covered', head: null, cover: [acting] } },
      settings,
    );
    expect(covered.map((r) => r.evidence)).toEqual([
      'No substantive head: Ann Bell acting head since 2026-04-01',
    ]);
    expect(kinds({ headship: { status: 'filled', head, cover: [acting] } })).toEqual(['head_absent']);
  });

  test('a first-year head is a reason beside others, and not alone', () => {
    const newHead = {
      ...head,
      since: '2026-09-01',
      tenure_years: 0.2,
      headship_years: 0.2,
      first_year_of_headship: true,
    };
    expect(kinds({ headship: { status: 'filled', head: newHead, cover: [] } })).toEqual([]);
    expect(
      kinds({
        headship: { status: 'filled', head: newHead, cover: [] },
        inspection: inspected({ outcome: 'requires_improvement' }),
      }),
    ).toEqual(['requires_improvement', 'first_year_head']);
  });

  test('attendance and absence red are one reason for the one measure; amber is none', () => {
    const reasons = reasonsOf(
      { ...calm, indicators: [attendance({ band: 'red' }), absence({ band: 'red' })] },
      settings,
    );
    expect(reasons.map((r) => [r.kind, r.measure])).toEqual([['indicator_red', 'pupil_attendance']]);
    expect(reasons[0]?.evidence).toBe('Pupil attendance rate red: 88.0%; Pupil absence rate 12.0%');
    expect(kinds({ indicators: [attendance({ band: 'amber' }), absence({ band: 'amber' })] })).toEqual([]);
  });

  test('red two periods running is more severe than red once', () => {
    const twice = reasonsOf(
      {
        ...calm,
        indicators: [
          attendance({ band: 'red', previous: { period: '2026-09', band: 'red', shown: '89.0%' } }),
        ],
      },
      settings,
    );
    expect(twice.map((r) => [r.kind, r.severity])).toEqual([['indicator_red_two_periods', 'high']]);
    expect(twice[0]?.evidence).toBe('Pupil attendance rate red: 88.0% (red in 2026-09 too: 89.0%)');
  });

  test('declining beyond the concern drop, once per measure', () => {
    const decline = {
      drop: 3.1,
      periods: 6,
      slope: -0.62,
      words: 'Pupil attendance rate declining by 3.1 points',
    };
    expect(kinds({ indicators: [attendance({ decline }), absence({ decline })] })).toEqual(['declining']);
    expect(kinds({ indicators: [attendance({ decline: null })] })).toEqual([]);
  });

  test('value added significantly below, with its interval and rank', () => {
    const reasons = reasonsOf(
      {
        ...calm,
        valueAddedBelow: [
          {
            stage: 'KS2',
            academic_year: '2025-26',
            effect: -4.14,
            lower: -5.2,
            upper: -3.08,
            rank: 1003,
            of: 1011,
          },
        ],
      },
      settings,
    );
    expect(reasons[0]?.evidence).toBe(
      'Value added significantly below in KS2 2025-26: -4.14 (95% interval -5.20 to -3.08), 1,003 of 1,011',
    );
  });

  test('a return missing for the month, for two months, and none expected', () => {
    expect(kinds({ returned: { current: false, previous: true } })).toEqual(['return_missing']);
    expect(kinds({ returned: { current: false, previous: false } })).toEqual(['return_missing_two_periods']);
    expect(kinds({ returned: { current: null, previous: null } })).toEqual([]);
  });

  test('challenges overdue that name the school', () => {
    const overdue = [{ school: 'S1', id: 7, title: 'Roof repair', due_on: '2026-09-30', status: 'open' }];
    expect(reasonsOf({ ...calm, overdue }, settings).map((r) => r.evidence)).toEqual([
      '1 challenge overdue: "Roof repair" (due 2026-09-30)',
    ]);
  });

  test('an authority may change a severity', () => {
    const strict = { ...settings, severity: { ...settings.severity, return_missing: 'high' as const } };
    expect(reasonsOf({ ...calm, returned: { current: false, previous: true } }, strict)[0]?.severity).toBe(
      'high',
    );
  });
});

test('the watchlist ranks by the most severe reason, then by how many at each severity, then by name', () => {
  const reason = (severity: 'critical' | 'high' | 'medium' | 'low') => ({
    kind: 'indicator_red' as const,
    severity,
    measure: null,
    evidence: '',
    figures: {},
  });
  const schools = [
    { code: 'S1', name: 'Ash', reasons: [reason('medium'), reason('medium')] },
    { code: 'S2', name: 'Birch', reasons: [reason('high')] },
    { code: 'S3', name: 'Cedar', reasons: [reason('high'), reason('low')] },
    { code: 'S4', name: 'Alder', reasons: [reason('medium'), reason('medium')] },
    { code: 'S5', name: 'Elm', reasons: [reason('critical')] },
  ];
  expect(schools.sort(compareSchools).map((s) => s.code)).toEqual(['S5', 'S3', 'S2', 'S4', 'S1']);
});
