// What a person sees at the edges of their access, in a real browser: an area lead opening the admin
// page by its address gets a plain "no access" page, not forms that fail on save; the API reference
// works with no request leaving the machine and nothing blocked by the security policy.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import { haveBrowser, shots, startApp } from './harness.ts';

const LEAD = { email: 'lead.a@tiny.example', password: 'area lead password' };

let base: string;
let browser: Browser;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, close } = await startApp(async (db) => {
    await loadTinyAuthority(db);
    await addUser(contextFor(db, operator('test')), { ...LEAD, role: 'area_lead', orgUnit: 'A' });
  }));
});

afterAll(() => close());

/** A new page that records every request to another host and every message the console shows. */
async function watchedPage(): Promise<{ page: Page; offsite: string[]; console: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const offsite: string[] = [];
  const console: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      offsite.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.push(m.text());
  });
  return { page, offsite, console };
}

describe.skipIf(!haveBrowser)('access at the edges, in Chromium', () => {
  test('an area lead opening /admin by its address is told they have no access, and sees no form', async () => {
    const { page, console } = await watchedPage();
    await page.goto(base);
    await page.getByLabel('Email').fill(LEAD.email);
    await page.getByLabel('Password').fill(LEAD.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // No Admin link in the menu for this role; the address typed in by hand:
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${base}/admin`);
    const notice = page.getByTestId('no-access');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('You do not have access to this page');
    expect(await notice.textContent()).toContain('Your role (area lead) does not let you manage accounts');
    expect(await page.locator('main form, main input, main table').count()).toBe(0);
    expect(await page.getByText(/users admin|users:admin/).count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'admin-no-access.png'), fullPage: true });
    expect(console.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
    await page.close();
  });

  test('the API reference renders from this machine alone, within its security policy', async () => {
    const { page, offsite, console } = await watchedPage();
    const response = await page.goto(`${base}/api/docs`);
    expect(response?.status()).toBe(200);
    // The viewer has read the OpenAPI document when an operation of it is on the page.
    await page.getByText('Whether Headway and its database answer').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, 'api-docs.png') });
    expect(offsite).toEqual([]);
    expect(console.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
    await page.close();
  });
});
