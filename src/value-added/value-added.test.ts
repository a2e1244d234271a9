// Value added end to end on the tiny authority: the pupil-results import (all or nothing), the SQL pass
// against the streamed statistics, progress, NEET and low attainment by hand, the KPIs published, and
// who may see what over the API.
import { beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { exportKind, importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { seededRandom } from '../random.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { fitMixedModel } from './mixed-model.ts';
import { setLowAttainment } from './publish.ts';
import { schoolStatistics } from './queries.ts';
import { simulateCohort } from './simulate.ts';
import { StatsAccumulator } from './sufficient-stats.ts';
import { fiveSchoolModel } from './test-fixtures.ts';
import { fitCohort } from './value-added.ts';

const actor = operator('test');
let database: Database;

/** 150 KS4 pupils in the five schools, drawn from a random-intercept model. */
function ks4Cohort() {
  const lines = ['pupil_id,school_code,academic_year,stage,outcome,prior_attainment,disadvantaged,sen'];
  const accumulator = new StatsAccumulator(['prior_attainment', 'disadvantaged', 'sen']);
  simulateCohort(
    seededRandom(8),
    fiveSchoolModel,
    (i) => `S${i + 1}`,
    (p) => {
      const { disadvantaged, sen } = p.context as { disadvantaged: number; sen: number };
      lines.push([p.pupil, p.school, '2025-26', 'KS4', p.outcome, p.prior, disadvantaged, sen].join(','));
      accumulator.add(p.school, [p.prior, disadvantaged, sen], p.outcome);
    },
  );
  return { file: csv('ks4.csv', lines), stats: accumulator.result() };
}

/** Six pupils whose progress, NEET and low-attainment figures are worked out by hand below. */
const handMade = csv('t.csv', [
  'pupil_id,school_code,academic_year,stage,outcome,prior_attainment,neet',
  'A1,S1,2025-26,T,10,1,0',
  'A2,S1,2025-26,T,14,1,1',
  'A3,S1,2025-26,T,20,2,',
  'B1,S2,2025-26,T,12,1,0',
  'B2,S2,2025-26,T,16,2,0',
  'B3,S2,2025-26,T,18,2,0',
]);

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  return () => database.close();
});

describe('importing pupil results', () => {
  it('writes the rows once, keeps context columns, and republishes nothing on a second import', async () => {
    const { file } = ks4Cohort();
    const first = await importFile(contextFor(database.db, actor), 'pupil-results', file);
    expect(first.inserted).toBeGreaterThan(100);
    const again = await importFile(contextFor(database.db, actor), 'pupil-results', file);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted });
    const exported = await exportKind(contextFor(database.db, actor), 'pupil-results');
    expect(exported.columns).toEqual([
      'pupil_id',
      'school_code',
      'academic_year',
      'stage',
      'outcome',
      'prior_attainment',
      'neet',
      'disadvantaged',
      'sen',
    ]);
    expect(exported.rows).toHaveLength(first.inserted);
  });

  it('a bad file names every problem by row and column and writes nothing', async () => {
    const bad = csv('bad.csv', [
      'pupil_id,school_code,academic_year,stage,outcome,prior_attainment,fsm,Bad Name!',
      'P1,S1,2025-26,KS4,50,100,1,',
      'P2,S9,2025-26,KS4,50,100,0,',
      'P3,S1,2025-2026,KS4,fifty,100,yes,',
      'P1,S2,2025-26,KS4,40,100,0,',
    ]);
    const error = await importFile(contextFor(database.db, actor), 'pupil-results', bad).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    const texts = (error as ImportRejected).problems.map((p) => `${p.row}:${p.column}:${p.message}`);
    expect(texts).toEqual([expect.stringMatching(/^1:Bad Name!:is not a usable column name/)]);
    const fixedHeader = csv('bad.csv', [
      'pupil_id,school_code,academic_year,stage,outcome,prior_attainment,fsm',
      'P1,S1,2025-26,KS4,50,100,1',
      'P2,S9,2025-26,KS4,50,100,0',
      'P3,S1,2025-2026,KS4,fifty,100,yes',
      'P1,S2,2025-26,KS4,40,100,0',
    ]);
    const second = (await importFile(contextFor(database.db, actor), 'pupil-results', fixedHeader).catch(
      (e) => e,
    )) as ImportRejected;
    expect(second.problems.map((p) => `${p.row}:${p.column}`)).toEqual([
      '3:school_code',
      '4:academic_year',
      '4:fsm',
      '4:outcome',
      '5:pupil_id',
    ]);
    const { count } = await database.db
      .selectFrom('pupil_result')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(0);
  });
});

describe('the model from the database', () => {
  it('the SQL pass gives the same statistics, and so the same fit, as streaming the rows', async () => {
    const { file, stats } = ks4Cohort();
    await importFile(contextFor(database.db, actor), 'pupil-results', file);
    const fromSql = await schoolStatistics(
      database.db,
      { stage: 'KS4', academicYear: '2025-26' },
      'outcome',
      ['prior_attainment', 'disadvantaged', 'sen'],
    );
    expect(fromSql.groups.map((g) => [g.group, g.n])).toEqual(stats.groups.map((g) => [g.group, g.n]));
    fromSql.groups.forEach((g, i) => {
      const expected = stats.groups[i];
      for (const [k, v] of g.xtx.entries()) expect(v).toBeCloseTo(expected?.xtx[k] as number, 6);
    });
    const direct = fitMixedModel(stats, { random: ['(Intercept)'], reml: true });
    const cohort = await fitCohort(database.db, { stage: 'KS4', academicYear: '2025-26' });
    expect(cohort.covariates).toEqual(['prior_attainment', 'disadvantaged', 'sen']);
    expect(cohort.model.fixed.prior_attainment?.estimate).toBeCloseTo(
      direct.fixed.prior_attainment?.estimate as number,
      9,
    );
    expect(cohort.model.schools.map((s) => s.effect)).toEqual(
      direct.schools.map((s) => expect.closeTo(s.effect, 9)),
    );
  });

  it('publishes value added as a KPI: the pupil-weighted mean of the schools’ effects, by area', async () => {
    const { file, stats } = ks4Cohort();
    await importFile(contextFor(database.db, actor), 'pupil-results', file);
    const fit = fitMixedModel(stats, { random: ['(Intercept)'], reml: true });
    const weighted = (codes: string[]) => {
      const schools = fit.schools.filter((s) => codes.includes(s.school));
      return schools.reduce((t, s) => t + s.effect * s.n, 0) / schools.reduce((t, s) => t + s.n, 0);
    };
    const api = await apiAs(database, 'director', 'T');
    const { status, body } = await api.get(
      '/api/v1/analytics?indicator=value_added_ks4&period=2026-07&level=area',
    );
    expect(status).toBe(200);
    const byArea = Object.fromEntries(
      body.results.map((r: { org_unit: string; value: number }) => [r.org_unit, r.value]),
    );
    expect(byArea.A).toBeCloseTo(weighted(['S1', 'S2']), 9);
    expect(byArea.B).toBeCloseTo(weighted(['S3', 'S4', 'S5']), 9);
  });
});

describe('progress, NEET and low attainment', () => {
  it('progress against pupils with the same prior attainment, with intervals from the cohort’s spread', async () => {
    await importFile(contextFor(database.db, actor), 'pupil-results', handMade);
    const { progress } = await fitCohort(database.db, {
      stage: 'T',
      academicYear: '2025-26',
      covariates: ['prior_attainment'],
    });
    // Prior 1: mean outcome 12; prior 2: 18. S1: -2, +2, +2; S2: 0, -2, 0. Cohort sd = sqrt(16/5).
    const half = (1.959963984540054 * Math.sqrt(16 / 5)) / Math.sqrt(3);
    expect(progress).toEqual([
      {
        school: 'S1',
        n: 3,
        score: expect.closeTo(2 / 3, 12),
        lower: expect.closeTo(2 / 3 - half, 12),
        upper: expect.closeTo(2 / 3 + half, 12),
        band: 'in_line',
      },
      {
        school: 'S2',
        n: 3,
        score: expect.closeTo(-2 / 3, 12),
        lower: expect.closeTo(-2 / 3 - half, 12),
        upper: expect.closeTo(-2 / 3 + half, 12),
        band: 'in_line',
      },
    ]);
  });

  it('NEET and low attainment as KPIs: 1 of 5 known leavers NEET; 2 of 6 pupils below the threshold', async () => {
    await importFile(contextFor(database.db, actor), 'pupil-results', handMade);
    await setLowAttainment(contextFor(database.db, actor), 'T', 13);
    const api = await apiAs(database, 'director', 'T');
    const value = async (indicator: string, level: string) => {
      const { body } = await api.get(
        `/api/v1/analytics?indicator=${indicator}&period=2026-07&level=${level}`,
      );
      return Object.fromEntries(
        body.results.map((r: { org_unit: string; value: number }) => [r.org_unit, r.value]),
      );
    };
    expect(await value('neet_rate_t', 'authority')).toEqual({ T: 20 });
    expect(await value('neet_rate_t', 'school')).toMatchObject({ S1: 50, S2: 0 });
    expect(await value('low_attainment_rate_t', 'school')).toMatchObject({
      S1: expect.closeTo(100 / 3, 9),
      S2: expect.closeTo(100 / 3, 9),
    });
    expect(await value('progress_score_t', 'school')).toMatchObject({
      S1: expect.closeTo(2 / 3, 9),
      S2: expect.closeTo(-2 / 3, 9),
    });
  });
});

describe('who sees what', () => {
  beforeEach(async () => {
    await importFile(contextFor(database.db, actor), 'pupil-results', ks4Cohort().file);
  });

  it('value added for a headteacher names only their school; the director sees every school', async () => {
    const director = await apiAs(database, 'director', 'T');
    const all = await director.get('/api/v1/value-added?stage=KS4&year=2025-26');
    expect(all.status).toBe(200);
    expect(all.body.model.schools.map((s: { school: string }) => s.school)).toEqual([
      'S1',
      'S2',
      'S3',
      'S4',
      'S5',
    ]);
    const head = await apiAs(database, 'headteacher', 'S1');
    const mine = await head.get('/api/v1/value-added?stage=KS4&year=2025-26');
    expect(mine.body.model.schools.map((s: { school: string }) => s.school)).toEqual(['S1', '', '', '', '']);
    expect(mine.body.model.schools[0].effect).toBe(all.body.model.schools[0].effect);
    // The others come highest first, so their order says nothing about their codes.
    const others = mine.body.model.schools.slice(1).map((s: { effect: number }) => s.effect);
    expect(others).toEqual([...others].sort((a, b) => b - a));
    expect(others.sort()).toEqual(
      all.body.model.schools
        .slice(1)
        .map((s: { effect: number }) => s.effect)
        .sort(),
    );
    expect((await director.get('/api/v1/value-added?stage=KS9&year=2025-26')).status).toBe(404);
  });

  it('pupil rows: only roles that may see pupils, only in scope, and every view is audited', async () => {
    const path = '/api/v1/schools/S1/pupil-results?stage=KS4&year=2025-26';
    const head = await apiAs(database, 'headteacher', 'S1');
    const seen = await head.get(path);
    expect(seen.status).toBe(200);
    expect(seen.body.pupils.length).toBeGreaterThan(10);
    expect(seen.body.pupils[0]).toMatchObject({
      context: { disadvantaged: expect.any(Number), sen: expect.any(Number) },
    });
    expect((await head.get('/api/v1/schools/S2/pupil-results?stage=KS4&year=2025-26')).status).toBe(404);
    expect((await (await apiAs(database, 'director', 'T')).get(path)).status).toBe(403);
    expect((await (await apiAs(database, 'area_lead', 'A')).get(path)).status).toBe(403);
    expect((await (await apiAs(database, 'analyst', 'T')).get(path)).status).toBe(200);
    const views = await database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('action', '=', 'view')
      .execute();
    expect(views).toHaveLength(2);
    expect(views[0]?.details).toMatchObject({ school: 'S1', stage: 'KS4', rows: seen.body.pupils.length });
  });
});
