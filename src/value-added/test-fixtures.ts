// A KS4-like random-intercept model over the tiny authority's five schools (S1 to S5): the cohort the
// value-added and estimates tests draw their pupils from, with their own seeds.
import type { CohortModel } from './simulate.ts';

export const fiveSchoolModel: CohortModel = {
  schools: 5,
  pupils: [20, 40],
  flags: [
    { name: 'disadvantaged', effect: -3, prevalence: 0.3 },
    { name: 'sen', effect: -5, prevalence: 0.15 },
  ],
  continuous: [],
  intercept: 50,
  priorEffect: 7,
  schoolSd: 3,
  slopeSd: 0,
  correlation: 0,
  residualSd: 8,
};
