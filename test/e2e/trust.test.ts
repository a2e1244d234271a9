// A trust's chief executive in a real browser: signs in, lands on the trust's page, and sees the
// figures the API gives (the trust's own row, its areas, the authority and every member school).
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import type { Database } from '../../src/db/connection.ts';
import { freshDatabase } from '../../src/db/testing.ts';
import { DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/reports/pdf.ts';
import { webRoot } from '../../src/serve.ts';
import { buildApp } from '../../src/server.ts';

const CHROMIUM = chromiumPath();
const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser && process.env.HEADWAY_REQUIRE_BROWSER) {
  throw new Error(`No Chromium at ${CHROMIUM}: install it or set CHROMIUM_PATH`);
}
const shots = path.resolve('test-results/screenshots');

let database: Database;
let server: ReturnType<typeof serve>;
let base: string;
let browser: Browser;
let ceoEmail: string;

beforeAll(async () => {
  if (!haveBrowser) return;
  if (!fs.existsSync(path.join(webRoot, 'index.html')))
    throw new Error('Build the web app first: npm run build:web');
  database = await freshDatabase();
  await loadDemo(database.db, operator('test'), {
    seed: 5,
    primarySchools: 120,
    referenceDate: '2026-09-01',
  });
  const ceo = await database.db
    .selectFrom('app_user')
    .select('email')
    .where('email', 'like', 'ceo.%')
    .executeTakeFirstOrThrow();
  ceoEmail = ceo.email;
  const app = buildApp({ database, webRoot, log: () => {} });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  fs.mkdirSync(shots, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await database?.close();
});

async function api<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${base}${url}`);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

const shown = (value: number | null, decimals: number, unit: string) =>
  value === null
    ? 'no data'
    : `${value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}${unit === '%' ? '%' : ''}`;

/** The banded figures of a table row, one per indicator column, as the page shows them. */
const figuresOf = async (row: ReturnType<Page['locator']>) =>
  (await row.locator('td[data-indicator] .band, td[data-indicator] .muted').allInnerTexts()).map((t) =>
    t.replace(/\s*\((red|amber|green)\)$/, '').trim(),
  );

interface Heading {
  code: string;
  name: string;
  decimals: number;
  unit: string;
}
type Cells = Record<string, { value: number | null }>;
interface Trust {
  period: string;
  indicators: Heading[];
  trust: { code: string; name: string; cells: Cells };
  areas: { code: string; name: string; cells: Cells }[];
  authority: { code: string; name: string; cells: Cells };
  schools: { code: string; name: string; cells: Cells }[];
}

describe.skipIf(!haveBrowser)('a trust chief executive in Chromium', () => {
  test('signs in, lands on the trust page, and the figures on screen are the API’s', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(base);
    await page.getByLabel('Email').fill(ceoEmail);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/trusts\/T\d+/);
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] as string);
    const t = await api<Trust>(page, `/api/v1/dashboards/trusts/${code}`);
    await page.getByRole('heading', { name: `${t.trust.name} in ${t.period}` }).waitFor();
    // The nav links the trust's page.
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: `Trust ${code}` })
        .count(),
    ).resolves.toBe(1);

    const expected = (cells: Cells) =>
      t.indicators.map((i) => shown(cells[i.code]?.value ?? null, i.decimals, i.unit));
    const units = page.locator('[data-testid="units"] tbody tr');
    for (const unit of [t.trust, ...t.areas, t.authority]) {
      const row = page.locator(`[data-testid="units"] tbody tr[data-code="${unit.code}"]`);
      expect(await figuresOf(row), unit.name).toEqual(expected(unit.cells));
    }
    expect(await units.count()).toBe(2 + t.areas.length);
    const schools = page.locator('[data-testid="schools"] tbody tr');
    expect(await schools.count()).toBe(t.schools.length);
    expect(t.schools.length).toBeGreaterThan(0);
    for (const school of t.schools) {
      const row = page.locator(`[data-testid="schools"] tbody tr[data-code="${school.code}"]`);
      expect(await row.locator('th').textContent()).toBe(school.name);
      expect(await figuresOf(row), school.name).toEqual(expected(school.cells));
    }
    await page.screenshot({ path: path.join(shots, 'trust.png'), fullPage: true });
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);

    // A school outside the trust is not there for its chief executive.
    const all = await page.request.get(`${base}/api/v1/schools?page_size=500`);
    const visible = ((await all.json()) as { schools: { code: string }[] }).schools.map((s) => s.code).sort();
    expect(visible).toEqual(t.schools.map((s) => s.code).sort());
  });
});
