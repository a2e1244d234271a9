// The mixed model against R's lme4 on the committed reference files (reference/lme4-reference.R), and
// against the parameters the data were drawn from.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random.ts';
import { fitMixedModel, type ModelFit } from './mixed-model.ts';
import { statisticsOfCsv } from './read-file.ts';
import { type CohortModel, simulateCohort } from './simulate.ts';
import { StatsAccumulator } from './sufficient-stats.ts';

const covariates = ['prior_attainment', 'disadvantaged', 'sen', 'eal'];

/** The reference file read the way `headway va --input` reads it. */
async function statsOfFile(name: string) {
  const file = fileURLToPath(new URL(`reference/${name}.csv`, import.meta.url));
  return (await statisticsOfCsv(file, { group: 'school_code', outcome: 'outcome', covariates })).stats;
}

/** lme4's figures by quantity ("fixed", "se", "variance", "logLik", "effect", "sd", "slope", "slopeSd") and name. */
function lme4Reference(name: string): Map<string, Map<string, number>> {
  const text = readFileSync(new URL(`reference/${name}.lme4.csv`, import.meta.url), 'utf8');
  const byQuantity = new Map<string, Map<string, number>>();
  for (const line of text.trim().split('\n').slice(1)) {
    const [quantity, name, value] = line.split(',').map((cell) => cell.replace(/"/g, '')) as [
      string,
      string,
      string,
    ];
    if (!byQuantity.has(quantity)) byQuantity.set(quantity, new Map());
    byQuantity.get(quantity)?.set(name, Number(value));
  }
  return byQuantity;
}

function ours(fit: ModelFit, quantity: string, name: string): number | undefined {
  const school = fit.schools.find((s) => s.school === name);
  switch (quantity) {
    case 'fixed':
      return fit.fixed[name]?.estimate;
    case 'se':
      return fit.fixed[name]?.se;
    case 'variance':
      return name === 'Residual'
        ? fit.variance.residual
        : name === 'covariance'
          ? fit.variance.covariance
          : name === '(Intercept)'
            ? fit.variance.school
            : fit.variance.slope;
    case 'logLik':
      return fit.logLik;
    case 'icc':
      return fit.icc[name as 'estimate' | 'lower' | 'upper'] ?? undefined;
    // lme4's ranef is the intercept's conditional mode; with a random slope ours is kept as `intercept`.
    case 'effect':
      return school?.intercept ?? school?.effect;
    case 'sd':
      return school?.interceptSd ?? school?.sd;
    default:
      return school?.[quantity as 'slope' | 'slopeSd'];
  }
}

/**
 * Six significant figures: every figure within 5e-6 of lme4's, relative. A figure near zero (a school's
 * slope deviation can be 0.0002) is compared relative to 1% of the largest of its kind instead.
 */
function expectAgreement(
  fit: ModelFit,
  reference: Map<string, Map<string, number>>,
  nearZero: Partial<Record<string, number>> = {},
) {
  let compared = 0;
  for (const [quantity, values] of reference) {
    const scale = Math.max(...[...values.values()].map(Math.abs));
    for (const [name, expected] of values) {
      const actual = ours(fit, quantity, name);
      expect(actual, `${quantity} ${name}`).toBeDefined();
      const tolerance = 5e-6 * Math.max(Math.abs(expected), (nearZero[quantity] ?? 0.01) * scale);
      expect(
        Math.abs((actual as number) - expected),
        `${quantity} ${name}: ${actual} vs lme4 ${expected}`,
      ).toBeLessThan(tolerance);
      compared++;
    }
  }
  return compared;
}

describe('agreement with lme4', async () => {
  const intercept = await statsOfFile('intercept');
  const slope = await statsOfFile('slope');
  const withSlope = ['(Intercept)', 'prior_attainment'];

  it('random intercept by REML and by ML', () => {
    const reml = fitMixedModel(intercept, { random: ['(Intercept)'], reml: true });
    expect(reml.reml).toBe(true);
    expect(expectAgreement(reml, lme4Reference('intercept-reml'))).toBe(5 + 5 + 2 + 1 + 81 + 81);
    expectAgreement(
      fitMixedModel(intercept, { random: ['(Intercept)'], reml: false }),
      lme4Reference('intercept-ml'),
    );
  });

  it('random intercept and prior-attainment slope by REML and by ML', () => {
    const reml = fitMixedModel(slope, { random: withSlope, reml: true });
    expect(expectAgreement(reml, lme4Reference('slope-reml'))).toBe(5 + 5 + 4 + 1 + 4 * 81);
    expectAgreement(fitMixedModel(slope, { random: withSlope, reml: false }), lme4Reference('slope-ml'));
  });

  it('a school with one pupil is estimated, shrunk towards zero with a wide interval', () => {
    const fit = fitMixedModel(intercept, { random: ['(Intercept)'], reml: true });
    const single = fit.schools.find((s) => s.school === 'S999');
    expect(single?.n).toBe(1);
    const widest = Math.max(...fit.schools.filter((s) => s.n > 1).map((s) => s.sd));
    expect(single?.sd).toBeGreaterThan(widest);
    expect(single?.band).toBe('in_line');
  });
});

describe('agreement with lme4 on two stages with all-through schools, stage by stage', async () => {
  const file = fileURLToPath(new URL('reference/stages.csv', import.meta.url));
  const models = {
    null: { covariates: [], random: ['(Intercept)'] },
    covariates: { covariates, random: ['(Intercept)'] },
    slope: { covariates, random: ['(Intercept)', 'prior_attainment'] },
  };
  for (const stage of ['KS2', 'KS4'])
    for (const [name, { covariates: chosen, random }] of Object.entries(models))
      for (const reml of [true, false])
        it(`${stage}, ${name === 'null' ? 'the null model' : name === 'slope' ? 'a random slope' : 'covariates'}, ${reml ? 'REML' : 'ML'}: every figure and the intraclass correlation's interval`, async () => {
          const { stats } = await statisticsOfCsv(file, {
            group: 'school_code',
            outcome: 'outcome',
            covariates: chosen,
            stage,
          });
          const fit = fitMixedModel(stats, { random, reml });
          const expected = lme4Reference(`${stage}-${name}-${reml ? 'reml' : 'ml'}`);
          const schools = expected.get('effect')?.size as number;
          // An all-through school is one of this stage's schools, with this stage's pupils only.
          expect(fit.schools.map((s) => s.school)).toContain('S001');
          expect(fit.schools).toHaveLength(schools);
          const p = chosen.length + 1;
          // A school's slope deviation near zero moves with theta along the deviance's flattest
          // direction: KS4's S014 (-0.02) is 1.5e-7 from lme4 at our optimum and equal to 1e-11 at
          // lme4's theta, where our deviance is 1e-11 higher than at ours (double precision's noise
          // on a deviance of 14,000). So slopes near zero are compared relative to 10% of the
          // largest, and the optimum is required to be at least as good as lme4's.
          expect(fit.logLik).toBeGreaterThan((expected.get('logLik')?.get('') as number) - 1e-9);
          expect(expectAgreement(fit, expected, { slope: 0.1 })).toBe(
            2 * p + (random.length === 2 ? 4 : 2) + 1 + 3 + (random.length === 2 ? 4 : 2) * schools,
          );
          expect(fit.icc.method).toBe(random.length === 2 ? 'wald-logit' : 'profile-likelihood');
        });
});

describe('recovery of known parameters', () => {
  const truth: CohortModel = {
    schools: 400,
    pupils: [40, 80],
    flags: [{ name: 'disadvantaged', effect: -3, prevalence: 0.3 }],
    continuous: [{ name: 'attendance', effect: 1.5 }],
    intercept: 100,
    priorEffect: 8,
    schoolSd: 3,
    slopeSd: 1,
    correlation: -0.3,
    residualSd: 10,
  };
  const accumulator = new StatsAccumulator(['prior', 'disadvantaged', 'attendance']);
  const schools = simulateCohort(
    seededRandom(5),
    truth,
    (i) => `S${i}`,
    (p) =>
      accumulator.add(
        p.school,
        [p.prior, p.context.disadvantaged as number, p.context.attendance as number],
        p.outcome,
      ),
  );
  const fit = fitMixedModel(accumulator.result(), { random: ['(Intercept)', 'prior'], reml: true });

  it('fixed effects within three standard errors of the truth', () => {
    const expected = { '(Intercept)': 100, prior: 8, disadvantaged: -3, attendance: 1.5 };
    for (const [name, value] of Object.entries(expected)) {
      const { estimate, se } = fit.fixed[name] as { estimate: number; se: number };
      expect(Math.abs(estimate - value), name).toBeLessThan(3 * se);
    }
  });

  it('variance components within 15% of the truth', () => {
    expect(fit.variance.residual / 100).toBeCloseTo(1, 1);
    expect(Math.abs(fit.variance.school / 9 - 1)).toBeLessThan(0.15);
    expect(Math.abs((fit.variance.slope as number) / 1 - 1)).toBeLessThan(0.15);
    const correlation =
      (fit.variance.covariance as number) / Math.sqrt(fit.variance.school * (fit.variance.slope as number));
    expect(correlation).toBeGreaterThan(-0.45);
    expect(correlation).toBeLessThan(-0.15);
  });

  it('school effects track the true ones, and about 95% of intervals cover them', () => {
    const byCode = new Map(fit.schools.map((s) => [s.school, s]));
    let covered = 0;
    let products = 0;
    let truthSquares = 0;
    let estimateSquares = 0;
    for (const school of schools) {
      const estimate = byCode.get(school.school);
      if (!estimate) throw new Error(`no estimate for ${school.school}`);
      if (estimate.lower <= school.effect && school.effect <= estimate.upper) covered++;
      products += estimate.effect * school.effect;
      truthSquares += school.effect ** 2;
      estimateSquares += estimate.effect ** 2;
    }
    expect(products / Math.sqrt(truthSquares * estimateSquares)).toBeGreaterThan(0.9);
    expect(covered / schools.length).toBeGreaterThan(0.9);
    const below = fit.schools.filter((s) => s.band === 'below');
    for (const s of below) expect(s.upper).toBeLessThan(0);
    expect(below.length).toBeGreaterThan(10);
  });
});

describe('a random slope on an uncentred covariate', () => {
  it('value added is read at the mean prior attainment, so shifting its scale changes nothing', () => {
    const truth: CohortModel = {
      schools: 60,
      pupils: [20, 50],
      flags: [],
      continuous: [],
      intercept: 50,
      priorEffect: 5,
      schoolSd: 2,
      slopeSd: 1,
      correlation: 0.2,
      residualSd: 6,
    };
    const centred = new StatsAccumulator(['prior']);
    const shifted = new StatsAccumulator(['prior']);
    simulateCohort(
      seededRandom(21),
      truth,
      (i) => `S${i}`,
      (p) => {
        centred.add(p.school, [p.prior], p.outcome);
        // As a KS2 scaled score: 100 points more, the same pupils.
        shifted.add(p.school, [p.prior + 100], p.outcome);
      },
    );
    const spec = { random: ['(Intercept)', 'prior'], reml: true };
    const a = fitMixedModel(centred.result(), spec);
    const b = fitMixedModel(shifted.result(), spec);
    // The same model in another parameterisation: equal to the optimiser's precision (~1e-6 relative).
    expect(b.logLik).toBeCloseTo(a.logLik, 4);
    for (const [i, school] of a.schools.entries()) {
      const other = b.schools[i];
      expect(other?.effect).toBeCloseTo(school.effect, 4);
      expect(other?.sd).toBeCloseTo(school.sd, 4);
      expect(other?.band).toBe(school.band);
      expect(school.effect).toBeCloseTo(
        (school.intercept as number) + (school.slope as number) * meanPrior(centred),
        9,
      );
    }
    // The raw intercept is at prior 0: 100 points away for the shifted scale, and far less certain.
    expect(Math.max(...b.schools.map((s) => s.interceptSd as number))).toBeGreaterThan(
      10 * Math.max(...b.schools.map((s) => s.sd)),
    );
  });
});

function meanPrior(accumulator: StatsAccumulator): number {
  const { groups } = accumulator.result();
  const n = groups.reduce((t, g) => t + g.n, 0);
  return groups.reduce((t, g) => t + (g.xtx[1] as number), 0) / n;
}

describe('bad designs', () => {
  it('collinear covariates are refused, naming the column', () => {
    const accumulator = new StatsAccumulator(['prior', 'fsm', 'not_fsm']);
    const random = seededRandom(3);
    for (let i = 0; i < 200; i++) {
      const fsm = random.chance(0.3) ? 1 : 0;
      accumulator.add(`S${i % 10}`, [random.normal(), fsm, 1 - fsm], random.normal(50, 5));
    }
    expect(() => fitMixedModel(accumulator.result(), { random: ['(Intercept)'], reml: true })).toThrow(
      /not_fsm is collinear with \(Intercept\), prior, fsm/,
    );
  });

  it('a slope on a variable that is not a covariate, and a single school, are refused', () => {
    const accumulator = new StatsAccumulator(['prior']);
    accumulator.add('S1', [1], 2);
    accumulator.add('S1', [2], 3);
    accumulator.add('S1', [3], 5);
    expect(() => fitMixedModel(accumulator.result(), { random: ['(Intercept)', 'fsm'], reml: true })).toThrow(
      /random slope fsm must also be one of the covariates/,
    );
    expect(() => fitMixedModel(accumulator.result(), { random: ['(Intercept)'], reml: true })).toThrow(
      /at least two schools/,
    );
  });
});
