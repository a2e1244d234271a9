// Gives each test a fresh, migrated, isolated database: a clone of a migrated in-memory PGlite, or,
// when DATABASE_URL is set, a new database on that server copied from a migrated template.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, newPglite, openPostgres, wrapPglite } from './connection.ts';
import { migrateToLatest } from './migrate.ts';

export const TEMPLATE_DATABASE = 'headway_test_template';

let pgliteTemplate: Promise<PGlite> | undefined;
let counter = 0;

async function migratedPglite(): Promise<PGlite> {
  const pglite = newPglite();
  const handle = wrapPglite(pglite);
  await migrateToLatest(handle.db);
  return pglite; // the Kysely handle is dropped without closing, so the PGlite stays open for cloning
}

function serverUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates the migrated template on the server once per test run (vitest's global setup). */
export async function createServerTemplate(): Promise<void> {
  await adminQuery(`drop database if exists ${TEMPLATE_DATABASE}`);
  await adminQuery(`create database ${TEMPLATE_DATABASE}`);
  const template = openPostgres(serverUrl(TEMPLATE_DATABASE));
  await migrateToLatest(template.db);
  await template.close();
}

export async function dropServerTemplate(): Promise<void> {
  await adminQuery(`drop database if exists ${TEMPLATE_DATABASE}`);
}

/**
 * Settings for running the headway command against a fresh database of its own: an empty data folder,
 * or a new database on the test server. `cleanup` removes it.
 */
export async function freshCliEnvironment(): Promise<{
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}> {
  if (process.env.DATABASE_URL) {
    const name = `headway_test_${process.pid}_${++counter}`;
    await adminQuery(`create database ${name} template ${TEMPLATE_DATABASE}`);
    return {
      env: { DATABASE_URL: serverUrl(name) },
      cleanup: () => adminQuery(`drop database if exists ${name}`),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headway-cli-'));
  return {
    env: { HEADWAY_DATA: path.join(dir, 'data') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function freshDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const name = `headway_test_${process.pid}_${++counter}`;
    await adminQuery(`create database ${name} template ${TEMPLATE_DATABASE}`);
    const database = openPostgres(serverUrl(name));
    return {
      ...database,
      close: async () => {
        await database.close();
        await adminQuery(`drop database if exists ${name}`);
      },
    };
  }
  pgliteTemplate ??= migratedPglite();
  const clone = await (await pgliteTemplate).clone();
  return wrapPglite(clone as PGlite);
}
