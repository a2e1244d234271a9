// Estimates and targets on the tiny authority (T > A {S1, S2}, B {S3, S4, S5}): every figure recomputed
// here from the fitted model's coefficients and the pupil rows, the percentile's quantile from its own
// sort; who may see what; every pupil view audited; the workbook as a head opens it.
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { seededRandom } from '../random.ts';
import type { CohortEstimates, SchoolPupilEstimates, UnitEstimate } from './estimates-contract.ts';
import { schoolMeansQuery } from './queries.ts';
import { simulateCohort } from './simulate.ts';
import { fiveSchoolModel } from './test-fixtures.ts';
import { fitCohort } from './value-added.ts';

const actor = operator('test');
let database: Database;

interface Pupil {
  id: string;
  school: string;
  outcome: number;
  prior: number;
  disadvantaged: number;
  /** Blank for every fifteenth pupil: they have no estimate. */
  sen: number | null;
}

/** About 150 KS4 pupils in the five schools; every fifteenth has no SEN recorded (so SEN is still among the default covariates, which 90% must have). */
function cohort() {
  const pupils: Pupil[] = [];
  simulateCohort(
    seededRandom(11),
    fiveSchoolModel,
    (i) => `S${i + 1}`,
    (p) => {
      const { disadvantaged, sen } = p.context as { disadvantaged: number; sen: number };
      const blank = pupils.length % 15 === 4;
      pupils.push({
        id: p.pupil,
        school: p.school,
        outcome: p.outcome,
        prior: p.prior,
        disadvantaged,
        sen: blank ? null : sen,
      });
    },
  );
  const lines = [
    'pupil_id,school_code,academic_year,stage,outcome,prior_attainment,disadvantaged,sen',
    ...pupils.map((p) =>
      [p.id, p.school, '2025-26', 'KS4', p.outcome, p.prior, p.disadvantaged, p.sen ?? ''].join(','),
    ),
  ];
  return { pupils, file: csv('ks4.csv', lines) };
}

let pupils: Pupil[];

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  const made = cohort();
  pupils = made.pupils;
  await importFile(contextFor(database.db, actor), 'pupil-results', made.file);
  return () => database.close();
});

const KS4 = { stage: 'KS4', academicYear: '2025-26' };

/** The fixed part by hand: β0 + β1 prior + β2 disadvantaged + β3 sen, null with SEN missing. */
function byHand(fixed: Record<string, { estimate: number }>, p: Pupil): number | null {
  const b = (name: string) => fixed[name]?.estimate as number;
  if (p.sen === null) return null;
  return (
    b('(Intercept)') +
    b('prior_attainment') * p.prior +
    b('disadvantaged') * p.disadvantaged +
    b('sen') * p.sen
  );
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('estimates against an independent computation from the fitted model', () => {
  it('each pupil: x′β, and x′β plus the 80th, 50th and 95th percentile of the five schools’ effects', async () => {
    const fit = await fitCohort(database.db, KS4);
    expect(fit.covariates).toEqual(['prior_attainment', 'disadvantaged', 'sen']);
    // Five effects sorted: type 7 at p is sorted[4p] interpolated, so 0.8 -> 3.2, 0.5 -> 2, 0.95 -> 3.8.
    const e = fit.model.schools.map((s) => s.effect).sort((a, b) => a - b) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const shifts: Record<number, number> = {
      20: e[3] + 0.2 * (e[4] - e[3]),
      50: e[2],
      5: e[3] + 0.8 * (e[4] - e[3]),
    };
    const head = await apiAs(database, 'headteacher', 'S1');
    for (const percentile of [20, 50, 5]) {
      const { status, body } = await head.get(
        `/api/v1/schools/S1/pupil-estimates?stage=KS4&year=2025-26&percentile=${percentile}`,
      );
      expect(status).toBe(200);
      const answer = body as SchoolPupilEstimates;
      expect(answer.shift).toBeCloseTo(shifts[percentile] as number, 10);
      const mine = pupils.filter((p) => p.school === 'S1').sort((a, b) => a.id.localeCompare(b.id));
      expect(answer.pupils.map((p) => p.pupil_id)).toEqual(mine.map((p) => p.id));
      mine.forEach((p, i) => {
        const got = answer.pupils[i] as SchoolPupilEstimates['pupils'][number];
        const estimate = byHand(fit.model.fixed, p);
        if (estimate === null) {
          expect(got).toMatchObject({ estimate: null, target: null, difference: null, missing: ['sen'] });
          return;
        }
        expect(got.estimate).toBeCloseTo(estimate, 9);
        expect(got.target).toBeCloseTo(estimate + (shifts[percentile] as number), 9);
        expect(got.difference).toBeCloseTo(p.outcome - estimate - (shifts[percentile] as number), 9);
        expect(got.missing).toEqual([]);
      });
    }
    // A higher percentile is a less demanding target: the 50th is below the 20th, the 20th below the 5th.
    expect(shifts[50]).toBeLessThan(shifts[20] as number);
    expect(shifts[20]).toBeLessThan(shifts[5] as number);
  });

  it('schools, areas and the authority: means of their pupils’ estimates beside their mean outcome', async () => {
    const fit = await fitCohort(database.db, KS4);
    const director = await apiAs(database, 'director', 'T');
    const { status, body } = await director.get(
      '/api/v1/value-added/estimates?stage=KS4&year=2025-26&percentile=20',
    );
    expect(status).toBe(200);
    const answer = body as CohortEstimates;
    expect(answer.units.map((u) => `${u.level} ${u.code}`)).toEqual([
      'authority T',
      'area A',
      'area B',
      'school S1',
      'school S2',
      'school S3',
      'school S4',
      'school S5',
    ]);
    const members: Record<string, string[]> = {
      T: ['S1', 'S2', 'S3', 'S4', 'S5'],
      A: ['S1', 'S2'],
      B: ['S3', 'S4', 'S5'],
      S1: ['S1'],
      S2: ['S2'],
      S3: ['S3'],
      S4: ['S4'],
      S5: ['S5'],
    };
    for (const unit of answer.units) {
      const all = pupils.filter((p) => members[unit.code]?.includes(p.school));
      const estimated = all.filter((p) => p.sen !== null);
      const estimate = mean(estimated.map((p) => byHand(fit.model.fixed, p) as number));
      expect(unit, unit.code).toMatchObject({
        pupils: estimated.length,
        withoutEstimate: all.length - estimated.length,
        actual: expect.closeTo(mean(estimated.map((p) => p.outcome)), 9),
        estimate: expect.closeTo(estimate, 9),
        target: expect.closeTo(estimate + answer.shift, 9),
      } satisfies Partial<Record<keyof UnitEstimate, unknown>>);
    }
    expect(answer.units.find((u) => u.code === 'T')?.withoutEstimate).toBeGreaterThan(5);
    // One unit and the schools beneath it.
    const area = await director.get('/api/v1/value-added/estimates?stage=KS4&year=2025-26&org_unit=B');
    expect((area.body as CohortEstimates).units.map((u) => u.code)).toEqual(['B', 'S3', 'S4', 'S5']);
    expect((area.body as CohortEstimates).percentile).toBe(50);
  });

  it('follow the stage’s published specification: its covariates, and with a random slope each school’s effect at the mean', async () => {
    const director = await apiAs(database, 'director', 'T');
    const published = await director.send('PUT', '/api/v1/value-added/models/KS4', {
      covariates: ['prior_attainment', 'disadvantaged'],
      random_slope: 'prior_attainment',
    });
    expect(published.status).toBe(200);
    const fit = await fitCohort(database.db, KS4);
    expect(fit.model.variance.slope).toBeDefined();
    const e = fit.model.schools.map((s) => s.effect).sort((a, b) => a - b) as number[];
    const head = await apiAs(database, 'headteacher', 'S1');
    const { body } = await head.get(
      '/api/v1/schools/S1/pupil-estimates?stage=KS4&year=2025-26&percentile=20',
    );
    const answer = body as SchoolPupilEstimates;
    expect(answer.covariates).toEqual(['prior_attainment', 'disadvantaged']);
    // In the model's order, though the kept fit's JSON (jsonb) orders its keys otherwise.
    expect(Object.keys(answer.fixed)).toEqual(['(Intercept)', 'prior_attainment', 'disadvantaged']);
    expect(answer.shift).toBeCloseTo((e[3] as number) + 0.2 * ((e[4] as number) - (e[3] as number)), 10);
    const b = (name: string) => fit.model.fixed[name]?.estimate as number;
    const mine = pupils.filter((p) => p.school === 'S1').sort((x, y) => x.id.localeCompare(y.id));
    // The value-added page's model is the same fit: its caterpillar and funnel beside these estimates.
    const page = await director.get('/api/v1/value-added?stage=KS4&year=2025-26');
    expect(page.body.covariates).toEqual(answer.covariates);
    expect(page.body.model.variance.slope).toBeCloseTo(fit.model.variance.slope as number, 12);
    // SEN is no longer a covariate, so the pupils without it have an estimate too.
    expect(answer.pupils.every((p) => p.estimate !== null)).toBe(true);
    mine.forEach((p, i) => {
      expect(answer.pupils[i]?.estimate).toBeCloseTo(
        b('(Intercept)') + b('prior_attainment') * p.prior + b('disadvantaged') * p.disadvantaged,
        9,
      );
    });
  });

  it('a percentile outside 1 to 99, or not a whole number, is refused naming the parameter', async () => {
    const director = await apiAs(database, 'director', 'T');
    for (const percentile of ['0', '100', '20.5', 'twenty']) {
      const { status, body } = await director.get(
        `/api/v1/value-added/estimates?stage=KS4&year=2025-26&percentile=${percentile}`,
      );
      expect(status, percentile).toBe(400);
      expect(JSON.stringify(body.error.details)).toContain('percentile');
    }
    expect((await director.get('/api/v1/value-added/estimates?stage=KS9&year=2025-26')).status).toBe(404);
  });
});

describe('who sees what', () => {
  const codes = (body: CohortEstimates) => body.units.map((u) => u.code);
  const path = '/api/v1/value-added/estimates?stage=KS4&year=2025-26&percentile=20';

  it('a head sees their school; an area lead their area and its schools; other units are not named', async () => {
    const head = await apiAs(database, 'headteacher', 'S1');
    expect(codes((await head.get(path)).body)).toEqual(['S1']);
    const lead = await apiAs(database, 'area_lead', 'A');
    expect(codes((await lead.get(path)).body)).toEqual(['A', 'S1', 'S2']);
    expect((await lead.get(`${path}&org_unit=B`)).status).toBe(404);
    expect((await lead.get(`${path}&org_unit=S3`)).status).toBe(404);
    expect((await head.get(`${path}&org_unit=A`)).status).toBe(404);
  });

  it('pupil estimates: only roles that may see pupils, only their school, and every view audited', async () => {
    const own = '/api/v1/schools/S1/pupil-estimates?stage=KS4&year=2025-26&percentile=20';
    const head = await apiAs(database, 'headteacher', 'S1');
    const seen = await head.get(own);
    expect(seen.status).toBe(200);
    expect((await head.get('/api/v1/schools/S2/pupil-estimates?stage=KS4&year=2025-26')).status).toBe(404);
    expect((await (await apiAs(database, 'director', 'T')).get(own)).status).toBe(403);
    expect((await (await apiAs(database, 'area_lead', 'A')).get(own)).status).toBe(403);
    expect((await (await apiAs(database, 'viewer', 'T')).get(own)).status).toBe(403);
    expect((await (await apiAs(database, 'analyst', 'T')).get(own)).status).toBe(200);
    const download = await head.request(`${own}&format=xlsx`);
    expect(download.status).toBe(200);
    const views = await database.db
      .selectFrom('audit_event')
      .select(['action', 'entity', 'details'])
      .where('action', '=', 'view')
      .orderBy('id')
      .execute();
    expect(views.map((v) => [v.entity, (v.details as { format: string }).format])).toEqual([
      ['pupil-estimates', 'json'],
      ['pupil-estimates', 'json'],
      ['pupil-estimates', 'xlsx'],
    ]);
    expect(views[0]?.details).toMatchObject({
      school: 'S1',
      stage: 'KS4',
      academicYear: '2025-26',
      percentile: 20,
      rows: seen.body.pupils.length,
    });
  });
});

describe('the workbook for heads', () => {
  it('opens with a pupils sheet (one row per pupil) and an about sheet saying what each column means', async () => {
    const head = await apiAs(database, 'headteacher', 'S1');
    const response = await head.request(
      '/api/v1/schools/S1/pupil-estimates?stage=KS4&year=2025-26&percentile=20&format=xlsx',
    );
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain('pupil-estimates-S1-KS4-2025-26-p20.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['pupils', 'about']);
    const sheet = workbook.getWorksheet('pupils') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'pupil',
      'prior_attainment',
      'disadvantaged',
      'sen',
      'estimate',
      'estimate_p20',
      'outcome',
      'difference',
      'missing',
    ]);
    const json = (await head.get('/api/v1/schools/S1/pupil-estimates?stage=KS4&year=2025-26&percentile=20'))
      .body as SchoolPupilEstimates;
    expect(sheet.rowCount).toBe(json.pupils.length + 1);
    const first = json.pupils[0] as SchoolPupilEstimates['pupils'][number];
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[0]).toBe(first.pupil_id);
    expect(row[4]).toBeCloseTo(first.estimate as number, 9);
    expect(row[5]).toBeCloseTo(first.target as number, 9);
    expect(row[6]).toBe(first.outcome);
    // Shown to one decimal, every digit kept.
    expect([5, 6, 8].map((c) => sheet.getColumn(c).numFmt)).toEqual(['0.0', '0.0', '0.0']);
    const blank = json.pupils.findIndex((p) => p.estimate === null);
    expect((sheet.getRow(blank + 2).values as unknown[]).slice(1)[8]).toBe('sen');
    const about = workbook.getWorksheet('about') as ExcelJS.Worksheet;
    const items = new Map<string, unknown>();
    about.eachRow((r) => {
      const [item, meaning] = (r.values as unknown[]).slice(1);
      items.set(String(item ?? ''), meaning);
    });
    for (const column of header) expect(items.has(String(column)), String(column)).toBe(true);
    expect(items.get('stage')).toBe('KS4');
    expect(items.get('academic year')).toBe('2025-26');
    expect(items.get('percentile')).toBe(20);
    expect(items.get('coefficient: prior_attainment')).toBeCloseTo(json.fixed.prior_attainment as number, 12);
    expect(String(items.get('made on'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

it('the estimates pass, as the database runs it, is the committed snapshot', async () => {
  const query = schoolMeansQuery(KS4, 'outcome', ['prior_attainment', 'disadvantaged']).compile(compilingDb);
  await expect(sqlSnapshot(query)).toMatchFileSnapshot('./__snapshots__/estimates-pass.sql');
  // The null model (no covariates) runs too: every pupil counts, each school's mean outcome alone.
  const { rows } = await schoolMeansQuery(KS4, 'outcome', []).execute(database.db);
  const s1 = pupils.filter((p) => p.school === 'S1');
  expect(rows[0]).toMatchObject({
    school: 'S1',
    area: 'A',
    results: s1.length,
    pupils: s1.length,
    means: [],
  });
  expect(Number(rows[0]?.outcome)).toBeCloseTo(mean(s1.map((p) => p.outcome)), 9);
});
