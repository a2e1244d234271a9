// The attention model's own SQL as committed snapshots (compiled only, never run).
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { openSchoolsWithAreaQuery, overdueChallengesQuery } from './queries.ts';

const db = compilingDb;

test('each school open on a date, with its area', async () => {
  await expect(sqlSnapshot(openSchoolsWithAreaQuery('2026-10-31').compile(db))).toMatchFileSnapshot(
    './__snapshots__/open-schools.sql',
  );
});

test("challenges overdue on a date that name a school, by the timeline's status then", async () => {
  await expect(sqlSnapshot(overdueChallengesQuery('2026-10-31').compile(db))).toMatchFileSnapshot(
    './__snapshots__/overdue-challenges.sql',
  );
});
