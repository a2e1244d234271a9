// The data elements and indicators value added publishes for every school, so value added, progress,
// NEET and low attainment appear in dashboards, packs and concerns like any other KPI. Each is a
// summed numerator over a summed denominator, so areas roll up pupil-weighted.
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';

export const valueAddedElements: { code: string; name: string; aggregation: Aggregation }[] = [
  { code: 'va_pupils', name: 'Pupils in the value-added model', aggregation: 'last' },
  { code: 'va_effect_total', name: 'Value added x pupils', aggregation: 'last' },
  { code: 'progress_pupils', name: 'Pupils with a progress score', aggregation: 'last' },
  { code: 'progress_total', name: 'Sum of pupils\u2019 progress scores', aggregation: 'last' },
  { code: 'results_pupils', name: 'Pupils with results', aggregation: 'last' },
  { code: 'low_attainers', name: 'Pupils achieving very little', aggregation: 'last' },
  { code: 'leavers_known', name: 'Leavers with a known destination', aggregation: 'last' },
  { code: 'leavers_neet', name: 'Leavers not in education, employment or training', aggregation: 'last' },
];

const common = { factor: 1, unit: 'points', stable_slope: 0.1 } as const;

export const valueAddedIndicators: IndicatorDefinition[] = [
  {
    ...common,
    code: 'value_added',
    name: 'Contextual value added',
    numerator: '#{va_effect_total}',
    denominator: '#{va_pupils}',
    decimals: 2,
    direction: 'higher',
    red: -1,
    amber: -0.25,
    concern_drop: 1,
  },
  {
    ...common,
    code: 'progress_score',
    name: 'Progress score',
    numerator: '#{progress_total}',
    denominator: '#{progress_pupils}',
    decimals: 2,
    direction: 'higher',
    red: -1,
    amber: -0.25,
    concern_drop: 1,
  },
  {
    code: 'low_attainment_rate',
    name: 'Pupils achieving very little',
    numerator: '#{low_attainers}',
    denominator: '#{results_pupils}',
    factor: 100,
    decimals: 1,
    direction: 'lower',
    red: 15,
    amber: 10,
    unit: '%',
    stable_slope: 0.5,
    concern_drop: 5,
  },
  {
    code: 'neet_rate',
    name: 'Leavers not in education, employment or training',
    numerator: '#{leavers_neet}',
    denominator: '#{leavers_known}',
    factor: 100,
    decimals: 1,
    direction: 'lower',
    red: 8,
    amber: 5,
    unit: '%',
    stable_slope: 0.5,
    concern_drop: 3,
  },
];
