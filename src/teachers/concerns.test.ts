// A school above its staffing norm is a cause for concern and a reason for attention, as any red
// indicator is; the percentiles and the degree of randomness describe a group and raise none. On the
// staffed tiny authority with November added by hand (40 pupils a teacher at most):
//   S1 410 pupils, 8 teachers in October and November: 51.25 a teacher, above the norm both months.
//   S5 300 pupils, 6 teachers in October (50.0, above), 8 in November (37.5, within).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { attentionOf } from '../attention/attention.ts';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { schoolsCausingConcern } from '../kpi/analytics.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { loadStaffedTinyAuthority } from './test-plan-fixture.ts';

let database: Database;
const context = () => contextFor(database.db, operator('test'), { today: '2026-12-10' });

beforeAll(async () => {
  database = await freshDatabase();
  await loadStaffedTinyAuthority(database.db);
  const november = { S1: [410, 8], S2: [30, 2], S3: [200, 9], S4: [120, 3], S5: [300, 8] };
  const lines = ['school_code,period,element,value'];
  for (const [school, [pupils, teachers]] of Object.entries(november))
    lines.push(
      `${school},2026-11,pupils_enrolled,${pupils}`,
      `${school},2026-11,teachers_in_post,${teachers}`,
    );
  await importFile(context(), 'data-values', csv('v.csv', lines));
});
afterAll(() => database.close());

test('two months above the norm is a concern; one is not; the percentiles raise none', async () => {
  const concerns = await schoolsCausingConcern(context(), { period: '2026-11' });
  const red = concerns.filter((c) => c.rule === 'red_two_periods');
  expect(red.map((c) => [c.school, c.indicator]).sort()).toEqual([
    ['S1', 'pupil_teacher_ratio'],
    ['S1', 'schools_above_max_ratio'],
  ]);
  const above = red.find((c) => c.indicator === 'schools_above_max_ratio');
  // One school, above both months: 100% of it.
  expect(above?.figures).toMatchObject({ '2026-10': 100, '2026-11': 100, red: 20 });
  // At one school the 90th percentile is its own ratio (51.25, past ptr_p90's red of 50): no concern.
  expect(concerns.some((c) => c.indicator === 'ptr_p90' || c.indicator === 'ptr_spread')).toBe(false);
});

test('attention gives one staffing reason, not one for pupils per teacher and another for the norm', async () => {
  const s1 = await attentionOf(context(), 'S1', '2026-11');
  const staffing = s1?.reasons.filter((r) => r.measure === 'staffing') ?? [];
  expect(staffing).toHaveLength(1);
  expect(staffing[0]?.kind).toBe('indicator_red_two_periods');
  expect(staffing[0]?.evidence).toContain('Schools above the maximum pupil-teacher ratio');
  expect(s1?.reasons.some((r) => r.measure === 'schools_above_max_ratio')).toBe(false);
  // S5 came within the norm in November: red once in October is no reason in November.
  const s5 = await attentionOf(context(), 'S5', '2026-11');
  expect(s5?.reasons.some((r) => r.measure === 'staffing') ?? false).toBe(false);
});
