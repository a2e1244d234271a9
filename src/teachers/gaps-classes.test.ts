// One teacher per class: where a staffing norm sets the most pupils in a class and a school reports its
// enrolment by grade (pupils_enrolled kept by the grade category), each grade needs ceil(pupils in it /
// the class size) teachers, and the school needs the larger of that and the ratio's figure. Worked by hand
// on the tiny authority; without a class size nothing changes.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { assignCategoryCombo } from '../kpi/categories.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { schoolGaps } from './gaps.ts';
import { setNorms, viewNorms } from './norms.ts';

let database: Database;
const context = () => contextFor(database.db, operator('test'), { today: '2026-11-15' });

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  await assignCategoryCombo(context(), 'pupils_enrolled', { combo: 'grade', aggregation: 'sum' });
  await importFile(
    context(),
    'data-values',
    csv('v.csv', [
      'school_code,period,element,value,category_option_combo',
      // S1: 35 + 20 + 41 = 96 pupils in three grades, 4 teachers.
      'S1,2026-10,pupils_enrolled,35,G1',
      'S1,2026-10,pupils_enrolled,20,G2',
      'S1,2026-10,pupils_enrolled,41,G3',
      'S1,2026-10,teachers_in_post,4,',
      // S2: 50 pupils in one grade, 2 teachers.
      'S2,2026-10,pupils_enrolled,50,G1',
      'S2,2026-10,teachers_in_post,2,',
    ]),
  );
});
afterAll(() => database.close());

const gapsByCode = async () =>
  Object.fromEntries((await schoolGaps(context(), { month: '2026-10' })).schools.map((s) => [s.code, s]));

test('without a class size the ratio decides: S1 needs ceil(96 / 40) = 3 of its 4', async () => {
  const byCode = await gapsByCode();
  expect(byCode.S1).toMatchObject({ pupils: 96, classes: null, required: 3, gap: -1 });
});

test('with at most 30 a class, S1 needs a teacher for each of its 2 + 1 + 2 classes; S2 its 2', async () => {
  await setNorms(context(), {
    default: { max_ratio: 40, min_teachers: 2, max_class_size: 30 },
    overrides: [],
  });
  expect((await viewNorms(context())).default).toEqual({
    max_ratio: 40,
    min_teachers: 2,
    max_class_size: 30,
  });
  const byCode = await gapsByCode();
  // ceil(35 / 30) + ceil(20 / 30) + ceil(41 / 30) = 2 + 1 + 2 = 5 classes, above the ratio's 3.
  expect(byCode.S1).toMatchObject({ classes: 5, required: 5, gap: 1 });
  // ceil(50 / 30) = 2 classes, and ceil(50 / 40) = 2 by the ratio.
  expect(byCode.S2).toMatchObject({ classes: 2, required: 2, gap: 0 });
});

test('an override without a class size turns it off for its schools', async () => {
  const { db } = database;
  const s1 = await db
    .selectFrom('school')
    .innerJoin('org_unit', 'org_unit.id', 'school.org_unit_id')
    .select(['school.phase', 'school.type'])
    .where('org_unit.code', '=', 'S1')
    .executeTakeFirstOrThrow();
  await setNorms(context(), {
    default: { max_ratio: 40, min_teachers: 2, max_class_size: 30 },
    overrides: [{ phase: s1.phase as 'primary', type: s1.type, max_ratio: 40, min_teachers: 2 }],
  });
  const byCode = await gapsByCode();
  expect(byCode.S1).toMatchObject({ classes: null, required: 3 });
});
