// What every browser test shares: Chromium (CI requires it; elsewhere the tests skip without it), the
// built web app served on a free local port over a fresh database, and the screenshots folder.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { type Browser, chromium } from 'playwright-core';
import { readConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/connection.ts';
import { freshDatabase } from '../../src/db/testing.ts';
import type { Db } from '../../src/db/types.ts';
import { CHROMIUM_ARGS } from '../../src/reports/pdf.ts';
import { webRoot } from '../../src/serve.ts';
import { buildApp } from '../../src/server.ts';

const CHROMIUM = readConfig().chromiumPath;
export const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser && process.env.HEADWAY_REQUIRE_BROWSER) {
  throw new Error(
    `No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
  );
}
export const shots = path.resolve('test-results/screenshots');

export interface RunningApp {
  database: Database;
  /** http://127.0.0.1:port */
  base: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** A fresh database filled by `load`, the app serving it with the built web pages, and Chromium. */
export async function startApp(load: (db: Db) => Promise<unknown>): Promise<RunningApp> {
  if (!fs.existsSync(path.join(webRoot, 'index.html')))
    throw new Error('Build the web app first: npm run build:web');
  const database = await freshDatabase();
  await load(database.db);
  const app = buildApp({ database, webRoot, log: () => {} });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  fs.mkdirSync(shots, { recursive: true });
  return {
    database,
    base,
    browser,
    close: async () => {
      await browser.close();
      server.close();
      await database.close();
    },
  };
}
