// Opens Headway's database: its own embedded PostgreSQL server on a data folder by default, or any
// PostgreSQL 15+ server given by URL. Both return the same JavaScript types: dates as 'YYYY-MM-DD'
// strings, bigint and numeric as numbers.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { cancellablePool } from './cancel.ts';
import { startCluster } from './embedded.ts';
import { movePgliteFolder } from './pglite-move.ts';
import type { Db, Tables } from './types.ts';

export type Engine = 'embedded' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const identity = (value: string) => value;

/** Parsers that make results look the same whichever server runs. */
const sharedParsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.date]: identity,
};

const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  sharedParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

export function openPostgres(connectionString: string, engine: Engine = 'postgres'): Database {
  const pool = new pg.Pool({
    connectionString,
    max: 8,
    application_name: `headway ${process.pid}`,
    types: { getTypeParser },
  });
  // An idle connection the server ends (a restart, a stopped embedded server) is dropped from the pool and
  // the next query opens another; without a listener, its error would end the whole process.
  pool.on('error', (error) => {
    if ((error as { code?: string }).code !== '57P01')
      console.error('A database connection failed:', error.message);
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: cancellablePool(pool) }) });
  return { db, engine, close: () => db.destroy() };
}

// Every Headway process on an embedded cluster holds this advisory lock shared while it runs; the one
// that can take it exclusively at close is the last, and stops the server.
const PRESENCE_LOCK = 4_815_162_342;

async function openEmbedded(dataDir: string, log: (line: string) => void): Promise<Database> {
  const moved = await movePgliteFolder(dataDir, log);
  const cluster = await startCluster(dataDir);
  const presence = new pg.Client({
    connectionString: cluster.url,
    application_name: `headway ${process.pid}`,
  });
  // The server going away under a running Headway is told, not thrown where nothing catches it.
  presence.on('error', (error) => console.error('The embedded PostgreSQL connection failed:', error.message));
  await presence.connect();
  await presence.query('select pg_advisory_lock_shared($1)', [PRESENCE_LOCK]);
  const database = openPostgres(cluster.url, 'embedded');
  if (moved) await moved.restoreInto(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      await presence.query('select pg_advisory_unlock_shared($1)', [PRESENCE_LOCK]);
      const { rows } = await presence.query<{ last: boolean }>('select pg_try_advisory_lock($1) as last', [
        PRESENCE_LOCK,
      ]);
      await presence.end();
      if (rows[0]?.last) await cluster.stop();
    },
  };
}

export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  /** Where to tell the person what happened to an old data folder (stderr by default). */
  log?: (line: string) => void;
}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openEmbedded(options.dataDir, options.log ?? ((line) => console.error(line)));
}
