// Teachers where the pupils are, on the tiny authority (A: S1, S2; B: S3, S4, S5) with every figure
// worked by hand: each school's required teachers, gap and surplus, the roll-ups, the degree of
// randomness against an R² computed here independently, the KPI indicators agreeing with the page, the
// norms' overrides and who sees what.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { indicatorAnalytics } from '../kpi/analytics.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import type { Gaps, Randomness, Scatter } from './contract.ts';
import { schoolGaps, teacherGaps } from './gaps.ts';
import { setNorms } from './norms.ts';
import { teacherRandomness } from './randomness.ts';

const actor = operator('test');
let database: Database;
const context = () => contextFor(database.db, actor, { today: '2026-11-15' });

// October: pupils and teachers; September: teachers exactly in proportion to pupils (25 each).
const october = { S1: [410, 8], S2: [30, 1], S3: [200, 9], S4: [120, 3], S5: [300, 6] } as const;
const september = { S1: [400, 16], S2: [50, 2], S3: [200, 8], S4: [125, 5], S5: [300, 12] } as const;

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  const lines = ['school_code,period,element,value'];
  for (const [month, figures] of [
    ['2026-09', september],
    ['2026-10', october],
  ] as const)
    for (const [school, [pupils, teachers]] of Object.entries(figures))
      lines.push(
        `${school},${month},pupils_enrolled,${pupils}`,
        `${school},${month},teachers_in_post,${teachers}`,
      );
  await importFile(context(), 'data-values', csv('v.csv', lines));
});
afterAll(() => database.close());

/** R² of y on x by the textbook formula, apart from PostgreSQL's regr_r2. */
function rSquared(points: (readonly [number, number])[]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return (sxy * sxy) / (sxx * syy);
}

/** The p-th percentile as PostgreSQL's percentile_cont interpolates it. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  return (sorted[low] as number) + (at - low) * ((sorted[Math.ceil(at)] as number) - (sorted[low] as number));
}

describe('gaps per school', () => {
  test('required is the larger of the minimum and ceil(pupils / 40); the gap is required less in post', async () => {
    const { month, schools } = await schoolGaps(context(), { month: '2026-10' });
    expect(month).toBe('2026-10');
    const byCode = Object.fromEntries(schools.map((s) => [s.code, s]));
    // S1: ceil(410 / 40) = 11 required, 8 in post: 3 short, 51.25 pupils a teacher, above the maximum.
    expect(byCode.S1).toMatchObject({
      pupils: 410,
      teachers: 8,
      required: 11,
      gap: 3,
      above: true,
      ptr: 51.25,
    });
    // S2, a two-room school: 30 pupils need 1 teacher by the ratio, but the minimum is 2.
    expect(byCode.S2).toMatchObject({ required: 2, gap: 1, above: false, area: 'A' });
    // S3: 5 required, 9 in post: a surplus of 4.
    expect(byCode.S3).toMatchObject({ required: 5, gap: -4, above: false });
    // S4: exactly 40 pupils a teacher is at the maximum, not above it.
    expect(byCode.S4).toMatchObject({ required: 3, gap: 0, ptr: 40, above: false });
    expect(byCode.S5).toMatchObject({ required: 8, gap: 2, above: true });
  });

  test('the latest month with data is the default; filters and sorting are applied in the database', async () => {
    const all = await teacherGaps(context(), {
      level: 'school',
      sort: 'gap',
      dir: 'desc',
      page: 1,
      page_size: 50,
    });
    expect(all.month).toBe('2026-10');
    expect(all.months).toEqual(['2026-10', '2026-09']);
    expect(all.schools.map((s) => s.code)).toEqual(['S1', 'S5', 'S2', 'S4', 'S3']);
    const deficit = await teacherGaps(context(), {
      level: 'school',
      status: 'deficit',
      area: 'B',
      sort: 'school',
      dir: 'asc',
      page: 1,
      page_size: 1,
    });
    expect(deficit.total).toBe(1);
    expect(deficit.schools.map((s) => s.code)).toEqual(['S5']);
    const above = await teacherGaps(context(), {
      level: 'school',
      above: 'true',
      sort: 'ptr',
      dir: 'asc',
      page: 1,
      page_size: 50,
    });
    expect(above.schools.map((s) => s.code)).toEqual(['S5', 'S1']);
  });
});

describe('roll-ups', () => {
  test('by area and for the authority, with the spread and the degree of randomness', async () => {
    const areas = await teacherGaps(context(), {
      level: 'area',
      month: '2026-10',
      sort: 'gap',
      dir: 'desc',
      page: 1,
      page_size: 50,
    });
    const [a, b] = areas.units;
    expect(a).toMatchObject({
      code: 'A',
      schools: 2,
      schools_above: 1,
      pupils_above: 410,
      deficit: 4,
      surplus: 0,
    });
    // Fewer than three schools: no regression.
    expect(a?.randomness).toBeNull();
    const ratiosB = [200 / 9, 40, 50];
    expect(b).toMatchObject({
      code: 'B',
      schools: 3,
      schools_above: 1,
      pupils_above: 300,
      deficit: 2,
      surplus: 4,
    });
    expect(b?.ptr_p10).toBeCloseTo(percentile(ratiosB, 0.1), 10);
    expect(b?.ptr_median).toBeCloseTo(40, 10);
    expect(b?.ptr_p90).toBeCloseTo(48, 10);
    expect(b?.ptr_spread).toBeCloseTo(48 / percentile(ratiosB, 0.1), 10);
    const r2B = rSquared([october.S3, october.S4, october.S5]);
    expect(b?.randomness).toBeCloseTo(1 - r2B, 10);
    const [authority] = (
      await teacherGaps(context(), {
        level: 'authority',
        month: '2026-10',
        sort: 'gap',
        dir: 'desc',
        page: 1,
        page_size: 50,
      })
    ).units;
    expect(authority).toMatchObject({
      code: 'T',
      schools: 5,
      schools_above: 2,
      pupils_above: 710,
      deficit: 6,
      surplus: 4,
    });
    expect(authority?.randomness).toBeCloseTo(1 - rSquared(Object.values(october)), 10);
  });

  test('the degree of randomness by month: 0 when teachers follow pupils exactly', async () => {
    const result = await teacherRandomness(context(), { months: 12 });
    expect(result.months).toEqual(['2026-09', '2026-10']);
    const authority = result.series.find((s) => s.code === 'T');
    expect(authority?.points[0]?.randomness).toBeCloseTo(0, 10);
    expect(authority?.points[1]?.randomness).toBeCloseTo(1 - rSquared(Object.values(october)), 10);
    expect(result.series.map((s) => s.code)).toEqual(['T', 'A', 'B']);
  });

  test('the KPI indicators give the same figures as the page', async () => {
    const page = await teacherGaps(context(), {
      level: 'area',
      month: '2026-10',
      sort: 'gap',
      dir: 'desc',
      page: 1,
      page_size: 50,
    });
    const kpi = async (indicator: string) =>
      Object.fromEntries(
        (await indicatorAnalytics(context(), { indicator, period: '2026-10', level: 'area' })).map((r) => [
          r.org_unit,
          r.value,
        ]),
      );
    const [deficit, surplus, above, pupils, spread, randomness] = await Promise.all(
      [
        'teachers_in_deficit',
        'teachers_in_surplus',
        'schools_above_max_ratio',
        'pupils_above_max_ratio',
        'ptr_spread',
        'teacher_allocation_randomness',
      ].map(kpi),
    );
    for (const unit of page.units) {
      expect(deficit?.[unit.code]).toBe(unit.deficit);
      expect(surplus?.[unit.code]).toBe(unit.surplus);
      expect(above?.[unit.code]).toBeCloseTo((100 * unit.schools_above) / unit.schools, 10);
      expect(pupils?.[unit.code]).toBe(unit.pupils_above);
      expect(spread?.[unit.code]).toBeCloseTo(unit.ptr_spread as number, 10);
      if (unit.randomness === null) expect(randomness?.[unit.code]).toBeNull();
      else expect(randomness?.[unit.code]).toBeCloseTo(unit.randomness, 10);
    }
  });
});

describe('norms and access', () => {
  test('a phase override replaces the default; the figures follow at once', async () => {
    await setNorms(context(), {
      default: { max_ratio: 40, min_teachers: 2 },
      overrides: [{ phase: 'primary', type: null, max_ratio: 30, min_teachers: 3 }],
    });
    const { schools } = await schoolGaps(context(), { month: '2026-10' });
    // S1 now needs ceil(410 / 30) = 14; S2 the minimum of 3; S4's 40 pupils a teacher is above 30.
    expect(schools.find((s) => s.code === 'S1')).toMatchObject({ required: 14, gap: 6, max_ratio: 30 });
    expect(schools.find((s) => s.code === 'S2')).toMatchObject({ required: 3, gap: 2 });
    expect(schools.find((s) => s.code === 'S4')?.above).toBe(true);
    await setNorms(context(), { default: { max_ratio: 40, min_teachers: 2 }, overrides: [] });
  });

  test('a head sees their own school, an area lead their area; only the whole authority sets the norms', async () => {
    const head = await apiAs(database, 'headteacher', 'S1');
    const mine = (await head.get('/api/v1/teachers/gaps')).body as Gaps;
    expect(mine.schools.map((s) => s.code)).toEqual(['S1']);
    expect((await head.get('/api/v1/teachers/gaps?area=B')).status).toBe(404);
    expect((await head.get('/api/v1/teachers/gaps?school=S3')).status).toBe(404);
    const own = (await head.get('/api/v1/teachers/gaps?school=S1')).body as Gaps;
    expect(own.schools).toEqual([expect.objectContaining({ code: 'S1', required: 11, gap: 3 })]);
    const lead = await apiAs(database, 'area_lead', 'B');
    const area = (await lead.get('/api/v1/teachers/gaps?area=B')).body as Gaps;
    expect(area.schools.map((s) => s.code).sort()).toEqual(['S3', 'S4', 'S5']);
    expect(area.summary).toMatchObject({ code: 'B', deficit: 2, surplus: 4 });
    const series = (await lead.get('/api/v1/teachers/randomness')).body as Randomness;
    expect(series.series.map((s) => s.code)).toEqual(['B']);
    const scatter = (await lead.get('/api/v1/teachers/scatter?area=B')).body as Scatter;
    expect(scatter.points).toHaveLength(3);
    expect(scatter).toMatchObject({ max_ratio: 40, min_teachers: 2 });
    const norms = (await lead.get('/api/v1/teachers/norms')).body;
    expect(norms.can_edit).toBe(false);
    expect(
      (await lead.send('PUT', '/api/v1/teachers/norms', { default: norms.default, overrides: [] })).status,
    ).toBe(403);
    const director = await apiAs(database, 'director', 'T');
    const put = await director.send('PUT', '/api/v1/teachers/norms', {
      default: { max_ratio: 45, min_teachers: 2 },
      overrides: [],
    });
    expect(put.status).toBe(200);
    expect(put.body.default.max_ratio).toBe(45);
    const audit = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'set_staffing_norms')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });
});
