import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Database, openPostgres } from './connection.ts';
import { computedOnce, computedOnceEach } from './figures-cache.ts';
import { freshDatabase } from './testing.ts';

let database: Database & { url: string };
beforeEach(async () => {
  database = await freshDatabase();
});
afterEach(async () => {
  await database.close();
});

const addPerson = (db: Database['db'], code: string) =>
  db.insertInto('person').values({ code, given_name: code, family_name: 'Obi', email: null }).execute();

test('a figure is computed once, shared by callers at the same time, and again after a write', async () => {
  const { db } = database;
  let computed = 0;
  const count = () =>
    computedOnce(db, 'people', async () => {
      computed++;
      return (await db.selectFrom('person').select('code').execute()).length;
    });
  expect(await Promise.all([count(), count(), count()])).toEqual([0, 0, 0]);
  expect(computed).toBe(1);
  await addPerson(db, 'P1');
  expect(await count()).toBe(1);
  expect(computed).toBe(2);
  // A write that is rolled back changes nothing, and nothing is recomputed.
  await db
    .transaction()
    .execute(async (trx) => {
      await addPerson(trx, 'P2');
      throw new Error('undo');
    })
    .catch(() => {});
  expect(await count()).toBe(1);
  expect(computed).toBe(2);
});

test("another process's write (an import beside the server) is noticed", async () => {
  const { db } = database;
  const other = openPostgres(database.url);
  try {
    let computed = 0;
    const count = () =>
      computedOnce(db, 'people', async () => {
        computed++;
        return (await db.selectFrom('person').select('code').execute()).length;
      });
    expect(await count()).toBe(0);
    await addPerson(other.db, 'P9');
    expect(await count()).toBe(1);
    expect(computed).toBe(2);
  } finally {
    await other.close();
  }
});

test('many keys: only those nobody asked for are computed, together', async () => {
  const { db } = database;
  const batches: string[][] = [];
  const square = (keys: string[]) =>
    computedOnceEach(db, keys, async (missing) => {
      batches.push(missing);
      return new Map(missing.map((k) => [k, Number(k) ** 2]));
    });
  expect([...(await square(['1', '2'])).values()]).toEqual([1, 4]);
  expect([...(await square(['2', '3', '1'])).values()]).toEqual([4, 9, 1]);
  expect(batches).toEqual([['1', '2'], ['3']]);
});
