// The governing boards' indicators: board vacancy rate, boards with a succession plan, and training
// compliance, for any unit and period, computed from the boards (totals.ts), never imported, so packs,
// trends and profiles read them as any other indicator. A board counts once in every unit holding one
// of its schools; figures are as they stood on the period's last day. Registered in src/capabilities.ts.
import type { ComputedElementSource } from '../kpi/computed-elements.ts';
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';

export const governanceElements: {
  code: string;
  name: string;
  aggregation: Aggregation;
  min_value: number;
}[] = [
  { code: 'governor_places', name: 'Places on governing boards (instruments of government)' },
  { code: 'governor_vacancies', name: 'Places on governing boards with no serving member' },
  { code: 'governing_boards', name: 'Governing boards' },
  { code: 'boards_with_succession_plan', name: 'Governing boards with a succession plan' },
  { code: 'governors_serving', name: 'Governors serving' },
  { code: 'governors_trained', name: 'Governors up to date with every mandatory course' },
].map((e) => ({ ...e, aggregation: 'sum' as const, min_value: 0 }));

const rate = (
  code: string,
  name: string,
  numerator: string,
  denominator: string,
  direction: 'higher' | 'lower',
  red: number,
  amber: number,
): IndicatorDefinition => ({
  code,
  name,
  numerator: `#{${numerator}}`,
  denominator: `#{${denominator}}`,
  factor: 100,
  decimals: 1,
  direction,
  red,
  amber,
  unit: '%',
  stable_slope: 1,
  concern_drop: null,
});

export const governanceIndicators: IndicatorDefinition[] = [
  rate(
    'governor_vacancy_rate',
    'Governing board vacancy rate',
    'governor_vacancies',
    'governor_places',
    'lower',
    25,
    10,
  ),
  rate(
    'succession_plan_rate',
    'Governing boards with a succession plan',
    'boards_with_succession_plan',
    'governing_boards',
    'higher',
    50,
    80,
  ),
  rate(
    'governor_training_rate',
    'Governors up to date with mandatory training',
    'governors_trained',
    'governors_serving',
    'higher',
    70,
    90,
  ),
];

const codes: ReadonlySet<string> = new Set(governanceElements.map((e) => e.code));

export const governanceElementSource: ComputedElementSource = {
  from: 'the governing boards',
  owns: (code) => codes.has(code),
  totals: async (db, units, elements, periods) =>
    (await import('./totals.ts')).governanceTotals(db, units, elements, periods),
};
