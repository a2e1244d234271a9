// Kysely over PGlite, as the previous release opened its data folder: kept so that tests can write such a
// folder and prove it is moved over. PGlite is one connection, so the "pool" hands it to one user at a time.
import type { ParserOptions, PGlite } from '@electric-sql/pglite';
import { type Dialect, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';

export function pgliteDialect(pglite: PGlite, parsers: ParserOptions): Dialect {
  let queue: Promise<void> = Promise.resolve();

  const pool: PostgresPool = {
    async connect() {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => {
        release = resolve;
      });
      const previous = queue;
      queue = queue.then(() => turn);
      await previous;
      const client = {
        // Without parameters, pg uses the simple protocol, which allows several statements (migrations);
        // PGlite's exec is the same protocol, so both engines accept the same SQL.
        query: async (sql: string, parameters: readonly unknown[]) =>
          parameters.length > 0
            ? pglite.query(sql, [...parameters], { parsers })
            : (await pglite.exec(sql, { parsers })).at(-1),
        release,
      };
      return client as unknown as PostgresPoolClient;
    },
    async end() {
      await pglite.close();
    },
  };
  return new PostgresDialect({ pool });
}
