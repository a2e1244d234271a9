// What every browser test shares: Chromium (CI requires it; elsewhere the tests skip without it), the
// built web app served on a free local port over a fresh database, and the screenshots folder.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
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

/** A new browser context (its own cookies) signed in as a person; the page waits for the signed-in header. */
export async function signIn(
  app: { browser: Browser; base: string },
  account: { email: string; password: string },
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport, acceptDownloads: true })).newPage();
  await page.goto(app.base);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** The API as the signed-in page sees it (same cookie); anything but 200 fails the test. */
export async function apiJson<T>(page: Page, base: string, url: string): Promise<T> {
  const response = await page.request.get(`${base}${url}`);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

/** axe's serious and critical WCAG 2.1 AA violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes[0]?.target.join(' ')})`);
}
