// The challenge measures as KPI data elements and indicators. The elements are not imported: the KPI
// roll-up computes them from the challenges log for any unit and period (see measures.ts), so the
// measures appear in dashboards, packs and the explorer like any other indicator.
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';

export const challengeElements: { code: string; name: string; aggregation: Aggregation }[] = [
  { code: 'challenges_raised', name: 'Challenges raised (from the challenges log)', aggregation: 'sum' },
  {
    code: 'challenges_open',
    name: 'Challenges open at the end of the period (from the log)',
    aggregation: 'last',
  },
  {
    code: 'challenges_overdue',
    name: 'Challenges overdue at the end of the period (from the log)',
    aggregation: 'last',
  },
  { code: 'challenges_resolved', name: 'Challenges resolved (from the log)', aggregation: 'sum' },
  { code: 'challenge_days_median', name: 'Median days to resolution (from the log)', aggregation: 'last' },
  {
    code: 'challenge_days_p90',
    name: '90th percentile of days to resolution (from the log)',
    aggregation: 'last',
  },
  { code: 'challenges_due', name: 'Challenges due (from the log)', aggregation: 'sum' },
  {
    code: 'challenges_due_met',
    name: 'Challenges resolved by their due date (from the log)',
    aggregation: 'sum',
  },
];

const challengeElementCodes: ReadonlySet<string> = new Set(challengeElements.map((e) => e.code));

/** True for an element Headway computes from the challenges log rather than imports. */
export const isChallengeElement = (code: string) => challengeElementCodes.has(code);

const count = {
  denominator: '1',
  factor: 1,
  decimals: 0,
  red: null,
  amber: null,
  unit: 'challenges',
  stable_slope: 0.5,
  concern_drop: null,
} as const;

const days = {
  denominator: '1',
  factor: 1,
  decimals: 0,
  direction: 'lower',
  unit: 'days',
  stable_slope: 2,
  concern_drop: null,
} as const;

export const challengeIndicators: IndicatorDefinition[] = [
  // More raised is more ownership, not more trouble: the log only works if problems are put on it.
  {
    ...count,
    code: 'challenges_raised',
    name: 'Challenges raised',
    numerator: '#{challenges_raised}',
    direction: 'higher',
  },
  // One definition wherever the figure is shown (page, pack, agenda, API): open or in progress by the
  // challenge's timeline on the period's last day (today while the period runs); overdue is that and
  // past its due date on that day. The board's "open now" is the same count with today as the day.
  {
    ...count,
    code: 'challenges_open',
    name: 'Challenges open at period end',
    numerator: '#{challenges_open}',
    direction: 'lower',
  },
  {
    ...count,
    code: 'challenges_overdue',
    name: 'Challenges overdue at period end',
    numerator: '#{challenges_overdue}',
    direction: 'lower',
  },
  {
    ...days,
    code: 'challenge_days_median',
    name: 'Median days to resolve a challenge',
    numerator: '#{challenge_days_median}',
    red: 90,
    amber: 60,
  },
  {
    ...days,
    code: 'challenge_days_p90',
    name: '90th percentile of days to resolve a challenge',
    numerator: '#{challenge_days_p90}',
    red: 180,
    amber: 120,
  },
  {
    code: 'challenges_on_time_rate',
    name: 'Challenges resolved by their due date',
    numerator: '#{challenges_due_met}',
    denominator: '#{challenges_due}',
    factor: 100,
    decimals: 0,
    direction: 'higher',
    red: 50,
    amber: 75,
    unit: '%',
    stable_slope: 2,
    concern_drop: null,
  },
];
