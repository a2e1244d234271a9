// Moves a data folder written by the previous release's embedded PGlite onto the embedded PostgreSQL
// server: the folder is set aside as `<folder>-pglite`, a new cluster is made in its place, and every
// row is copied over in one transaction. Interrupted, the copy is redone at the next start.
import fs from 'node:fs';
import path from 'node:path';
import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { isPgliteFolder } from './embedded.ts';
import { migrateToLatest, migrations } from './migrate.ts';
import type { Db } from './types.ts';

/** Written into the set-aside folder once every row is across. */
const MOVED_MARK = 'HEADWAY-MOVED';
const BATCH = 5_000;

export interface PendingMove {
  /** Copies the set-aside PGlite database into `db` (a new cluster's), then brings it up to date. */
  restoreInto(db: Db): Promise<void>;
}

export const pgliteBackupOf = (dataDir: string) => `${dataDir}-pglite`;

/**
 * If `dataDir` is a PGlite folder, sets it aside; returns the copy still to make (also when a previous
 * start set it aside but did not finish copying), or undefined when there is nothing to move.
 */
export async function movePgliteFolder(
  dataDir: string,
  log: (line: string) => void,
): Promise<PendingMove | undefined> {
  const backup = pgliteBackupOf(dataDir);
  if (isPgliteFolder(dataDir)) {
    if (fs.existsSync(backup))
      throw new Error(`${dataDir} holds a PGlite database, and ${backup} is in the way of setting it aside`);
    fs.renameSync(dataDir, backup);
    log(`${dataDir} was written by the previous release's embedded PGlite; it is now ${backup}.`);
  } else if (!fs.existsSync(backup) || fs.existsSync(path.join(backup, MOVED_MARK))) {
    return undefined;
  }
  return {
    restoreInto: async (db) => {
      log(`Copying ${backup} into the embedded PostgreSQL server in ${dataDir}...`);
      const copied = await copyPglite(backup, db);
      fs.writeFileSync(path.join(backup, MOVED_MARK), `${new Date().toISOString()}\n`);
      log(
        `Copied ${copied.toLocaleString('en-GB')} rows. ${backup} is no longer used; remove it once you have checked the data.`,
      );
    },
  };
}

async function copyPglite(backup: string, db: Db): Promise<number> {
  // Loaded only here: nothing else needs PGlite any more.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite({ dataDir: backup });
  try {
    await pglite.waitReady;
    const applied = (
      await pglite.query<{ name: string }>('select name from kysely_migration order by name')
    ).rows.map((r) => r.name);
    // The new database gets exactly the old one's schema, so every column lines up; then the rest.
    await migrateTo(db, applied.at(-1));
    const { rows: tables } = await pglite.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
       order by table_name`,
    );
    let copied = 0;
    await db.transaction().execute(async (trx) => {
      // Replica mode: no audit triggers fire for copied rows and foreign keys are not checked row by row.
      await sql`set local session_replication_role = replica`.execute(trx);
      for (const { name } of tables) {
        await sql`truncate ${sql.table(name)} cascade`.execute(trx);
        const { rows } = await pglite.query<{ r: string }>(
          `select row_to_json(t)::text as r from "${name}" t`,
        );
        for (let i = 0; i < rows.length; i += BATCH) {
          const json = `[${rows
            .slice(i, i + BATCH)
            .map((row) => row.r)
            .join(',')}]`;
          await sql`insert into ${sql.table(name)} select * from json_populate_recordset(null::${sql.table(name)}, ${json}::json)`.execute(
            trx,
          );
        }
        copied += rows.length;
        await resetSequences(trx, name);
      }
    });
    await migrateToLatest(db);
    return copied;
  } finally {
    await pglite.close();
  }
}

async function migrateTo(db: Db, last: string | undefined): Promise<void> {
  if (!last) return;
  const provider: MigrationProvider = { getMigrations: async () => migrations as Record<string, Migration> };
  const { error } = await new Migrator({ db, provider }).migrateTo(last);
  if (error) throw error;
}

/** Serial columns carry on from the largest copied id. */
async function resetSequences(db: Db, table: string): Promise<void> {
  const { rows } = await sql<{ column: string; sequence: string }>`
    select a.attname as column, pg_get_serial_sequence(${table}, a.attname) as sequence
    from pg_attribute a
    where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped
      and pg_get_serial_sequence(${table}, a.attname) is not null`.execute(db);
  for (const { column, sequence } of rows)
    await sql`select setval(${sequence}, coalesce(max(${sql.ref(column)}), 1), max(${sql.ref(column)}) is not null) from ${sql.table(table)}`.execute(
      db,
    );
}
