import { sql } from 'kysely';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { apiAs } from '../auth/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { withCancellation } from './cancel.ts';
import type { Database } from './connection.ts';
import { freshDatabase } from './testing.ts';

let database: Database;
beforeEach(async () => {
  database = await freshDatabase();
});
afterEach(() => database.close());

const sleepers = async (db: Database['db']) =>
  (
    await sql<{ n: number }>`select count(*) as n from pg_stat_activity
      where query like 'select pg_sleep%' and state = 'active' and pid <> pg_backend_pid()`.execute(db)
  ).rows[0]?.n;

test('a query made for a request is cancelled on the server when the client goes away', async () => {
  const { db } = database;
  const client = new AbortController();
  const started = performance.now();
  const query = withCancellation(client.signal, () => sql`select pg_sleep(20)`.execute(db));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await sleepers(db)).toBe(1);
  client.abort();
  await expect(query).rejects.toThrow(/cancel/);
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(await sleepers(db)).toBe(0);
  // Queries outside any request are not touched.
  await expect(sql`select 1 as one`.execute(db)).resolves.toMatchObject({ rows: [{ one: 1 }] });
});

test('a request whose client has already gone is answered 499 without running its queries', async () => {
  await loadTinyAuthority(database.db);
  const { request } = await apiAs(database, 'director', 'T');
  const gone = new AbortController();
  gone.abort();
  const response = await request('/api/v1/dashboards/overview?period=2026-10', { signal: gone.signal });
  expect(response.status).toBe(499);
  expect((await request('/api/v1/dashboards/overview?period=2026-10')).status).toBe(200);
});
