import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../db/connection.ts';
import { freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { scopeQuery } from './scope.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

test('the scope query, as the database runs it, is the committed snapshot', async () => {
  // A role at two units and one at a trust: every part of the query has something to reach.
  const query = scopeQuery([1, 2], [3]).compile(database.db);
  await expect(sqlSnapshot(query)).toMatchFileSnapshot('./__snapshots__/scope.sql');
});
