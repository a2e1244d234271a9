// The SQL the system-leader pool reads, as committed snapshots: a change to who counts as a leader or
// to what they have committed shows in review as a diff of __snapshots__/leader-pool-*.sql.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { commitmentsQuery, poolPeopleQuery } from './leaders.ts';

test('the designated people and the host heads', async () => {
  await expect(
    sqlSnapshot(poolPeopleQuery(['P4', 'P7'], '2026-11-01').compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/leader-pool-people.sql');
});

test('the days and schools of active deployments', async () => {
  await expect(sqlSnapshot(commitmentsQuery().compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/leader-pool-commitments.sql',
  );
});
