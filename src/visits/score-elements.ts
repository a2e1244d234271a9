// Visit scores as KPI data elements and indicators: the leadership-supervision rubric's mean level,
// overall and by section, for a school (or an area, the authority) over any period. The elements are
// not imported: the roll-up computes them from the recorded visits' scores (score-totals.ts), so packs,
// trends and the school profile treat them as any indicator. Registered in src/capabilities.ts.
import type { ComputedElementSource } from '../kpi/computed-elements.ts';
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';
import { scoredParts } from './score-parts.ts';

export const visitElements: { code: string; name: string; aggregation: Aggregation; min_value: number }[] =
  scoredParts.flatMap(({ suffix, name }) => [
    {
      code: `visit_levels_leadership${suffix}`,
      name: `${name}: levels given on recorded visits, summed (from visits)`,
      aggregation: 'sum' as const,
      min_value: 0,
    },
    {
      code: `visit_scores_leadership${suffix}`,
      name: `${name}: criteria scored on recorded visits (from visits)`,
      aggregation: 'sum' as const,
      min_value: 0,
    },
  ]);

export const visitIndicators: IndicatorDefinition[] = scoredParts.map(({ suffix, name }) => ({
  code: `visit_mean_leadership${suffix}`,
  name: `${name}, mean level (1–4)`,
  numerator: `#{visit_levels_leadership${suffix}}`,
  denominator: `#{visit_scores_leadership${suffix}}`,
  factor: 1,
  decimals: 2,
  direction: 'higher',
  // Below 2 ("developing") is red; below 3 ("secure") amber.
  red: 2,
  amber: 3,
  unit: '',
  stable_slope: 0.1,
  concern_drop: null,
}));

const codes: ReadonlySet<string> = new Set(visitElements.map((e) => e.code));

/** Is this element computed from visit scores? (The pack groups such indicators together.) */
export const isVisitElement = (code: string): boolean => codes.has(code);

export const visitElementSource: ComputedElementSource = {
  from: 'the supervision visits',
  owns: isVisitElement,
  totals: async (db, units, elements, periods) =>
    (await import('./score-totals.ts')).visitScoreTotals(db, units, elements, periods),
};
