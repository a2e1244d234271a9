// The good-or-better indicators as KPI data elements and indicators, for all schools and by phase. The
// elements are not imported: the roll-up computes them from the inspections (good-or-better.ts) for any
// unit and period, so the overview, packs, targets, bands and trends treat them as any indicator.
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';

const phases = [
  { suffix: '', words: '' },
  { suffix: '_primary', words: 'primary ' },
  { suffix: '_secondary', words: 'secondary ' },
] as const;

export const inspectionElements: { code: string; name: string; aggregation: Aggregation }[] = phases.flatMap(
  ({ suffix, words }) => [
    {
      code: `inspected_schools${suffix}`,
      name: `Open ${words}schools inspected by the period's end (from inspections)`,
      aggregation: 'last' as const,
    },
    {
      code: `good_or_better_schools${suffix}`,
      name: `Open ${words}schools whose latest inspection is good or better (from inspections)`,
      aggregation: 'last' as const,
    },
    {
      code: `inspected_pupils${suffix}`,
      name: `Pupils enrolled in inspected ${words}schools (from inspections)`,
      aggregation: 'last' as const,
    },
    {
      code: `good_or_better_pupils${suffix}`,
      name: `Pupils enrolled in ${words}schools judged good or better (from inspections)`,
      aggregation: 'last' as const,
    },
  ],
);

const codes: ReadonlySet<string> = new Set(inspectionElements.map((e) => e.code));

/** True for an element Headway computes from the inspections rather than imports. */
export const isInspectionElement = (code: string) => codes.has(code);

const share = {
  denominator: '',
  factor: 100,
  decimals: 1,
  direction: 'higher',
  // The strategy this serves reports "80% good or better primary schools".
  red: 65,
  amber: 80,
  unit: '%',
  stable_slope: 1,
  concern_drop: null,
} as const;

export const inspectionIndicators: IndicatorDefinition[] = phases.flatMap(({ suffix, words }) => [
  {
    ...share,
    code: `good_or_better_schools${suffix}`,
    name: `${words ? `${words[0]?.toUpperCase()}${words.slice(1)}schools` : 'Schools'} judged good or better`,
    numerator: `#{good_or_better_schools${suffix}}`,
    denominator: `#{inspected_schools${suffix}}`,
  },
  {
    ...share,
    code: `good_or_better_pupils${suffix}`,
    name: `Pupils in ${words}schools judged good or better`,
    numerator: `#{good_or_better_pupils${suffix}}`,
    denominator: `#{inspected_pupils${suffix}}`,
  },
]);
