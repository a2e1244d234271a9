// Views that keep their place: filters and sorting live in the address, so reload, Back and a shared
// link give the same view; a head finds their own school among the anonymised ones in the explorer;
// on a phone the header is one line with the links behind a Menu button.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

let base: string;
let browser: Browser;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, close } = await startApp((db) =>
    loadDemo(db, operator('test'), { seed: 7, primarySchools: 120, referenceDate: '2026-09-01' }),
  ));
}, 300_000);

afterAll(() => close());

const signedIn = (email: string, viewport?: { width: number; height: number }) =>
  signIn({ browser, base }, { email, password: DEMO_PASSWORD }, viewport);

const schoolRows = (page: Page) => page.getByTestId('schools').locator('tbody tr');

describe.skipIf(!haveBrowser)('views that keep their place', () => {
  test("an area's filtered, sorted school list survives reload, a visit to a school and Back", async () => {
    const page = await signedIn('director@northmoor.example');
    await page.goto(`${base}/areas/A01`);
    await schoolRows(page).first().waitFor();
    const all = await schoolRows(page).count();
    await page.getByRole('checkbox', { name: 'only schools needing attention' }).check();
    // Tenure sorts longest first on the first press.
    await page.getByRole('button', { name: /Tenure/ }).click();
    await expect.poll(() => page.url()).toContain('attention=only');
    expect(page.url()).toContain('sort=tenure');
    expect(page.url()).toContain('order=desc');
    const filtered = await schoolRows(page).locator('th').allInnerTexts();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all);
    // Longest-serving first: the tenure column is in descending order.
    const tenures = (await schoolRows(page).locator('td.number').allInnerTexts())
      .filter((t) => t !== '–')
      .map(Number);
    expect(tenures).toEqual([...tenures].sort((a, b) => b - a));

    await page.reload();
    await schoolRows(page).first().waitFor();
    expect(await schoolRows(page).locator('th').allInnerTexts()).toEqual(filtered);
    expect(await page.getByRole('checkbox', { name: 'only schools needing attention' }).isChecked()).toBe(
      true,
    );

    await schoolRows(page).first().getByRole('link').click();
    await page.waitForURL(/\/schools\//);
    await page.goBack();
    await schoolRows(page).first().waitFor();
    expect(await schoolRows(page).locator('th').allInnerTexts()).toEqual(filtered);

    // The same address in another browser (a shared link) shows the same list.
    const shared = await signedIn('director@northmoor.example');
    await shared.goto(page.url());
    await schoolRows(shared).first().waitFor();
    expect(await schoolRows(shared).locator('th').allInnerTexts()).toEqual(filtered);
    await shared.close();
    await page.close();
  });

  test('Back on Challenges keeps the area filter', async () => {
    const page = await signedIn('director@northmoor.example');
    await page.goto(`${base}/challenges`);
    const filtered = page.waitForResponse((r) => /\/api\/v1\/challenges\?.*area=A02/.test(r.url()));
    await page.locator('fieldset.filters').getByLabel('Area').selectOption('A02');
    await filtered;
    await expect.poll(() => page.url()).toContain('area=A02');
    const rows = page.locator('table').first().locator('tbody tr');
    await rows.first().waitFor();
    const shown = await rows.allInnerTexts();
    await page.getByRole('link', { name: 'Meetings', exact: true }).first().click();
    await page.waitForURL(/\/meetings$/);
    await page.goBack();
    await expect.poll(() => page.locator('fieldset.filters').getByLabel('Area').inputValue()).toBe('A02');
    await rows.first().waitFor();
    expect(await rows.allInnerTexts()).toEqual(shown);
    await page.close();
  });

  test('deployments filtered by status and role and sorted by days logged keep that view on reload', async () => {
    const page = await signedIn('director@northmoor.example');
    const { deployments } = (await (
      await page.request.get(`${base}/api/v1/brokering/deployments`)
    ).json()) as {
      deployments: {
        role: string;
        status: string;
        school_name: string;
        days_logged: number;
        days_agreed: number;
      }[];
    };
    expect(deployments.length).toBeGreaterThan(1);
    const role = deployments[0]?.role as string;
    const expected = deployments.filter((d) => d.role === role);
    await page.goto(`${base}/deployments`);
    const rows = page.getByTestId('deployments').locator('tbody tr');
    await page.locator('fieldset.filters').getByLabel('Status').selectOption('');
    await page.locator('fieldset.filters').getByLabel('Role').selectOption(role);
    await page.getByRole('button', { name: /Days logged/ }).click();
    await expect.poll(() => page.url()).toContain('sort=logged');
    const totals = `${expected.length} of ${deployments.length} deployments: ${expected.reduce((s, d) => s + d.days_logged, 0)} of ${expected.reduce((s, d) => s + d.days_agreed, 0)} agreed days logged.`;
    expect(await page.getByTestId('deployment-totals').innerText()).toBe(totals);
    expect(await rows.count()).toBe(Math.min(expected.length, 50));
    const shares = async () =>
      (await rows.locator('td.number').allInnerTexts()).map((t) => {
        const [logged, agreed] = t.split('/').map(Number) as [number, number];
        return agreed ? logged / agreed : 0;
      });
    const before = await shares();
    expect(before).toEqual([...before].sort((a, b) => a - b));
    await page.reload();
    await rows.first().waitFor();
    expect(await page.getByTestId('deployment-totals').innerText()).toBe(totals);
    expect(await shares()).toEqual(before);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  test('a head finds their own school, and its place, among the anonymised schools in the explorer', async () => {
    const page = await signedIn('head.s0001@northmoor.example');
    const get = async <T>(url: string) => (await (await page.request.get(`${base}${url}`)).json()) as T;
    const { latest_month } = await get<{ latest_month: string }>('/api/v1/auth/session');
    // The latest month in which the school reported (a late return leaves the latest month empty).
    const series = await get<{ results: { series: { period: string; value: number | null }[] }[] }>(
      `/api/v1/analytics?indicator=attendance_rate&org_unit=S0001&period=${latest_month}&trend_periods=12`,
    );
    const period = series.results[0]?.series.filter((p) => p.value !== null).at(-1)?.period as string;
    expect(period).toMatch(/^\d{4}-\d{2}$/);
    await page.goto(`${base}/explorer?indicator=attendance_rate&level=school&period=${period}`);
    const rows = page.getByTestId('explorer').locator('tbody tr');
    await rows.first().waitFor();
    const { results } = await get<{ results: { org_unit: string; name: string; value: number | null }[] }>(
      `/api/v1/analytics?indicator=attendance_rate&period=${period}&level=school&series=false`,
    );
    // Its place counted independently: schools with a higher rate, plus one.
    const own = results.find((r) => r.org_unit === 'S0001');
    expect(own?.value).not.toBeNull();
    const place = results.filter((r) => r.value !== null && r.value > (own?.value as number)).length + 1;
    const withValue = results.filter((r) => r.value !== null).length;
    // Equal figures share a place.
    const joint = results.some((r) => r !== own && r.value === own?.value);
    expect(results.filter((r) => r.name === 'Another school').length).toBe(results.length - 1);
    const suffix =
      place % 100 >= 11 && place % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][place % 10] ?? 'th');
    await expect
      .poll(() => page.getByTestId('own-place').innerText())
      .toBe(`${own?.name} is ${joint ? 'joint ' : ''}${place}${suffix} of ${withValue} (highest first).`);
    const highlighted = page.getByTestId('explorer').locator('tbody tr.own');
    expect(await highlighted.count()).toBe(1);
    expect(await highlighted.locator('td').first().innerText()).toBe(String(place));
    // Its bar is drawn even when it is below the first forty.
    expect(await page.locator('.bars li.own').count()).toBe(1);
    await page.getByTestId('own-place').getByRole('link').click();
    await expect.poll(() => page.url()).toContain('#row-S0001');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'explorer-head.png') });
    await page.close();
  });

  test('on a phone the header is one line, and its links open from a Menu button', async () => {
    const phone = await signedIn('lead.a01@northmoor.example', { width: 390, height: 844 });
    const header = phone.locator('header.top');
    expect((await header.boundingBox())?.height).toBeLessThanOrEqual(56);
    const menu = phone.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await phone.getByRole('link', { name: 'Challenges' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(shots, 'menu-390px.png') });
    await phone.getByRole('link', { name: 'Challenges' }).click();
    await phone.waitForURL(/\/challenges/);
    // Moving to another page folds the menu again.
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const overflow = () =>
      phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The explorer's indicator list has long names: its select shrinks to the screen.
    await phone.goto(`${base}/explorer?indicator=attendance_rate&level=school`);
    await phone.getByTestId('explorer').locator('tbody tr').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    // A wide screen shows the links with no Menu button.
    await phone.setViewportSize({ width: 1280, height: 900 });
    expect(await menu.isVisible()).toBe(false);
    expect(await phone.getByRole('link', { name: 'Challenges' }).isVisible()).toBe(true);
    await phone.close();
  });
});
