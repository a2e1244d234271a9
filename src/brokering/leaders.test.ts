// The SQL the system-leader pool reads, as committed snapshots: a change to who counts as a leader or
// to what they have committed shows in review as a diff of __snapshots__/leader-pool-*.sql.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../db/connection.ts';
import { freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { commitmentsQuery, poolPeopleQuery } from './leaders.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

test('the designated people and the host heads', async () => {
  await expect(
    sqlSnapshot(poolPeopleQuery(['P4', 'P7'], '2026-11-01').compile(database.db)),
  ).toMatchFileSnapshot('./__snapshots__/leader-pool-people.sql');
});

test('the days and schools of active deployments', async () => {
  await expect(sqlSnapshot(commitmentsQuery().compile(database.db))).toMatchFileSnapshot(
    './__snapshots__/leader-pool-commitments.sql',
  );
});
