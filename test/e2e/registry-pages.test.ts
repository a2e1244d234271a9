// A person using the first web pages in a real browser: areas, an area's schools, one school.
// Figures on screen are compared with what the API says.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import type { Database } from '../../src/db/connection.ts';
import { freshDatabase } from '../../src/db/testing.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/reports/pdf.ts';
import { webRoot } from '../../src/serve.ts';
import { buildApp } from '../../src/server.ts';

const CHROMIUM = chromiumPath();
const haveBrowser = fs.existsSync(CHROMIUM);
if (!haveBrowser && process.env.HEADWAY_REQUIRE_BROWSER) {
  throw new Error(
    `No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
  );
}
const shots = path.resolve('test-results/screenshots');

let database: Database;
let server: ReturnType<typeof serve>;
let base: string;
let browser: Browser;

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
  const app = buildApp({ database, webRoot });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  fs.mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  await database?.close();
});

const api = async <T>(url: string): Promise<T> => (await fetch(`${base}${url}`)).json() as Promise<T>;

async function cellTexts(page: Page, column: number): Promise<string[]> {
  return page.locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
}

describe.skipIf(!haveBrowser)('the registry pages in Chromium', () => {
  test('areas, then an area, then a school: what is on screen is what the API says', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByRole('heading', { name: 'Areas' }).waitFor();
    const areas = (
      await api<{ org_units: { name: string; code: string; schools: number }[] }>(
        '/api/v1/org-units?level=area',
      )
    ).org_units;
    expect(await cellTexts(page, 1)).toEqual(areas.map((a) => a.name));
    expect((await cellTexts(page, 2)).map(Number)).toEqual(areas.map((a) => a.schools));
    await page.screenshot({ path: path.join(shots, 'areas.png'), fullPage: true });

    const area = areas[0] as (typeof areas)[number];
    await page.getByRole('link', { name: area.name }).click();
    await page.getByRole('heading', { name: area.name }).waitFor();
    const listed = await api<{
      total: number;
      schools: { name: string; headteacher: { name: string } | null }[];
    }>(`/api/v1/schools?area=${area.code}&page_size=50`);
    await expect.poll(() => page.getByText(`${listed.total} schools`).count()).toBe(1);
    expect(await cellTexts(page, 1)).toEqual(listed.schools.map((s) => s.name));
    expect(listed.total).toBe(area.schools);

    const school = listed.schools.find((s) => s.headteacher) as (typeof listed.schools)[number];
    await page.getByRole('link', { name: school.name }).click();
    await page.getByRole('heading', { name: school.name }).waitFor();
    await expect.poll(() => page.getByTestId('headship').textContent()).toContain(school.headteacher?.name);
    await page.screenshot({ path: path.join(shots, 'school.png'), fullPage: true });
    await page.close();
  });

  test('searching an area finds schools by part of their name', async () => {
    const page = await browser.newPage();
    const [area] = (
      await api<{ org_units: { name: string; code: string }[] }>('/api/v1/org-units?level=area')
    ).org_units;
    await page.goto(`${base}/areas/${area?.code}`);
    await page.getByLabel('Find a school').fill('primary');
    await page.getByRole('button', { name: 'Search' }).click();
    const found = await api<{ total: number; schools: { name: string }[] }>(
      `/api/v1/schools?area=${area?.code}&q=primary`,
    );
    await expect.poll(() => page.getByText(`${found.total} schools matching “primary”`).count()).toBe(1);
    expect(await cellTexts(page, 1)).toEqual(found.schools.map((s) => s.name));
    await page.close();
  });

  test('on a 360px phone the school list still fits and a missing school says so', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const [area] = (await api<{ org_units: { code: string }[] }>('/api/v1/org-units?level=area')).org_units;
    await page.goto(`${base}/areas/${area?.code}`);
    await page.locator('tbody tr').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'area-360px.png'), fullPage: true });
    await page.goto(`${base}/schools/NOPE`);
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('School NOPE was not found');
    await page.close();
  });
});
