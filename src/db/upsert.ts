// Insert-or-update by a natural key that touches only rows whose values really change, so that
// importing the same file twice changes nothing, and reports how many rows were new or changed.
import { sql } from 'kysely';
import type { Db } from './types.ts';

export interface UpsertResult<R> {
  inserted: number;
  updated: number;
  /** The rows written (new or changed), with the `returning` columns. */
  written: (R & { inserted: boolean })[];
}

const CHUNK = 1000;

export async function upsertRows<R extends Record<string, unknown> = Record<string, never>>(
  db: Db,
  table: string,
  rows: readonly Record<string, unknown>[],
  options: { key: readonly string[]; update: readonly string[]; returning?: readonly string[] },
): Promise<UpsertResult<R>> {
  const result: UpsertResult<R> = { inserted: 0, updated: 0, written: [] };
  const first = rows[0];
  if (!first) return result;
  const columns = Object.keys(first);
  const { key, update, returning = [] } = options;
  const conflict = sql.join(key.map((c) => sql.ref(c)));
  const onConflict =
    update.length === 0
      ? sql`on conflict (${conflict}) do nothing`
      : sql`on conflict (${conflict}) do update set ${sql.join(
          update.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
        )} where (${sql.join(update.map((c) => sql.ref(`${table}.${c}`)))}) is distinct from (${sql.join(
          update.map((c) => sql.ref(`excluded.${c}`)),
        )})`;
  const returned = sql.join([sql`(xmax = 0) as inserted`, ...returning.map((c) => sql.ref(c))]);
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const values = sql.join(chunk.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`));
    const { rows: written } = await sql<R & { inserted: boolean }>`
      insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      values ${values} ${onConflict} returning ${returned}`.execute(db);
    for (const row of written) {
      if (row.inserted) result.inserted++;
      else result.updated++;
      result.written.push(row);
    }
  }
  return result;
}
