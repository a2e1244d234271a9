// The indicators Headway ships on options of disaggregated elements (issue 25). Each sums its options
// over the schools beneath a unit before dividing, as every indicator does: an area's parity index is
// its girls over its boys, never the mean of its schools' indices. They read "–" until the elements are
// kept by sex (`headway element-categories pupils_enrolled sex`; the demo does it).
import type { IndicatorDefinition } from './schema.ts';

/** Parity is 1, worse either side; UNESCO counts 0.97 to 1.03 as parity, so amber is 0.03 from it. */
const parity = { factor: 1, decimals: 2, direction: 'parity', red: 0.1, amber: 0.03, unit: '' } as const;

export const defaultCategoryIndicators: IndicatorDefinition[] = [
  {
    code: 'gender_parity_enrolment',
    name: 'Gender parity index of enrolment (girls per boy)',
    numerator: '#{pupils_enrolled.FEMALE}',
    denominator: '#{pupils_enrolled.MALE}',
    ...parity,
    stable_slope: 0.002,
    concern_drop: 0.03,
  },
  {
    code: 'gender_parity_attendance',
    name: "Gender parity index of attendance (girls' rate over boys')",
    // (girls attended / girls possible) / (boys attended / boys possible), each summed first
    numerator: '#{sessions_attended.FEMALE} * #{sessions_possible.MALE}',
    denominator: '#{sessions_possible.FEMALE} * #{sessions_attended.MALE}',
    ...parity,
    stable_slope: 0.002,
    concern_drop: 0.03,
  },
  {
    code: 'girls_attendance_rate',
    name: "Girls' attendance rate",
    numerator: '#{sessions_attended.FEMALE}',
    denominator: '#{sessions_possible.FEMALE}',
    factor: 100,
    decimals: 1,
    direction: 'higher',
    red: 90,
    amber: 94,
    unit: '%',
    stable_slope: 0.1,
    concern_drop: 2,
  },
  {
    code: 'boys_attendance_rate',
    name: "Boys' attendance rate",
    numerator: '#{sessions_attended.MALE}',
    denominator: '#{sessions_possible.MALE}',
    factor: 100,
    decimals: 1,
    direction: 'higher',
    red: 90,
    amber: 94,
    unit: '%',
    stable_slope: 0.1,
    concern_drop: 2,
  },
  {
    code: 'girls_enrolled',
    name: 'Girls enrolled',
    numerator: '#{pupils_enrolled.FEMALE}',
    denominator: '1',
    factor: 1,
    decimals: 0,
    direction: 'higher',
    red: null,
    amber: null,
    unit: 'pupils',
    stable_slope: 1,
    concern_drop: null,
  },
  {
    code: 'boys_enrolled',
    name: 'Boys enrolled',
    numerator: '#{pupils_enrolled.MALE}',
    denominator: '1',
    factor: 1,
    decimals: 0,
    direction: 'higher',
    red: null,
    amber: null,
    unit: 'pupils',
    stable_slope: 1,
    concern_drop: null,
  },
];
