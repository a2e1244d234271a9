// Growing your own as a KPI indicator: staff who moved from teaching at a school into an assistant,
// deputy or headship post (there or anywhere), per 100 who taught there, over any period. The elements
// are computed from post history (grown-totals.ts), not imported, so the school profile, trends and
// packs read the indicator as any other. No thresholds: the figure shows variation, it does not judge.
// Registered in src/capabilities.ts.
import type { ComputedElementSource } from '../kpi/computed-elements.ts';
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';

export const grownElements: { code: string; name: string; aggregation: Aggregation; min_value: number }[] = [
  {
    code: 'leaders_grown',
    name: 'Staff who moved from teaching here into a leadership post starting in the period (from posts)',
    aggregation: 'sum',
    min_value: 0,
  },
  {
    code: 'teachers_taught_here',
    name: 'People holding a teacher post here at some time in the period (from posts)',
    aggregation: 'sum',
    min_value: 0,
  },
];

export const grownIndicator: IndicatorDefinition = {
  code: 'leaders_grown_rate',
  name: 'Leaders grown from own staff, per 100 teachers',
  numerator: '#{leaders_grown}',
  denominator: '#{teachers_taught_here}',
  factor: 100,
  decimals: 1,
  direction: 'higher',
  red: null,
  amber: null,
  unit: '',
  stable_slope: 0.5,
  concern_drop: null,
};

const codes: ReadonlySet<string> = new Set(grownElements.map((e) => e.code));

export const grownElementSource: ComputedElementSource = {
  from: 'the post history (growing your own)',
  owns: (code) => codes.has(code),
  totals: async (db, units, elements, periods) =>
    (await import('./grown-totals.ts')).grownTotals(db, units, elements, periods),
};
