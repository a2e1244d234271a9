// The degree of randomness within phases: IIEP reads it for one level of schooling, and an authority's
// secondaries (more pupils, more teachers) would otherwise make its primaries' allocation look orderly.
// The tiny authority's five primaries (October, as the plan's fixture gives them) and four secondaries
// added in area B, each with its figures, and a lone special school (too few to fit). The degree is checked
// against fits computed here: 1 − R² within each phase, averaged weighting each phase by its schools.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { indicatorAnalytics } from '../kpi/analytics.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { makePlan } from './plans.ts';
import { teacherRandomness } from './randomness.ts';
import { loadStaffedTinyAuthority } from './test-plan-fixture.ts';

let database: Database;
const context = () => contextFor(database.db, operator('test'), { today: '2026-11-15' });

const primary: [number, number][] = [
  [410, 8],
  [30, 1],
  [200, 9],
  [120, 3],
  [300, 6],
];
const secondary: Record<string, [number, number]> = {
  S6: [900, 30],
  S7: [1200, 40],
  S8: [700, 25],
  S9: [1500, 48],
};

beforeAll(async () => {
  database = await freshDatabase();
  await loadStaffedTinyAuthority(database.db);
  await importFile(
    context(),
    'schools',
    csv('s.csv', [
      'code,name,phase,area_code',
      ...Object.keys(secondary).map((code) => `${code},Secondary ${code},secondary,B`),
      'S10,Special School,special,B',
    ]),
  );
  const lines = ['school_code,period,element,value'];
  for (const [code, [pupils, teachers]] of [...Object.entries(secondary), ['S10', [60, 12]] as const])
    lines.push(`${code},2026-10,pupils_enrolled,${pupils}`, `${code},2026-10,teachers_in_post,${teachers}`);
  await importFile(context(), 'data-values', csv('v.csv', lines));
});
afterAll(() => database.close());

/** Total and unexplained variation of teachers (y) on pupils (x), by least squares. */
function fit(points: [number, number][]): { total: number; unexplained: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxy / sxx;
  const total = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  const unexplained = points.reduce((s, [x, y]) => s + (y - (my + slope * (x - mx))) ** 2, 0);
  return { total, unexplained };
}

const randomness = (points: [number, number][]) => {
  const { total, unexplained } = fit(points);
  return unexplained / total;
};

test('the authority’s randomness is fitted within phases and averaged by schools; a lone special school is left out', async () => {
  // Primaries 0.404 (5 schools), secondaries 0.003 (4): (5 × 0.404 + 4 × 0.003) / 9 = 0.225.
  const expected = (5 * randomness(primary) + 4 * randomness(Object.values(secondary))) / 9;
  expect(expected).toBeCloseTo(0.2255, 3);
  // One line across both phases would call it orderly: 0.022.
  expect(randomness([...primary, ...Object.values(secondary)])).toBeLessThan(0.03);
  const { series } = await teacherRandomness(context(), { months: 12 });
  const authority = series.find((u) => u.code === 'T');
  expect(authority?.points.at(-1)?.randomness).toBeCloseTo(expected, 10);
  const [kpi] = await indicatorAnalytics(context(), {
    indicator: 'teacher_allocation_randomness',
    period: '2026-10',
    orgUnit: 'T',
  });
  expect(kpi?.value).toBeCloseTo(expected, 10);
});

test('one phase asked for is that phase’s own fit', async () => {
  const { series } = await teacherRandomness(context(), { months: 12, phase: 'primary' });
  const p = fit(primary);
  expect(series.find((u) => u.code === 'T')?.points.at(-1)?.randomness).toBeCloseTo(
    p.unexplained / p.total,
    10,
  );
  // Area A has two primaries: too few to fit, so no figure rather than a perfect one.
  expect(series.find((u) => u.code === 'A')?.points.at(-1)?.randomness).toBeNull();
});

test('a redeployment plan states the same degree before its moves as the Teachers page and the KPI', async () => {
  const plan = await makePlan(context(), { month: '2026-10', max_km: 25, max_moves_out: 2 });
  const { series } = await teacherRandomness(context(), { months: 12 });
  const page = series.find((u) => u.code === 'T')?.points.at(-1)?.randomness as number;
  expect(plan.before.degreeOfRandomness).toBe(Math.round(page * 1000) / 1000);
});
