// Teachers where the pupils are, in Chromium on the demo authority (120 primary schools): the director
// opens the Teachers page, chooses an area, and the area's degree of randomness, teachers short and
// over, and its schools agree with the API; the scatter has one point per school, triangles exactly for
// the schools above the maximum ratio; the area lead sees their own area only. Axe-clean, and usable at
// 390 px (nothing wider than the screen but the scrolling tables).
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import { loadDemo } from '../../src/demo/load.ts';
import type { Gaps, Randomness, Scatter, StaffingNormsView } from '../../src/teachers/contract.ts';
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

const as = (who: string, viewport?: { width: number; height: number }) =>
  signIn({ browser, base }, { email: `${who}@${DEMO_EMAIL_DOMAIN}`, password: DEMO_PASSWORD }, viewport);

describe.skipIf(!haveBrowser)('the Teachers page', () => {
  test("the director: an area's randomness, gaps and scatter equal the API's", async () => {
    const page = await as('director');
    await page.getByRole('link', { name: 'Teachers' }).click();
    await page.getByTestId('areas').waitFor();
    const areas = await apiJson<Gaps>(page, base, '/api/v1/teachers/gaps?level=area');
    // The area with the most teachers short of the norm.
    const area = [...areas.units].sort((a, b) => b.deficit - a.deficit)[0];
    if (!area) throw new Error('the demo has no area');
    const row = page.getByTestId('areas').locator(`tr[data-code="${area.code}"]`);
    expect(await row.locator('td').nth(3).textContent()).toBe(area.deficit.toLocaleString('en-GB'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'teachers-authority.png'), fullPage: true });

    await page.getByRole('combobox', { name: /^Area/ }).selectOption(area.code);
    await page.waitForURL(/area=/);
    await page.getByTestId('summary').waitFor();
    const api = await apiJson<Gaps>(page, base, `/api/v1/teachers/gaps?area=${area.code}&page_size=2000`);
    const randomness = await apiJson<Randomness>(page, base, `/api/v1/teachers/randomness?area=${area.code}`);
    const scatter = await apiJson<Scatter>(page, base, `/api/v1/teachers/scatter?area=${area.code}`);
    const figure = api.summary?.randomness;
    if (figure === null || figure === undefined) throw new Error('no degree of randomness for the area');
    expect(await page.getByTestId('randomness').textContent()).toBe(figure.toFixed(2));
    expect(await page.getByTestId('deficit').textContent()).toBe(area.deficit.toLocaleString('en-GB'));
    expect(await page.getByTestId('surplus').textContent()).toBe(area.surplus.toLocaleString('en-GB'));
    // The last month of the series is the month shown, and says the same figure.
    const series = randomness.series.find((s) => s.code === area.code);
    expect(series?.points.at(-1)?.randomness?.toFixed(2)).toBe(figure.toFixed(2));
    const monthRow = page.getByTestId('randomness-by-month').locator(`tr[data-code="${area.code}"] td`);
    expect(await monthRow.nth(series ? series.points.length - 1 : 0).textContent()).toBe(figure.toFixed(2));
    // One point per school that reported, each school in the table; triangles for those above the maximum.
    const points = page.getByTestId('teacher-scatter').locator('.point');
    expect(await points.count()).toBe(api.total);
    expect(scatter.points).toHaveLength(api.total);
    expect(await page.getByTestId('teacher-scatter').locator('[data-above="true"]').count()).toBe(
      api.schools.filter((s) => s.above).length,
    );
    // The schools' table: the first row is the largest gap, as the API says.
    const first = api.schools[0];
    expect(await page.getByTestId('school-gaps').locator('tbody tr').first().getAttribute('data-code')).toBe(
      first?.code,
    );
    // Short of the norm only: every row a deficit.
    await page.getByRole('combobox', { name: /^Staffing/ }).selectOption('deficit');
    await page.waitForURL(/status=deficit/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="school-gaps"] td[data-gap]')].every(
        (td) => Number(td.getAttribute('data-gap')) > 0,
      ),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'teachers-area.png'), fullPage: true });

    // The school's own page says the same line: in post, required, the gap.
    if (!first) throw new Error('the area has no school');
    await page.goto(`${base}/schools/${first.code}`);
    const line = page.getByTestId('school-staffing');
    await line.waitFor();
    const gap =
      first.gap > 0
        ? `${first.gap} short of the norm`
        : first.gap < 0
          ? `${-first.gap} over the norm`
          : 'at the norm';
    expect(await line.textContent()).toContain(
      `${first.teachers} in post, ${first.required} required by the staffing norm: ${gap}`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'teachers-school.png') });
  }, 120_000);

  test('an area lead at 390 px sees their own area, and nothing but the tables is wider than the screen', async () => {
    const page = await as('lead.a01', { width: 390, height: 844 });
    await page.goto(`${base}/teachers?area=A01`);
    await page.getByTestId('summary').waitFor();
    const api = await apiJson<Randomness>(page, base, '/api/v1/teachers/randomness');
    expect(api.series.map((s) => s.code)).toEqual(['A01']);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'teachers-390.png'), fullPage: true });
  }, 120_000);

  test('the admin finds the staffing norms under Administration, as the API holds them', async () => {
    const page = await as('admin');
    await page.goto(`${base}/admin`);
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Staffing norms' })
      .click();
    await page.getByRole('heading', { name: 'Staffing norms' }).waitFor();
    const norms = await apiJson<StaffingNormsView>(page, base, '/api/v1/teachers/norms');
    const fieldset = page.getByRole('group', { name: 'Default, every school' });
    expect(await fieldset.getByLabel('Most pupils per teacher').inputValue()).toBe(
      String(norms.default.max_ratio),
    );
    expect(await fieldset.getByLabel('Fewest teachers').inputValue()).toBe(
      String(norms.default.min_teachers),
    );
    expect(await fieldset.getByLabel('Most pupils per teacher').isEditable()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});
