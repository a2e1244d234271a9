// `headway dhis2` as an operator runs it: a real process against a real database (the tiny authority).
// Enrolment is kept by sex (`headway element-categories`), then the first payload, a set-level
// period and org unit with two category option combos, is checked in a dry run (nothing written),
// imported, imported again (nothing new), and exported back as DHIS2 wrote it; a quarterly payload is
// refused by name with nothing written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import { type CommandRun, freshCliEnvironment } from '../db/testing.ts';
import { indicatorAnalytics } from '../kpi/analytics.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';

let cleanup: () => Promise<void>;
let headway: (...args: string[]) => Promise<CommandRun>;
let withDb: Awaited<ReturnType<typeof freshCliEnvironment>>['withDb'];
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-dhis2-'));

const payload = (period: string) => ({
  dataSet: 'SCHOOL_MONTHLY',
  period,
  orgUnit: 'S1',
  dataValues: [
    { dataElement: 'pupils_enrolled', categoryOptionCombo: 'MALE', value: '150' },
    { dataElement: 'pupils_enrolled', categoryOptionCombo: 'FEMALE', value: '160' },
  ],
});
const write = (name: string, body: unknown) => {
  const file = path.join(folder, name);
  fs.writeFileSync(file, JSON.stringify(body));
  return file;
};

/** S1's enrolment in 2026-10 as the KPI roll-up gives it: all pupils, girls, boys. */
async function enrolment(): Promise<(number | null)[]> {
  return withDb(async (db) => {
    const context = contextFor(db, operator('test'), { today: '2026-11-20' });
    const figure = async (indicator: string) =>
      (await indicatorAnalytics(context, { indicator, orgUnit: 'S1', period: '2026-10' }))[0]?.value ?? null;
    return [await figure('enrolment'), await figure('girls_enrolled'), await figure('boys_enrolled')];
  });
}

beforeAll(async () => {
  ({ cleanup, headway, withDb } = await freshCliEnvironment());
  await withDb(async (db) => {
    await loadTinyAuthority(db);
  });
}, 120_000);
afterAll(async () => {
  fs.rmSync(folder, { recursive: true, force: true });
  await cleanup();
});

test('enrolment by sex: a dry run writes nothing, the import keeps both options, a second changes nothing, the export gives them back', async () => {
  const kept = await headway('element-categories', 'pupils_enrolled', 'sex');
  expect(kept.code, kept.stderr).toBe(0);
  const file = write('october.json', payload('202610'));

  const before = await enrolment();
  const dry = await headway('dhis2', 'import', file, '--dry-run');
  expect(dry.code, dry.stderr).toBe(0);
  expect(dry.stdout.trim()).toBe('SUCCESS: 2 imported, 0 updated, 0 ignored (dry run: nothing was written)');
  expect(await enrolment()).toEqual(before);

  const first = await headway('dhis2', 'import', file);
  expect(first.stdout.trim()).toBe('SUCCESS: 2 imported, 0 updated, 0 ignored');
  // Kept by sex, the total their sum.
  expect(await enrolment()).toEqual([310, 160, 150]);
  const again = await headway('dhis2', 'import', file);
  expect(again.stdout.trim()).toBe('SUCCESS: 0 imported, 0 updated, 2 ignored');

  const out = path.join(folder, 'export.json');
  const exported = await headway(
    'dhis2',
    'export',
    '--period',
    '2026-10',
    '--element',
    'pupils_enrolled',
    '--org-unit',
    'S1',
    '--output',
    out,
  );
  expect(exported.code, exported.stderr).toBe(0);
  expect(exported.stderr.trim()).toBe('2 values written to export.json');
  const back = JSON.parse(fs.readFileSync(out, 'utf8'));
  expect(
    back.dataValues.map((v: { categoryOptionCombo: string; value: string }) => [
      v.categoryOptionCombo,
      v.value,
    ]),
  ).toEqual([
    ['FEMALE', '160'],
    ['MALE', '150'],
  ]);
}, 240_000);

test('a quarterly payload is refused by name, row by row, and nothing is written', async () => {
  const before = await enrolment();
  const quarter = await headway('dhis2', 'import', write('quarter.json', payload('2026Q3')));
  expect(quarter.code).not.toBe(0);
  expect(quarter.stderr).toContain(
    'row 1, column period: 2026Q3 is a DHIS2 quarterly period: Headway keeps data values by month, so send monthly values (such as 202610)',
  );
  expect(quarter.stderr).toContain('2 problems found, nothing was written');
  expect(await enrolment()).toEqual(before);
}, 240_000);
