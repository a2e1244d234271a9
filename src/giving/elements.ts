// Give and receive as KPI indicators (issue 24): for any unit and period, how many of its open schools
// gave support to another school (a deployment of its staff, a placement it hosted), received it (a
// deployment into it from elsewhere), both, one, or neither; and how many strong schools gave nothing.
// The elements are computed (queries.ts, one statement for all units and periods), never imported, so
// packs, bands, trends and targets read them as any other indicator and agree with the Give and receive
// page. Registered in src/capabilities.ts; migration 0044 adds the rows to the catalogue.
import type { ComputedElementSource } from '../kpi/computed-elements.ts';
import type { IndicatorDefinition } from '../kpi/schema.ts';
import type { GivingTotalsRow } from './queries.ts';

const element = (code: string, name: string, field: keyof GivingTotalsRow) => ({
  code,
  name,
  // Computed for the period as a whole (never summed from months), so how months combine is moot.
  aggregation: 'last' as const,
  min_value: 0,
  field,
});

const computed = [
  element('giving_schools', 'Schools open in the period (give and receive)', 'schools'),
  element('giving_schools_both', 'Schools that both gave and received support in the period', 'both'),
  element(
    'giving_schools_only_gave',
    'Schools that gave support and received none in the period',
    'only_gave',
  ),
  element(
    'giving_schools_only_received',
    'Schools that received support and gave none in the period',
    'only_received',
  ),
  element(
    'giving_schools_neither',
    'Schools that neither gave nor received support in the period',
    'neither',
  ),
  element(
    'giving_strong_schools',
    'Strong schools (judged good or better at the latest inspection)',
    'strong',
  ),
  element(
    'giving_strong_never_gave',
    'Strong schools that gave no support in the period',
    'strong_never_gave',
  ),
];

export const givingElements = computed.map(({ field: _, ...rest }) => rest);

const share = {
  denominator: '#{giving_schools}',
  factor: 100,
  decimals: 1,
  unit: '%',
  stable_slope: 1,
  concern_drop: null,
} as const;

export const givingIndicators: IndicatorDefinition[] = [
  {
    ...share,
    code: 'schools_gave_and_received',
    name: 'Schools that both gave and received support',
    numerator: '#{giving_schools_both}',
    direction: 'higher',
    red: 20,
    amber: 40,
  },
  {
    ...share,
    code: 'schools_only_received',
    name: 'Schools that only received support',
    numerator: '#{giving_schools_only_received}',
    direction: 'lower',
    red: 40,
    amber: 25,
  },
  {
    ...share,
    code: 'schools_only_gave',
    name: 'Schools that only gave support',
    numerator: '#{giving_schools_only_gave}',
    direction: 'lower',
    red: null,
    amber: null,
  },
  {
    ...share,
    code: 'schools_neither_gave_nor_received',
    name: 'Schools that neither gave nor received support',
    numerator: '#{giving_schools_neither}',
    direction: 'lower',
    red: 70,
    amber: 50,
  },
  {
    ...share,
    code: 'strong_schools_never_gave',
    name: 'Strong schools that gave no support',
    numerator: '#{giving_strong_never_gave}',
    denominator: '#{giving_strong_schools}',
    direction: 'lower',
    red: 70,
    amber: 50,
  },
];

const fieldOf = new Map(computed.map((e) => [e.code, e.field]));

export const givingElementSource: ComputedElementSource = {
  from: 'the deployments and placements between schools',
  owns: (code) => fieldOf.has(code),
  totals: async (db, units, elements, periods) => {
    if (units.unitCodes.length === 0 || periods.length === 0) return [];
    const { givingTotals } = await import('./totals.ts');
    const rows = await givingTotals(db, units, periods);
    return rows.flatMap((row) =>
      elements.flatMap((code) => {
        const field = fieldOf.get(code);
        // A unit with no school open in the period has no figure rather than 0.
        return field && row.schools > 0
          ? [{ unit_code: row.unit_code, period: row.period, element: code, total: row[field] as number }]
          : [];
      }),
    );
  },
};
