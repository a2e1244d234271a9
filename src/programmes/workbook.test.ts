// The cohorts workbook: a good one is imported (and again changes nothing); a bad one is refused whole,
// every problem named by sheet, row and column, and nothing is written; export reads back as import.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { writeWorkbook } from '../tabular/write.ts';
import { loadProgrammeFixture } from './test-fixture.ts';
import { exportCohorts, importCohorts } from './workbook.ts';

let database: Database;
const context = () => contextFor(database.db, operator('test'), { today: '2026-11-01' });
const file = async (cohorts: Record<string, string>[], participants: Record<string, string>[]) => ({
  name: 'cohorts.xlsx',
  bytes: new Uint8Array(
    await writeWorkbook([
      {
        name: 'Cohorts',
        columns: ['code', 'programme', 'name', 'provider', 'starts_on', 'ends_on'],
        rows: cohorts,
      },
      {
        name: 'Participants',
        columns: ['cohort', 'person', 'status', 'completed_on', 'placement_days'],
        rows: participants,
      },
    ]),
  ),
});
const cohort = {
  code: 'AL-24',
  programme: 'aspiring_leaders',
  name: 'Aspiring leaders 2024-25',
  provider: 'Hub',
  starts_on: '2024-09-01',
  ends_on: '2025-07-31',
};

beforeAll(async () => {
  database = await freshDatabase();
  await loadProgrammeFixture(database.db);
}, 120_000);
afterAll(() => database?.close());

const count = async (table: 'programme_cohort' | 'programme_participant') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a bad workbook is refused whole, each problem by sheet, row and column', async () => {
  const before = [await count('programme_cohort'), await count('programme_participant')];
  const bad = await file(
    [cohort, { ...cohort, code: 'X-1', programme: 'nope', ends_on: '2024-01-01' }],
    [
      { cohort: 'AL-24', person: 'T4', status: 'completed', completed_on: '2025-07-31', placement_days: '' },
      { cohort: 'AL-24', person: 'NOBODY', status: '', completed_on: '', placement_days: '' },
      { cohort: 'NPQH-26', person: 'N5', status: '', completed_on: '', placement_days: '25' },
      { cohort: 'AL-24', person: 'T4', status: 'withdrawn', completed_on: '2027-01-01', placement_days: '' },
      { cohort: 'GONE', person: 'T1', status: '', completed_on: '', placement_days: '' },
    ],
  );
  const error = await importCohorts(context(), bad).catch((e) => e);
  expect(error.status).toBe(422);
  const problems = error.report.listed.map(
    (p: { row: number; column: string; message: string }) => `${p.row} ${p.column}: ${p.message}`,
  );
  expect(problems).toEqual(
    expect.arrayContaining([
      '3 Cohorts: programme: no programme nope (see GET /programmes)',
      '3 Cohorts: ends_on: 2024-01-01 is before starts_on 2024-09-01',
      '3 Participants: person: no person NOBODY in the registry',
      '4 Participants: placement_days: 25: an NPQH internship takes 5 to 20 days',
      '5 Participants: person: T4 is in cohort AL-24 on row 2 too',
      '5 Participants: completed_on: is given, but the status is withdrawn',
      '5 Participants: completed_on: 2027-01-01 is after today',
      '6 Participants: cohort: no cohort GONE on the Cohorts sheet or in Headway',
    ]),
  );
  expect([await count('programme_cohort'), await count('programme_participant')]).toEqual(before);
});

test('a good workbook: a dry run counts, the import writes, again changes nothing; entry posts are found', async () => {
  const good = await file(
    [cohort],
    [
      { cohort: 'AL-24', person: 'T4', status: '', completed_on: '2025-07-31', placement_days: '' },
      { cohort: 'NPQH-26', person: 'N5', status: '', completed_on: '', placement_days: '12' },
      { cohort: 'NPQH-26', person: 'N1', status: '', completed_on: '', placement_days: '15' },
    ],
  );
  const counts = {
    cohorts: { inserted: 1, updated: 0, unchanged: 0 },
    participants: { inserted: 2, updated: 1, unchanged: 0 },
  };
  expect(await importCohorts(context(), good, { dryRun: true })).toEqual({ ...counts, dry_run: true });
  expect(await importCohorts(context(), good)).toEqual({ ...counts, dry_run: false });
  expect(await importCohorts(context(), good)).toEqual({
    cohorts: { inserted: 0, updated: 0, unchanged: 1 },
    participants: { inserted: 0, updated: 0, unchanged: 3 },
    dry_run: false,
  });
  const t4 = await database.db
    .selectFrom('programme_participant as pp')
    .innerJoin('person as pe', 'pe.id', 'pp.person_id')
    .innerJoin('org_unit as o', 'o.id', 'pp.school_id')
    .select(['o.code', 'pp.post_role', 'pp.status', 'pp.completed_on'])
    .where('pe.code', '=', 'T4')
    .executeTakeFirstOrThrow();
  expect(t4).toEqual({ code: 'S3', post_role: 'teacher', status: 'completed', completed_on: '2025-07-31' });
});

test('the export reads back as an import that changes nothing', async () => {
  const bytes = await exportCohorts(context());
  expect(await importCohorts(context(), { name: 'export.xlsx', bytes: new Uint8Array(bytes) })).toMatchObject(
    {
      cohorts: { inserted: 0, updated: 0 },
      participants: { inserted: 0, updated: 0 },
    },
  );
});
