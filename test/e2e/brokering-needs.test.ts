// The needs list and the shortfall as a director works them on the demo authority: filter by area and
// severity with the counts beside each option, sort by age, page on, reload and press Back and find the
// same view; then propose a match and read its shortfall, whose figures are the API's and add up.

import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import type { NeedPage } from '../../src/brokering/need-contract.ts';
import type { Shortfall } from '../../src/brokering/shortfall-contract.ts';
import { DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { apiJson, haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

let base: string;
let browser: Browser;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, close } = await startApp((db) =>
    loadDemo(db, operator('test'), { seed: 5, primarySchools: 120, referenceDate: '2026-09-01' }),
  ));
}, 300_000);

afterAll(() => close());

const signedIn = (email: string, viewport?: { width: number; height: number }) =>
  signIn({ browser, base }, { email, password: DEMO_PASSWORD }, viewport);

const api = <T>(page: Page, url: string) => apiJson<T>(page, base, url);

const largest = (counts: { value: string; count: number }[]) =>
  [...counts].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))[0] as {
    value: string;
    count: number;
  };
const n = (x: number) => x.toLocaleString('en-GB');
/** A filter's select: its accessible name is its label and then the chosen option's text. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label} `));
/** The text of a select's chosen option. */
const chosen = (page: Page, label: string) =>
  field(page, label).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);
const firstSchool = (page: Page) => page.getByTestId('needs').locator('tbody tr th').first().textContent();

describe.skipIf(!haveBrowser)('the needs list at scale', () => {
  test('filter by area and severity, sort by age, page on; reload and Back keep the view', async () => {
    const page = await signedIn('director@northmoor.example');
    await page.getByRole('link', { name: 'Support', exact: true }).click();
    await page.getByTestId('needs').locator('tbody tr').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Every status; the counts beside the options are the API's.
    await field(page, 'Status').selectOption('');
    const everything = await api<NeedPage>(page, '/api/v1/brokering/needs?page_size=1');
    const area = largest(everything.counts.area);
    const areaOption = field(page, 'Area').locator(`option[value="${area.value}"]`);
    await expect.poll(() => areaOption.textContent()).toMatch(new RegExp(`\\(${n(area.count)}\\)$`));
    await field(page, 'Area').selectOption(area.value);
    const inArea = await api<NeedPage>(page, `/api/v1/brokering/needs?area=${area.value}&page_size=1`);
    expect(inArea.total).toBe(area.count);
    for (const s of inArea.counts.severity)
      await expect
        .poll(() => field(page, 'Severity').locator(`option[value="${s.value}"]`).textContent())
        .toMatch(new RegExp(`\\(${n(s.count)}\\)$`));
    // The area's most common severity: the list is the API's, and survives a reload.
    const severity = largest(inArea.counts.severity);
    await field(page, 'Severity').selectOption(severity.value);
    const both = await api<NeedPage>(
      page,
      `/api/v1/brokering/needs?area=${area.value}&severity=${severity.value}&sort=severity&page_size=50`,
    );
    const showing = page.getByTestId('showing');
    await expect.poll(() => showing.textContent()).toContain(`of ${n(both.total)} needs`);
    await expect.poll(() => page.getByTestId('needs').locator('tbody tr').count()).toBe(both.needs.length);
    await page.reload();
    await expect.poll(() => showing.textContent()).toContain(`of ${n(both.total)} needs`);
    expect(new URL(page.url()).searchParams.get('severity')).toBe(severity.value);

    // The whole authority, oldest first: more than a page.
    await field(page, 'Area').selectOption('');
    await field(page, 'Severity').selectOption('');
    await field(page, 'Sort').selectOption('age');
    const query = 'sort=age&page_size=50';
    const first = await api<NeedPage>(page, `/api/v1/brokering/needs?${query}`);
    expect(first.total).toBeGreaterThan(50);
    await expect.poll(() => showing.textContent()).toContain(`Showing 1–50 of ${n(first.total)} needs`);
    await expect.poll(() => firstSchool(page)).toContain(first.needs[0]?.school_name);
    // Kind counts, for the filters now chosen, are the API's.
    for (const k of first.counts.kind)
      await expect
        .poll(() => field(page, 'Kind').locator(`option[value="${k.value}"]`).textContent())
        .toMatch(new RegExp(`\\(${n(k.count)}\\)$`));

    // Page 2 is the API's page 2: oldest first, ties in a stable order.
    await page.getByRole('button', { name: 'Next' }).click();
    const second = await api<NeedPage>(page, `/api/v1/brokering/needs?${query}&page=2`);
    await expect.poll(() => showing.textContent()).toContain(`Showing 51–${Math.min(100, second.total)} of`);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await expect.poll(() => firstSchool(page)).toContain(second.needs[0]?.school_name);
    await expect.poll(() => page.getByTestId('needs').locator('tbody tr').count()).toBe(second.needs.length);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'needs-page-2.png'), fullPage: true });

    // Reload: the same filters, sort and page.
    await page.reload();
    await expect.poll(() => showing.textContent()).toContain('Showing 51–');
    expect(await chosen(page, 'Sort')).toBe('Oldest first');
    expect(await chosen(page, 'Status')).toMatch(/^Any/);
    await expect.poll(() => firstSchool(page)).toContain(second.needs[0]?.school_name);
    // Back: page 1 of the same view.
    await page.goBack();
    await expect.poll(() => showing.textContent()).toContain(`Showing 1–50 of ${n(first.total)} needs`);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('age');
    await expect.poll(() => firstSchool(page)).toContain(first.needs[0]?.school_name);

    // The page stays short: 50 rows, not every need.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(12_000);
    await page.close();
  });

  test("a match's shortfall: why needs went unmet, by kind and area, and the days that would meet them", async () => {
    const page = await signedIn('director@northmoor.example');
    await page.goto(`${base}/brokering`);
    await page.getByTestId('needs').locator('tbody tr').first().waitFor();
    await page.getByRole('button', { name: /^Propose a match/ }).click();
    await page.getByTestId('proposal-summary').waitFor({ timeout: 120_000 });
    const id = Number(/proposals\/(\d+)/.exec(page.url())?.[1]);
    await page.getByRole('link', { name: 'The shortfall, by kind and area' }).click();
    const summary = page.getByTestId('shortfall-summary');
    await summary.waitFor();
    const shortfall = await api<Shortfall>(page, `/api/v1/brokering/shortfall?proposal=${id}`);
    // By hand from the API's list of unmet needs: their count and the days they ask for.
    const days = shortfall.unmet.reduce((sum, u) => sum + u.days, 0);
    expect(shortfall.needs).toBe(shortfall.unmet.length);
    expect(shortfall.days).toBe(days);
    expect(await summary.textContent()).toContain(`${n(shortfall.needs)} left unmet; ${n(days)} days`);
    const reasons = page.getByTestId('shortfall-reasons').locator('tbody tr');
    expect(await reasons.count()).toBe(shortfall.by_reason.length);
    for (const [i, r] of shortfall.by_reason.entries()) {
      const cells = await reasons.nth(i).locator('td').allTextContents();
      const own = shortfall.unmet.filter((u) => u.reason === r.reason);
      expect(cells).toEqual([n(own.length), n(own.reduce((sum, u) => sum + u.days, 0))]);
    }
    // Areas down, kinds across; the corner is every unmet need's days.
    const groups = page.getByTestId('shortfall-groups');
    expect(await groups.locator('tbody tr').count()).toBe(new Set(shortfall.unmet.map((u) => u.area)).size);
    expect(await groups.locator('tfoot td').last().textContent()).toBe(
      `${n(days)} days (${n(shortfall.needs)} need${shortfall.needs === 1 ? '' : 's'})`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'shortfall.png'), fullPage: true });

    // Only the needs waiting for days; the choice survives a reload.
    const waiting = shortfall.unmet.filter((u) => u.reason === 'no_days_left');
    await page.getByLabel('Why unmet').selectOption('no_days_left');
    await page.reload();
    await page.getByTestId('shortfall-summary').waitFor();
    await expect
      .poll(() => page.getByTestId('shortfall-needs').locator('tbody tr').count())
      .toBe(Math.min(50, waiting.length));

    // The needs page's link opens the latest match's shortfall: this one.
    await page.goto(`${base}/brokering`);
    await page.getByRole('link', { name: 'Shortfall of the latest match' }).click();
    await expect.poll(() => page.getByTestId('shortfall-summary').textContent()).toContain(`Proposal ${id} `);
    await page.close();
  });
});
