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

// Two stages on different scales in one file, as an authority's results arrive: KS2 scaled scores
// (around 100) and KS4 Attainment 8 (around 50). S001-S015 are all-through schools, in both stages;
// each stage is fitted on its own, so an all-through school has one effect per stage.
function writeStages(): void {
  const lines = ['pupil_id,school_code,stage,outcome,prior_attainment,disadvantaged,sen,eal'];
  const stages: { stage: string; model: CohortModel; code: (i: number) => string }[] = [
    {
      stage: 'KS2',
      model: {
        ...base,
        schools: 60,
        pupils: [10, 45],
        intercept: 104,
        priorEffect: 4,
        schoolSd: 1.5,
        slopeSd: 0.8,
        correlation: 0.3,
        residualSd: 5.5,
      },
      code: (i) => `S${String(i + 1).padStart(3, '0')}`,
    },
    {
      stage: 'KS4',
      model: { ...base, schools: 50, pupils: [15, 60], slopeSd: 1.2, correlation: -0.3, residualSd: 9 },
      code: (i) => (i < 15 ? `S${String(i + 1).padStart(3, '0')}` : `S${String(i + 86).padStart(3, '0')}`),
    },
  ];
  const random = seededRandom(13);
  for (const { stage, model, code } of stages)
    simulateCohort(random, model, code, (p) =>
      lines.push(
        [
          `${stage}-${p.pupil}`,
          p.school,
          stage,
          p.outcome,
          p.prior,
          p.context.disadvantaged,
          p.context.sen,
          p.context.eal,
        ].join(','),
      ),
    );
  writeFileSync(new URL('stages.csv', import.meta.url), `${lines.join('\n')}\n`);
}

writeStages();
