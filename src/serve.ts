// `headway serve`: opens and migrates the database, loads the demo authority into an empty one,
// and serves the API and the web app until stopped.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { cliActor } from './cli-context.ts';
import { today } from './clock.ts';
import { type Config, settingsOf } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Db } from './db/types.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, demoAccounts, writeDemoAccounts } from './demo/accounts.ts';
import { demoReferenceDate, loadDemo, unfinishedDemoLoad } from './demo/load.ts';
import { defaultDemo } from './demo/registry.ts';
import { startDhis2Schedule } from './dhis2/schedule.ts';
import { buildApp } from './server.ts';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

export async function startServer(config: Config, port: number): Promise<void> {
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  const where = config.databaseUrl ? 'PostgreSQL server' : `embedded PostgreSQL in ${config.dataDir}`;
  const empty = !(await database.db.selectFrom('org_unit').select('id').limit(1).executeTakeFirst());
  const unfinished = await unfinishedDemoLoad(database.db);
  if (unfinished) {
    console.log("The demo authority's load was cut short: completing it before serving...");
    await loadDemo(database.db, cliActor, unfinished);
  } else if (empty) {
    console.log(
      'The database is empty: loading the demo authority (Northmoor: 1,142 schools and three years of monthly KPI data, pupil results and two years of meetings, about 15 s)...',
    );
    await loadDemo(database.db, cliActor, {
      ...defaultDemo,
      primarySchools: defaultDemo.primarySchools,
      referenceDate: demoReferenceDate(today()),
    });
  }
  const signIn = await signInHint(database.db);
  const app = buildApp({
    database,
    webRoot,
    settings: settingsOf(config),
    trustedProxies: config.trustedProxies,
    secureCookies: config.secureCookies,
  });
  const server = serve({ fetch: app.fetch, port }, (info) => {
    console.log(`Headway is running on http://localhost:${info.port} (${where})`);
    console.log(`  API reference: http://localhost:${info.port}/api/docs`);
    for (const line of signIn) console.log(`  ${line}`);
  });
  const stopPull = startDhis2Schedule(database.db, settingsOf(config), (line) => console.log(line));
  const stop = () => {
    stopPull();
    server.close();
    void database.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * What to tell the person starting Headway about signing in. A database the demo was loaded into before
 * accounts existed gets the demo accounts now; any other database without accounts needs a first admin.
 */
async function signInHint(db: Db): Promise<string[]> {
  const anyUser = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  const demoLoaded = await db
    .selectFrom('audit_event')
    .select('id')
    .where('action', '=', 'import')
    .where(sql<boolean>`details->>'file' like 'demo seed %'`)
    .limit(1)
    .executeTakeFirst();
  if (!anyUser && demoLoaded)
    await writeDemoAccounts(db, cliActor, await demoAccounts(db, demoReferenceDate(today())));
  const demo = await db
    .selectFrom('app_user')
    .select('email')
    .where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`)
    .orderBy('id')
    .execute();
  if (demo.length > 0) {
    const emails = demo.map((u) => u.email);
    const shown = ['director', 'lead.a01', 'ceo.t01', 'nle', 'analyst', 'admin']
      .map((name) => `${name}@${DEMO_EMAIL_DOMAIN}`)
      .filter((e) => emails.includes(e));
    const head = emails.find((e) => e.startsWith('head.'));
    return [
      `Demo sign-in (password ${DEMO_PASSWORD}): ${[...shown, ...(head ? [head] : [])].join(', ')}`,
      `  (every demo account: headway user list; the demo password is for the demo only)`,
    ];
  }
  if (!anyUser && !demoLoaded)
    return [
      'No accounts yet: make the first admin with',
      '  headway user add --email you@example.org --role admin --org-unit <your authority code>',
    ];
  return [];
}
