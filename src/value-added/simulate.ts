// Pupil cohorts drawn from a known multilevel model, so tests can check that fitting recovers the
// parameters, R's lme4 can be run on the same files, and the demo and benchmark have realistic data.
import type { Random } from '../random.ts';

export interface CohortModel {
  schools: number;
  /** Pupils per school are uniform in [min, max]. */
  pupils: [number, number];
  /** Names and effects of 0/1 context covariates with their prevalence. */
  flags: { name: string; effect: number; prevalence: number }[];
  /** Further continuous covariates, standard normal. */
  continuous: { name: string; effect: number }[];
  intercept: number;
  priorEffect: number;
  schoolSd: number;
  /** Standard deviation of the schools' prior-attainment slopes around priorEffect (0: none). */
  slopeSd: number;
  /** Correlation of a school's intercept and slope. */
  correlation: number;
  residualSd: number;
}

export interface SimulatedPupil {
  pupil: string;
  school: string;
  prior: number;
  context: Record<string, number>;
  outcome: number;
}

export interface SimulatedSchool {
  school: string;
  effect: number;
  slope: number;
}

export function simulateCohort(
  random: Random,
  model: CohortModel,
  schoolCode: (index: number) => string,
  onPupil: (pupil: SimulatedPupil) => void,
): SimulatedSchool[] {
  const schools: SimulatedSchool[] = [];
  let pupilNumber = 0;
  for (let s = 0; s < model.schools; s++) {
    const z1 = random.normal();
    const z2 = random.normal();
    const effect = model.schoolSd * z1;
    const slope = model.slopeSd * (model.correlation * z1 + Math.sqrt(1 - model.correlation ** 2) * z2);
    const school = schoolCode(s);
    schools.push({ school, effect, slope });
    // Schools differ in intake, which is why raw attainment misleads.
    const intake = random.normal(0, 0.4);
    const size = random.int(model.pupils[0], model.pupils[1]);
    for (let i = 0; i < size; i++) {
      const prior = round(random.normal(intake, 1), 3);
      const context: Record<string, number> = {};
      let mean = model.intercept + effect + (model.priorEffect + slope) * prior;
      for (const flag of model.flags) {
        const value = random.chance(flag.prevalence) ? 1 : 0;
        context[flag.name] = value;
        mean += flag.effect * value;
      }
      for (const covariate of model.continuous) {
        const value = round(random.normal(), 3);
        context[covariate.name] = value;
        mean += covariate.effect * value;
      }
      pupilNumber++;
      onPupil({
        pupil: `P${String(pupilNumber).padStart(7, '0')}`,
        school,
        prior,
        context,
        outcome: round(mean + random.normal(0, model.residualSd), 3),
      });
    }
  }
  return schools;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
