// The null (intercept-only) model from the database: covariates given as none are none, not the
// default, in the verb, over the API and in the SQL pass; its intraclass correlation is the share of the
// outcome's variance between schools, checked against a fit of the same rows streamed by hand.
import { beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { seededRandom } from '../random.ts';
import { fitMixedModel } from './mixed-model.ts';
import { schoolStatistics } from './queries.ts';
import { simulateCohort } from './simulate.ts';
import { StatsAccumulator } from './sufficient-stats.ts';
import { fitCohort } from './value-added.ts';

const actor = operator('test');
let database: Database;

/** 40 to 60 KS4 pupils in each of the five schools, with a school effect of sd 4 against a residual of 8. */
function cohort() {
  const lines = ['pupil_id,school_code,academic_year,stage,outcome,prior_attainment,disadvantaged'];
  const outcomes = new StatsAccumulator([]);
  simulateCohort(
    seededRandom(41),
    {
      schools: 5,
      pupils: [40, 60],
      flags: [{ name: 'disadvantaged', effect: -3, prevalence: 0.3 }],
      continuous: [],
      intercept: 50,
      priorEffect: 7,
      schoolSd: 4,
      slopeSd: 0,
      correlation: 0,
      residualSd: 8,
    },
    (i) => `S${i + 1}`,
    (p) => {
      lines.push(
        [p.pupil, p.school, '2025-26', 'KS4', p.outcome, p.prior, p.context.disadvantaged].join(','),
      );
      outcomes.add(p.school, [], p.outcome);
    },
  );
  return { file: csv('ks4.csv', lines), byHand: outcomes.result() };
}

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  return () => database.close();
});

describe('the null model from the database', () => {
  it('no covariates is the intercept-only model, fitted as from the rows themselves', async () => {
    const { file, byHand } = cohort();
    await importFile(contextFor(database.db, actor), 'pupil-results', file);
    const ks4 = { stage: 'KS4', academicYear: '2025-26' };
    const stats = await schoolStatistics(database.db, ks4, 'outcome', []);
    expect(stats.columns).toEqual(['(Intercept)']);
    expect(stats.groups.map((g) => [g.group, g.n])).toEqual(byHand.groups.map((g) => [g.group, g.n]));

    const fitted = await fitCohort(database.db, { ...ks4, covariates: [] });
    expect(fitted.covariates).toEqual([]);
    expect(Object.keys(fitted.model.fixed)).toEqual(['(Intercept)']);
    const expected = fitMixedModel(byHand, { random: ['(Intercept)'], reml: true });
    expect(fitted.model.fixed['(Intercept)']?.estimate).toBeCloseTo(
      expected.fixed['(Intercept)']?.estimate as number,
      9,
    );
    const { school, residual } = fitted.model.variance;
    // The intraclass correlation is the school variance's share, inside its interval.
    expect(fitted.model.icc.estimate).toBeCloseTo(school / (school + residual), 12);
    expect(fitted.model.icc.estimate).toBeCloseTo(expected.icc.estimate, 9);
    expect(fitted.model.icc.lower).toBeLessThan(fitted.model.icc.estimate);
    expect(fitted.model.icc.upper).toBeGreaterThan(fitted.model.icc.estimate);
    expect(fitted.model.icc.method).toBe('profile-likelihood');

    // Left out, the covariates are the default: prior attainment and the context most pupils have.
    const byDefault = await fitCohort(database.db, ks4);
    expect(byDefault.covariates).toEqual(['prior_attainment', 'disadvantaged']);
    // Prior attainment explains much of the outcome, and some of the schools' differences too.
    expect(byDefault.model.variance.residual).toBeLessThan(residual);
  });

  it('over the API: covariates= (empty) or covariates=none is the null model; left out, the default', async () => {
    await importFile(contextFor(database.db, actor), 'pupil-results', cohort().file);
    const director = await apiAs(database, 'director', 'T');
    const empty = await director.get('/api/v1/value-added?stage=KS4&year=2025-26&covariates=');
    expect(empty.status).toBe(200);
    expect(empty.body.covariates).toEqual([]);
    expect(Object.keys(empty.body.model.fixed)).toEqual(['(Intercept)']);
    expect(empty.body.model.icc).toEqual({
      estimate: expect.any(Number),
      lower: expect.any(Number),
      upper: expect.any(Number),
      method: 'profile-likelihood',
    });
    const none = await director.get('/api/v1/value-added?stage=KS4&year=2025-26&covariates=none');
    expect(none.body.model.icc).toEqual(empty.body.model.icc);
    const byDefault = await director.get('/api/v1/value-added?stage=KS4&year=2025-26');
    expect(byDefault.body.covariates).toEqual(['prior_attainment', 'disadvantaged']);
  });
});
