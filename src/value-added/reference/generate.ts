// Writes the fixed data files that lme4-reference.R fits, so Headway's fits can be checked against
// lme4's. Run: npx tsx src/value-added/reference/generate.ts (then Rscript lme4-reference.R).
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../../random.ts';
import { type CohortModel, simulateCohort } from '../simulate.ts';

const base: CohortModel = {
  schools: 80,
  pupils: [8, 40],
  flags: [
    { name: 'disadvantaged', effect: -2.5, prevalence: 0.3 },
    { name: 'sen', effect: -4, prevalence: 0.12 },
    { name: 'eal', effect: 1, prevalence: 0.2 },
  ],
  continuous: [],
  intercept: 50,
  priorEffect: 6,
  schoolSd: 2,
  slopeSd: 0,
  correlation: 0,
  residualSd: 5,
};

function write(name: string, model: CohortModel, seed: number): void {
  const lines = ['pupil_id,school_code,outcome,prior_attainment,disadvantaged,sen,eal'];
  const line = (p: {
    pupil: string;
    school: string;
    outcome: number;
    prior: number;
    context: Record<string, number>;
  }) =>
    lines.push(
      [p.pupil, p.school, p.outcome, p.prior, p.context.disadvantaged, p.context.sen, p.context.eal].join(
        ',',
      ),
    );
  const random = seededRandom(seed);
  simulateCohort(random, model, (i) => `S${String(i + 1).padStart(3, '0')}`, line);
  // A school with a single pupil must fit too (its effect is shrunk almost to zero).
  simulateCohort(
    random,
    { ...model, schools: 1, pupils: [1, 1] },
    () => 'S999',
    (p) => line({ ...p, pupil: 'P9999999' }),
  );
  writeFileSync(new URL(`${name}.csv`, import.meta.url), `${lines.join('\n')}\n`);
}

write('intercept', base, 11);
write('slope', { ...base, slopeSd: 1.5, correlation: 0.4 }, 12);
