// `headway serve`: opens and migrates the database, loads the demo authority into an empty one,
// and serves the API and the web app until stopped.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { cliActor } from './cli-context.ts';
import { today } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { defaultDemo, demoReferenceDate, loadDemo } from './demo/load.ts';
import { buildApp } from './server.ts';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export async function startServer(config: Config, port: number): Promise<void> {
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  const where = config.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${config.dataDir}`;
  const empty = !(await database.db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst());
  if (empty) {
    console.log(
      'The database is empty: loading the demo authority (Northmoor: 1,142 schools and three years of monthly KPI data, about 15 s)...',
    );
    await loadDemo(database.db, cliActor, {
      ...defaultDemo,
      primarySchools: defaultDemo.primarySchools,
      referenceDate: demoReferenceDate(today()),
    });
  }
  const app = buildApp({ database, webRoot, settings: { academicYearStart: config.academicYearStart } });
  const server = serve({ fetch: app.fetch, port }, (info) => {
    console.log(`Headway is running on http://localhost:${info.port} (${where})`);
    console.log(`  API reference: http://localhost:${info.port}/api/docs`);
    console.log('  Sign-in: none yet; accounts and roles arrive with the web application issue.');
    console.log(
      '  Until then, run Headway only where everyone who can reach the port may see and change its data.',
    );
  });
  const stop = () => {
    server.close();
    void database.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
