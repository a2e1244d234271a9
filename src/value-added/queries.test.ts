import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { nationalDifferencesQuery } from './national.ts';
import { schoolStatisticsQuery } from './queries.ts';
import { latestCohortsQuery } from './value-added.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

test('the value-added pass, as the database runs it, is the committed snapshot', async () => {
  const cohort = { stage: 'KS4', academicYear: '2025-26' };
  const query = schoolStatisticsQuery(cohort, 'outcome', ['prior_attainment', 'disadvantaged']).compile(
    database.db,
  );
  await expect(sqlSnapshot(query)).toMatchFileSnapshot('./__snapshots__/value-added-pass.sql');
});

test('each stage’s latest published cohort (what the need rules and attention read)', async () => {
  await expect(sqlSnapshot(latestCohortsQuery('2026-11-01').compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/latest-cohorts.sql',
  );
});

test('pupils against the national reference’s band of their prior attainment, summed by school', async () => {
  const query = nationalDifferencesQuery({ stage: 'KS4', academicYear: '2025-26' }, 'National KS4 2026');
  await expect(sqlSnapshot(query.compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/national-differences.sql',
  );
});
