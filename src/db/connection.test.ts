import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { openDatabase } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

test('a PGlite data folder keeps its data, and two processes cannot open it at once', async () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'headway-db-')), 'data');
  const first = await openDatabase({ dataDir });
  try {
    expect(await migrateToLatest(first.db)).toEqual([
      '0001_registry',
      '0002_kpi',
      '0003_access',
      '0004_value_added',
      '0005_meetings',
      '0006_brokering',
      '0007_group_grants',
    ]);
    await first.db
      .insertInto('person')
      .values({ code: 'P1', given_name: 'Ada', family_name: 'Obi', email: null })
      .execute();
    // Pretend another live process holds the lock (our parent process is alive).
    fs.writeFileSync(`${dataDir}.lock`, String(process.ppid));
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by process \d+/);
    fs.writeFileSync(`${dataDir}.lock`, String(process.pid));
  } finally {
    await first.close();
  }
  expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  // A lock left behind by a process that has gone does not keep anyone out.
  fs.writeFileSync(`${dataDir}.lock`, '999999999');
  const second = await openDatabase({ dataDir });
  try {
    expect(await migrateToLatest(second.db)).toEqual([]);
    expect(await second.db.selectFrom('person').select('code').execute()).toEqual([{ code: 'P1' }]);
  } finally {
    await second.close();
  }
});

test('both engines return dates as YYYY-MM-DD and counts and numerics as numbers', async () => {
  const { freshDatabase } = await import('./testing.ts');
  const { db, close } = await freshDatabase();
  try {
    const { sql } = await import('kysely');
    const { rows } = await sql<{
      d: unknown;
      n: unknown;
      x: unknown;
    }>`select date '2026-09-01' as d, count(*) as n, 1.50::numeric(4,2) as x`.execute(db);
    expect(rows).toEqual([{ d: '2026-09-01', n: 1, x: 1.5 }]);
  } finally {
    await close();
  }
});
