import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, expect, test } from 'vitest';
import { openDatabase } from './connection.ts';
import { migrateToLatest, migrations } from './migrate.ts';
import { pgliteDialect } from './pglite-dialect.ts';
import { pgliteBackupOf } from './pglite-move.ts';
import type { Tables } from './types.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-db-'));
fs.chmodSync(root, 0o755);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const serverRunning = (dataDir: string) => fs.existsSync(path.join(dataDir, 'postmaster.pid'));

test('the embedded server keeps its data, is shared by two processes, and stops with the last', async () => {
  // As on a first `npm start`: neither the folder nor its parent exists yet.
  const dataDir = path.join(root, 'new', '.headway', 'data');
  const first = await openDatabase({ dataDir });
  expect(first.engine).toBe('embedded');
  expect(await migrateToLatest(first.db)).toEqual(Object.keys(migrations));
  await first.db
    .insertInto('person')
    .values({ code: 'P1', given_name: 'Ada', family_name: 'Obi', email: null })
    .execute();
  // A second Headway (an import beside `headway serve`) joins the running server and sees the same data.
  const second = await openDatabase({ dataDir });
  expect(await second.db.selectFrom('person').select('code').execute()).toEqual([{ code: 'P1' }]);
  await second.close();
  expect(serverRunning(dataDir)).toBe(true);
  expect(await first.db.selectFrom('person').select('code').execute()).toEqual([{ code: 'P1' }]);
  await first.close();
  expect(serverRunning(dataDir)).toBe(false);

  const again = await openDatabase({ dataDir });
  try {
    expect(await migrateToLatest(again.db)).toEqual([]);
    expect(await again.db.selectFrom('person').select('code').execute()).toEqual([{ code: 'P1' }]);
  } finally {
    await again.close();
  }
});

/** A data folder as the previous release left it: PGlite's files, migrated, with a few rows. */
async function writePgliteFolder(dataDir: string): Promise<void> {
  const pglite = new PGlite({ dataDir });
  const db = new Kysely<Tables>({ dialect: pgliteDialect(pglite, {}) });
  await migrateToLatest(db);
  await db
    .insertInto('person')
    .values([
      { code: 'P1', given_name: 'Ada', family_name: 'Obi', email: null },
      { code: 'P2', given_name: 'Ben', family_name: 'Obi', email: null },
    ])
    .execute();
  await db.destroy();
}

test('a data folder from the PGlite release is moved onto the embedded server with nothing lost', async () => {
  const dataDir = path.join(root, 'old');
  await writePgliteFolder(dataDir);
  const lines: string[] = [];
  const moved = await openDatabase({ dataDir, log: (line) => lines.push(line) });
  try {
    expect(lines.join('\n')).toMatch(/previous release's embedded PGlite[\s\S]*Copied \d+ rows/);
    expect(await moved.db.selectFrom('person').select(['id', 'code']).orderBy('code').execute()).toEqual([
      { id: 1, code: 'P1' },
      { id: 2, code: 'P2' },
    ]);
    // Copied rows are not audited again (two inserts, two audit events), and new ids carry on.
    const audits = await sql<{
      n: number;
    }>`select count(*) as n from audit_change where table_name = 'person'`.execute(moved.db);
    expect(audits.rows[0]?.n).toBe(2);
    const next = await moved.db
      .insertInto('person')
      .values({ code: 'P3', given_name: 'Cy', family_name: 'Obi', email: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(next.id).toBe(3);
  } finally {
    await moved.close();
  }
  // An interrupted copy (no mark in the set-aside folder) is redone from the start at the next open.
  fs.rmSync(path.join(pgliteBackupOf(dataDir), 'HEADWAY-MOVED'));
  const redone = await openDatabase({ dataDir, log: () => {} });
  try {
    expect(await redone.db.selectFrom('person').select('code').orderBy('code').execute()).toEqual([
      { code: 'P1' },
      { code: 'P2' },
    ]);
  } finally {
    await redone.close();
  }
});

test('both engines return dates as YYYY-MM-DD and counts and numerics as numbers', async () => {
  const { freshDatabase } = await import('./testing.ts');
  const { db, close } = await freshDatabase();
  try {
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
