// Figures computed once per data version and kept until a write changes the data they come from. The
// version is the sum of per-table counters that every changing statement raises in its own transaction
// (migration 0008), so a reader never sees a new version before the data, and every process sharing the
// database (the server, an import in another terminal) notices the others' writes.
import { sql } from 'kysely';
import { detachedFromRequest } from './cancel.ts';
import type { Db } from './types.ts';

interface Cache {
  version: number;
  entries: Map<string, Promise<unknown>>;
}

// A cache per database handle: tests and transactions each get their own.
const caches = new WeakMap<Db, Cache>();

/** Entries kept per version; beyond it the oldest go first (a Map iterates in insertion order). */
const MAX_ENTRIES = 200_000;

async function dataVersion(db: Db): Promise<number> {
  const { rows } = await sql<{ version: number }>`
    select coalesce(sum(version), 0) as version from data_version`.execute(db);
  return rows[0]?.version ?? 0;
}

async function currentCache(db: Db): Promise<Cache> {
  const version = await dataVersion(db);
  let cache = caches.get(db);
  if (!cache || cache.version !== version) {
    // A reader that started before a write may finish after it: an older version never replaces a newer.
    if (cache && cache.version > version) return { version, entries: new Map() };
    cache = { version, entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

function remember(cache: Cache, key: string, value: Promise<unknown>): void {
  cache.entries.set(key, value);
  // A failed computation is not kept: the next caller tries again.
  value.catch(() => {
    if (cache.entries.get(key) === value) cache.entries.delete(key);
  });
  if (cache.entries.size > MAX_ENTRIES) {
    // A tenth at a time: finding the oldest key walks past every key deleted before it, so deleting one
    // per new entry took 9 s for the 375,000 results of every school on every indicator at national size.
    let excess = cache.entries.size - MAX_ENTRIES * 0.9;
    for (const oldest of cache.entries.keys()) {
      if (excess-- <= 0) break;
      cache.entries.delete(oldest);
    }
  }
}

/**
 * `compute()`'s result for `key` at the current data version: computed by the first caller, shared with
 * every caller that asks while it runs or after, until the data changes.
 */
export async function computedOnce<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const cache = await currentCache(db);
  const known = cache.entries.get(key);
  if (known) return known as Promise<T>;
  // Shared with whoever asks next: not cancelled when the client that started it goes away.
  const value = detachedFromRequest(compute);
  remember(cache, key, value);
  return value;
}

/**
 * Results for many keys, where computing several at once is cheaper than one by one (an indicator for
 * 1,000 schools is one query): the keys nobody has asked for yet are computed together by `computeMissing`,
 * which returns a value for each key it was given.
 */
export async function computedOnceEach<T>(
  db: Db,
  keys: string[],
  computeMissing: (missing: string[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const cache = await currentCache(db);
  const promises = new Map(keys.map((key) => [key, cache.entries.get(key) as Promise<T> | undefined]));
  const missing = keys.filter((key) => !promises.get(key));
  if (missing.length > 0) {
    const batch = detachedFromRequest(() => computeMissing(missing));
    for (const key of missing) {
      const value = batch.then((values) => values.get(key) as T);
      promises.set(key, value);
      remember(cache, key, value);
    }
  }
  const values = await Promise.all(keys.map((key) => promises.get(key) as Promise<T>));
  return new Map(keys.map((key, i) => [key, values[i] as T]));
}
