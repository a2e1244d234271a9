// Opens Headway's database: embedded PGlite in a folder by default, a PostgreSQL server when given a URL.
// Both engines return the same JavaScript types: dates as 'YYYY-MM-DD' strings, bigint and numeric as numbers.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { HeadwayError } from '../errors.ts';
import { pgliteDialect } from './pglite-dialect.ts';
import type { Db, Tables } from './types.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const identity = (value: string) => value;

/** Parsers shared by both engines so that results look the same whichever one runs. */
export const sharedParsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.date]: identity,
};

export function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({
    connectionString,
    max: 8,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        sharedParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

/** Kysely over a PGlite instance (a folder's, or a clone in tests); parsers are set per query so clones get them too. */
export function wrapPglite(pglite: PGlite, onClose?: () => void): Database {
  const db = new Kysely<Tables>({ dialect: pgliteDialect(pglite, sharedParsers) });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      onClose?.();
    },
  };
}

export function newPglite(dataDir?: string): PGlite {
  return new PGlite({ dataDir });
}

/**
 * PGlite in a folder may be opened by one process only; two at once would corrupt it.
 * A lock file beside the folder names the process that holds it.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new HeadwayError(
          'conflict',
          `The data folder ${dataDir} is in use by process ${holder} (is \`headway serve\` running?). ` +
            'Stop it first, use the HTTP API while it runs, or set DATABASE_URL to a PostgreSQL server.',
        );
      }
      fs.rmSync(lockFile, { force: true }); // left by a process that has gone
    }
  }
  throw new HeadwayError('conflict', `Could not lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  const unlock = lockDataDir(options.dataDir);
  try {
    const pglite = newPglite(options.dataDir);
    await pglite.waitReady;
    return wrapPglite(pglite, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}
