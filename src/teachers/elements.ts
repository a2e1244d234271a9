// Teachers where the pupils are, as KPI indicators: the gap figures of every school against its staffing
// norm (schools and pupils above the maximum ratio, teachers in deficit and in surplus, the spread of
// pupil-teacher ratios, the degree of randomness) are computed elements, so trends, bands, concerns and
// packs read them as any other indicator and agree with the Teachers page (one query: queries.ts).
// Registered in src/capabilities.ts; the migration (0039) adds the rows to the catalogue.
import type { ComputedElementSource } from '../kpi/computed-elements.ts';
import type { Aggregation, IndicatorDefinition } from '../kpi/schema.ts';
import type { UnitGapRow } from './queries.ts';

/** `ofOneSchool`: at one school the element is that school's own figure (its gap), not a group's. */
const element = (
  code: string,
  name: string,
  aggregation: Aggregation,
  field: keyof UnitGapRow,
  ofOneSchool = true,
) => ({ code, name, aggregation, min_value: 0, field, ofOneSchool });

const computed = [
  element('staffing_schools', 'Schools with pupils and teachers reported (staffing norms)', 'sum', 'schools'),
  element(
    'staffing_schools_above',
    'Schools above the maximum pupil-teacher ratio (staffing norms)',
    'sum',
    'schools_above',
  ),
  element(
    'staffing_pupils_above',
    'Pupils in schools above the maximum pupil-teacher ratio (staffing norms)',
    'sum',
    'pupils_above',
  ),
  element('teachers_required', 'Teachers the staffing norms require', 'sum', 'required'),
  element('teachers_deficit', 'Teachers short of the norm, summed over schools below it', 'sum', 'deficit'),
  element('teachers_surplus', 'Teachers over the norm, summed over schools above it', 'sum', 'surplus'),
  element('ptr_p10', "Pupil-teacher ratio: the schools' 10th percentile", 'last', 'ptr_p10', false),
  element('ptr_median', "Pupil-teacher ratio: the schools' median", 'last', 'ptr_median', false),
  element('ptr_p90', "Pupil-teacher ratio: the schools' 90th percentile", 'last', 'ptr_p90', false),
  element('teacher_allocation_r2', 'R² of teachers on pupils across schools', 'last', 'r2', false),
];

export const teacherElements = computed.map(({ field: _, ofOneSchool: __, ...rest }) => rest);

const indicator = (
  definition: Pick<IndicatorDefinition, 'code' | 'name' | 'numerator'> & Partial<IndicatorDefinition>,
): IndicatorDefinition => ({
  denominator: '1',
  factor: 1,
  decimals: 0,
  direction: 'lower',
  red: null,
  amber: null,
  unit: 'teachers',
  stable_slope: 1,
  concern_drop: null,
  ...definition,
});

export const teacherIndicators: IndicatorDefinition[] = [
  indicator({
    code: 'schools_above_max_ratio',
    name: 'Schools above the maximum pupil-teacher ratio',
    numerator: '#{staffing_schools_above}',
    denominator: '#{staffing_schools}',
    factor: 100,
    decimals: 1,
    red: 20,
    amber: 5,
    unit: '%',
    stable_slope: 0.5,
  }),
  indicator({
    code: 'pupils_above_max_ratio',
    name: 'Pupils in schools above the maximum pupil-teacher ratio',
    numerator: '#{staffing_pupils_above}',
    unit: 'pupils',
    stable_slope: 10,
  }),
  indicator({
    code: 'teachers_in_deficit',
    name: 'Teachers short of the staffing norm',
    numerator: '#{teachers_deficit}',
  }),
  indicator({
    code: 'teachers_in_surplus',
    name: 'Teachers over the staffing norm',
    numerator: '#{teachers_surplus}',
  }),
  indicator({
    code: 'ptr_p10',
    name: 'Pupil-teacher ratio, 10th percentile of schools',
    numerator: '#{ptr_p10}',
    decimals: 1,
    direction: 'higher',
    unit: 'pupils',
    stable_slope: 0.1,
  }),
  indicator({
    code: 'ptr_median',
    name: 'Pupil-teacher ratio, median school',
    numerator: '#{ptr_median}',
    decimals: 1,
    unit: 'pupils',
    stable_slope: 0.1,
  }),
  indicator({
    code: 'ptr_p90',
    name: 'Pupil-teacher ratio, 90th percentile of schools',
    numerator: '#{ptr_p90}',
    decimals: 1,
    red: 50,
    amber: 40,
    unit: 'pupils',
    stable_slope: 0.1,
  }),
  indicator({
    code: 'ptr_spread',
    name: 'Spread of pupil-teacher ratios (P90 / P10)',
    numerator: '#{ptr_p90}',
    denominator: '#{ptr_p10}',
    decimals: 2,
    red: 2.5,
    amber: 1.8,
    unit: '',
    stable_slope: 0.01,
  }),
  indicator({
    code: 'teacher_allocation_randomness',
    name: 'Degree of randomness in teacher allocation (1 − R²)',
    numerator: '1 - #{teacher_allocation_r2}',
    decimals: 2,
    red: 0.45,
    amber: 0.3,
    unit: '',
    stable_slope: 0.005,
  }),
];

const fieldOf = new Map(computed.map((e) => [e.code, e.field]));

// A school's own gap; the percentiles and the regression describe a group of schools.
const ofOneSchool = new Set(computed.filter((e) => e.ofOneSchool).map((e) => e.code));

export const teacherElementSource: ComputedElementSource = {
  from: 'the staffing norms and the teachers and pupils reported',
  owns: (code) => fieldOf.has(code),
  describesSchool: (code) => ofOneSchool.has(code),
  totals: async (db, units, elements, periods) => {
    if (units.unitCodes.length === 0 || periods.length === 0) return [];
    const { unitGapsQuery } = await import('./queries.ts');
    const { rows } = await unitGapsQuery(units, periods).execute(db);
    return rows.flatMap((row) =>
      elements.flatMap((code) => {
        const field = fieldOf.get(code);
        const total = field === undefined ? null : row[field];
        // A unit with no school reporting, or too few for a regression, has no figure rather than 0.
        return typeof total === 'number' && row.schools > 0
          ? [{ unit_code: row.unit_code, period: row.period, element: code, total }]
          : [];
      }),
    );
  },
};
