// Gives each test a fresh, migrated, isolated database: a new database on the test server (the embedded
// cluster the test run started, or DATABASE_URL's server) copied from a migrated template.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import pg from 'pg';
import { type Database, openPostgres } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import type { Db, Tables } from './types.ts';

const runFile = promisify(execFile);

const TEMPLATE_DATABASE = 'headway_test_template';

let counter = 0;

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

/** This process's mark on the databases it makes. */
const runId = Math.random().toString(36).slice(2, 8);

async function freshServerDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  // The pid and a random part: a database left by an earlier run (killed, or whose pid this one reuses)
  // on the same server must not collide with this one's.
  const name = `headway_test_${process.pid}_${runId}_${++counter}`;
  await adminQuery(`create database ${name} template ${TEMPLATE_DATABASE}`);
  return {
    name,
    url: serverUrl(name),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/** Settings for running the headway command against a fresh database of its own. `cleanup` removes it. */
/** The outcome of one `headway` command: its exit code and what it printed. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A fresh database for CLI tests, with `headway` to run the real command against it as an operator
 * would (a child process; a failing command is an answer to assert on, not a thrown error).
 */
export async function freshCliEnvironment(): Promise<{
  env: Record<string, string>;
  cleanup: () => Promise<void>;
  headway: (...args: string[]) => Promise<CommandRun>;
  /** Work on the environment's database beside the commands (a fixture to load, a figure to read). */
  withDb: <T>(work: (db: Db) => Promise<T>) => Promise<T>;
}> {
  const fresh = await freshServerDatabase();
  const env = { DATABASE_URL: fresh.url };
  const headway = async (...args: string[]): Promise<CommandRun> => {
    try {
      const { stdout, stderr } = await runFile('node', ['bin/headway.mjs', ...args], {
        env: { ...process.env, ...env },
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as CommandRun;
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const withDb = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    const database = openPostgres(fresh.url);
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  };
  return { env, cleanup: fresh.drop, headway, withDb };
}

export async function freshDatabase(): Promise<Database & { url: string }> {
  const fresh = await freshServerDatabase();
  const database = openPostgres(fresh.url);
  return {
    ...database,
    url: fresh.url,
    close: async () => {
      await database.close();
      await fresh.drop();
    },
  };
}

/**
 * A compiled query as a reviewer reads it: the SQL, then its parameters. A heavy query's test writes
 * this to a committed `__snapshots__/<name>.sql` (`toMatchFileSnapshot`), so a change to the SQL the
 * database runs shows in review as a diff of that file (Immich's habit), and CI fails if the
 * committed snapshot was not updated with it.
 */
export function sqlSnapshot(query: CompiledQuery): string {
  const sql = query.sql
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  return `${sql}\n-- parameters: ${JSON.stringify(query.parameters)}\n`;
}

/** A Kysely that compiles PostgreSQL and runs nothing: for snapshot tests that need no database. */
export const compilingDb: Db = new Kysely<Tables>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
