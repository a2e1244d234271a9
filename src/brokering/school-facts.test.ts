// The SQL the school facts read, as committed snapshots: a change to what the need rules and the pool
// read about every school shows in review as a diff of __snapshots__/school-facts-*.sql.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { openSchoolsQuery, seniorLeadersQuery } from './school-facts.ts';

const asOf = '2026-11-01';

test('the open schools with their area and trust', async () => {
  await expect(sqlSnapshot(openSchoolsQuery(asOf).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/school-facts-open-schools.sql',
  );
});

test('the deputy and assistant heads in post, with their NPQH, requests and placements', async () => {
  await expect(sqlSnapshot(seniorLeadersQuery(asOf).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/school-facts-senior-leaders.sql',
  );
});
