// Teachers in post from the registry: a school that reports pupils but no teachers_in_post value counts
// the teacher posts held on the month's last day (as full-time equivalents), and says so; a school that
// reports the value keeps it, whatever posts the registry holds.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { schoolGaps, staffingMonths } from './gaps.ts';

let database: Database;
const context = () => contextFor(database.db, operator('test'), { today: '2026-11-15' });

async function teacherPost(
  school: string,
  person: string,
  starts_on: string,
  ends_on: string | null,
  fte: number | null,
) {
  const { db } = database;
  const unit = await db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', school)
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('person')
    .values({ code: person, given_name: 'T', family_name: person, email: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('post')
    .values({ person_id: id, org_unit_id: unit.id, role: 'teacher', starts_on, ends_on, fte })
    .execute();
}

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  await importFile(
    context(),
    'data-values',
    csv('v.csv', [
      'school_code,period,element,value',
      'S1,2026-10,pupils_enrolled,90',
      'S2,2026-10,pupils_enrolled,60',
      'S2,2026-10,teachers_in_post,4',
    ]),
  );
  // S1 on 31 October: two full-time posts and a half-time one; one ended mid-month, one starts in November.
  await teacherPost('S1', 'P1', '2020-09-01', null, null);
  await teacherPost('S1', 'P2', '2024-09-01', '2027-08-31', 1);
  await teacherPost('S1', 'P3', '2025-09-01', null, 0.5);
  await teacherPost('S1', 'P4', '2019-09-01', '2026-10-15', 1);
  await teacherPost('S1', 'P5', '2026-11-01', null, 1);
  // S2 reports its own figure: the registry's posts there do not replace it.
  await teacherPost('S2', 'P6', '2020-09-01', null, 1);
});
afterAll(() => database.close());

test('a school without a teachers value counts its teacher posts held on the last day of the month', async () => {
  expect(await staffingMonths(database.db)).toEqual(['2026-10']);
  const { schools } = await schoolGaps(context(), { month: '2026-10' });
  const byCode = Object.fromEntries(schools.map((s) => [s.code, s]));
  // 1 + 1 + 0.5 FTE; 90 pupils need max(2, ceil(90 / 40)) = 3, so half a teacher short.
  expect(byCode.S1).toMatchObject({ teachers: 2.5, teachers_from: 'posts', required: 3, gap: 0.5, ptr: 36 });
  expect(byCode.S2).toMatchObject({ teachers: 4, teachers_from: 'data', required: 2, gap: -2 });
});
