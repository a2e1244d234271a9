import { afterEach, beforeEach, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { writeTable } from '../tabular/write.ts';
import { exportKind, importFile } from './exchange.ts';

const actor = operator('test');
let database: Database;
beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  await importFile(
    contextFor(database.db, actor),
    'targets',
    csv('t.csv', ['indicator,org_unit_code,academic_year,value', 'attendance_rate,A,2026-27,94.5']),
  );
});
afterEach(() => database.close());

test('data values, indicators and targets export in their import format and re-import as no-ops', async () => {
  for (const format of ['csv', 'xlsx'] as const) {
    for (const kind of ['data-values', 'indicators', 'targets']) {
      const { columns, rows } = await exportKind(contextFor(database.db, actor), kind);
      const report = await importFile(contextFor(database.db, actor), kind, {
        name: `${kind}.${format}`,
        bytes: await writeTable(columns, rows, format),
      });
      expect(report, `${kind} ${format}`).toMatchObject({ inserted: 0, updated: 0, unchanged: rows.length });
    }
  }
  const values = await exportKind(contextFor(database.db, actor), 'data-values');
  expect(values.columns).toEqual(['school_code', 'period', 'element', 'value', 'category_option_combo']);
  expect(values.rows[0]).toEqual({
    school_code: 'S1',
    period: '2026-10',
    element: 'sessions_attended',
    value: 950,
    category_option_combo: null,
  });
  expect((await exportKind(contextFor(database.db, actor), 'targets')).rows).toEqual([
    { indicator: 'attendance_rate', org_unit_code: 'A', academic_year: '2026-27', value: 94.5 },
  ]);
});

test('a data-values file with a school that is not a school, a bad month and a duplicate writes nothing', async () => {
  const before = (await exportKind(contextFor(database.db, actor), 'data-values')).rows;
  const error = await importFile(
    contextFor(database.db, actor),
    'data-values',
    csv('v.csv', [
      'school_code,period,element,value',
      'S1,2026-11,sessions_possible,10',
      'B,2026-11,sessions_possible,10',
      'S1,2026-13,sessions_possible,10',
      'S1,202611,sessions_possible,12',
      'S9,2026-11,sessions_possible,',
    ]),
  ).catch((e: { details: { text: string }[] }) => e.details.map((d) => d.text));
  expect(error).toEqual([
    'row 3, column school_code: B is an area: data values are entered for schools',
    'row 4, column period: "2026-13" is not a month (use YYYY-MM, or DHIS2\'s YYYYMM)',
    'row 5, column element: sessions_possible for S1 in 2026-11 already appears on row 2',
    'row 6, column school_code: S9 is not a school in Headway',
    'row 6, column value: is required',
  ]);
  expect((await exportKind(contextFor(database.db, actor), 'data-values')).rows).toEqual(before);
});

test('every problem on a row is reported, each in its column: an unknown element and a bad number are two', async () => {
  const problems = await importFile(
    contextFor(database.db, actor),
    'data-values',
    csv('v.csv', [
      'school_code,period,element,value',
      'S1,2026-11,sessions_atended,n/a',
      'S2,2026-11,sessions_attended,-5',
      'S9,2026-13,sessions_possible,abc',
    ]),
  ).catch((e: { details: { column: string; reason: string }[] }) =>
    e.details.map((d) => `${d.column}: ${d.reason}`),
  );
  expect(problems).toEqual([
    'element: is not a data element',
    'value: is not a number',
    'value: is below the smallest sessions_attended can be (0)',
    "period: is not a month (use YYYY-MM, or DHIS2's YYYYMM)",
    'school_code: is not a school in Headway',
    'value: is not a number',
  ]);
});

test('every problem on a row in a kind with open columns too: pupil results and inspections', async () => {
  const problems = (kind: string, lines: string[]) =>
    importFile(contextFor(database.db, actor), kind, csv(`${kind}.csv`, lines)).catch(
      (e: { details: { text: string }[] }) => e.details.map((d) => d.text),
    );
  expect(
    await problems('pupil-results', [
      'pupil_id,school_code,academic_year,stage,outcome,disadvantaged',
      'PX1,S9,2025-26,KS2,abc,1',
    ]),
  ).toEqual([
    'row 2, column outcome: "abc" is not a number',
    'row 2, column school_code: S9 is not a school in Headway',
  ]);
  expect(
    await problems('inspections', [
      'school_code,inspected_on,framework,overall,category',
      'S9,2025-13-01,ofsted-legacy,good,special',
    ]),
  ).toEqual([
    expect.stringContaining('row 2, column category: "special" is not one of'),
    'row 2, column inspected_on: "2025-13-01" is not a date (use YYYY-MM-DD)',
    expect.stringMatching(/^row 2, column school_code: S9 is not a school/),
  ]);
});
