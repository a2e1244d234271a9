// Categories in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4, S5}) with enrolment and
// attendance kept by sex: the explorer splits area A's enrolment by sex (girls 160 + 40 = 200, boys
// 150 + 60 = 210, by hand, and as the API says), the split is kept in the address, and the school page
// splits S1's attendance by sex. Axe-clean, and usable at 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { assignCategoryCombo } from '../../src/kpi/categories.ts';
import type { Breakdown, Categories } from '../../src/kpi/categories-contract.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const DIRECTOR = { email: 'director@tiny.example', password: 'categories test password' };
const LEAD = { email: 'lead.a@tiny.example', password: 'categories test password' };
let app: RunningApp;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'), { today: '2026-10-15' });
    for (const element of ['pupils_enrolled', 'sessions_possible', 'sessions_attended'])
      await assignCategoryCombo(context, element, { combo: 'sex', aggregation: 'sum' });
    await importFile(
      context,
      'data-values',
      csv('v.csv', [
        'school_code,period,element,value,category_option_combo',
        'S1,2026-10,pupils_enrolled,160,FEMALE',
        'S1,2026-10,pupils_enrolled,150,MALE',
        'S2,2026-10,pupils_enrolled,40,FEMALE',
        'S2,2026-10,pupils_enrolled,60,MALE',
        'S1,2026-10,sessions_possible,500,FEMALE',
        'S1,2026-10,sessions_possible,500,MALE',
        'S1,2026-10,sessions_attended,480,FEMALE',
        'S1,2026-10,sessions_attended,470,MALE',
      ]),
    );
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T' });
    await addUser(context, { ...LEAD, role: 'area_lead', orgUnit: 'A' });
  });
}, 120_000);
afterAll(() => app?.close());

const cellsOf = async (row: import('playwright-core').Locator) =>
  (await row.locator('th, td').allTextContents()).map((t) => t.trim());

describe.skipIf(!haveBrowser)('categories in Chromium', () => {
  test('the explorer splits area A’s enrolment by sex, as the API and a hand count say', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.goto(`${app.base}/explorer?indicator=enrolment&period=2026-10&level=area`);
    await page.getByTestId('explorer').waitFor();
    // (A select's name holds its chosen option's text too: "Split choose a row".)
    await page.getByLabel(/^Split choose/).selectOption('A');
    const split = page.getByTestId('breakdown');
    await split.waitFor();
    expect(new URL(page.url()).searchParams.get('split')).toBe('A');
    const api = await apiJson<Breakdown>(
      page,
      app.base,
      '/api/v1/analytics/breakdown?indicator=enrolment&period=2026-10&org_unit=A',
    );
    expect(api.options.map((o) => [o.option, o.value])).toEqual([
      ['FEMALE', 200],
      ['MALE', 210],
    ]);
    expect(await cellsOf(split.getByRole('row', { name: /^Female/ }))).toEqual(['Female', '200', '200']);
    expect(await cellsOf(split.getByRole('row', { name: /^Male/ }))).toEqual(['Male', '210', '210']);
    expect(await cellsOf(split.getByRole('row', { name: /^All/ }))).toEqual(['All', '410', '410']);
    expect(await split.locator('caption').textContent()).toBe('Area A, 2026-10');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'categories-explorer.png'), fullPage: true });

    // The parity index is an indicator like any other: area A's girls over its boys.
    await page.getByLabel('Indicator').selectOption('gender_parity_enrolment');
    const row = page.getByTestId('explorer').getByRole('row', { name: /Area A/ });
    await expect.poll(async () => (await cellsOf(row))[2]).toMatch(/^0\.95/); // 200 / 210 = 0.952
    // The split stayed in the address with the indicator changed.
    expect(new URL(page.url()).searchParams.get('split')).toBe('A');
  });

  test('the school page splits attendance by sex; at 390 px nothing runs off the page', async () => {
    const page = await signIn(app, DIRECTOR, { width: 390, height: 844 });
    await page.goto(`${app.base}/schools/S1?period=2026-10`);
    const section = page.getByTestId('unit-breakdown');
    await section.getByTestId('breakdown').waitFor();
    const api = await apiJson<Breakdown>(
      page,
      app.base,
      '/api/v1/analytics/breakdown?indicator=attendance_rate&period=2026-10&org_unit=S1',
    );
    await section.screenshot({ path: path.join(shots, 'categories-school-split-390.png') });
    // Girls 480 of 500 (96.0%), boys 470 of 500 (94.0%), all 950 of 1000.
    expect(api.options.map((o) => o.value)).toEqual([96, 94]);
    expect((await cellsOf(section.getByRole('row', { name: /^Female/ })))[1]).toMatch(/^96\.0%/);
    expect((await cellsOf(section.getByRole('row', { name: /^Male/ })))[1]).toMatch(/^94\.0%/);
    expect((await cellsOf(section.getByRole('row', { name: /^All/ })))[1]).toMatch(/^95\.0%/);
    await section.getByLabel('Indicator').selectOption('pupil_teacher_ratio');
    await section.getByTestId('breakdown-none').waitFor();
    expect(new URL(page.url()).searchParams.get('split_indicator')).toBe('pupil_teacher_ratio');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'categories-school-390.png'), fullPage: true });
  });

  test('the director defines a language category, a combination, and keeps an element by it; a refusal says why', async () => {
    const page = await signIn(app, DIRECTOR, { width: 390, height: 844 });
    await page.goto(`${app.base}/data`);
    await page.getByRole('link', { name: 'categories' }).click();
    await page.getByRole('heading', { name: 'Categories', level: 1 }).waitFor();
    const category = page.getByRole('form', { name: 'Define a category' });
    await category.getByLabel('Code').fill('language');
    await category.getByLabel('Name').fill('Language of instruction');
    await category.getByLabel('Options, in order').fill('ENGLISH = English\nKISWAHILI Kiswahili');
    await category.getByRole('button', { name: 'Define the category' }).click();
    await category.getByRole('status').filter({ hasText: 'Saved language' }).waitFor();
    // The table follows the save once the page has fetched the categories again.
    const row = page.getByTestId('categories').getByRole('row', { name: /Language of instruction/ });
    await expect
      .poll(() => cellsOf(row))
      .toEqual(['language', 'Language of instruction', 'English (ENGLISH), Kiswahili (KISWAHILI)', 'Change']);

    const combo = page.getByRole('form', { name: 'Define a combination' });
    await combo.getByLabel('Code').fill('language');
    await combo.getByLabel('Name').fill('Language');
    await combo.getByLabel(/Language of instruction/).check();
    await combo.getByRole('button', { name: 'Define the combination' }).click();
    await combo.getByRole('status').filter({ hasText: '2 option combinations' }).waitFor();

    // Enrolment keeps values by sex: moving it to language would lose them, so the server refuses.
    const keep = page.getByRole('form', { name: 'Keep an element by categories' });
    await keep.getByLabel('Element').selectOption('pupils_enrolled');
    await keep.getByLabel('Kept by').selectOption('language');
    await keep.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await keep.textContent()) ?? '')
      .toContain('pupils_enrolled has values kept by its present categories');
    await keep.getByLabel('Element').selectOption('teachers_in_post');
    await keep.getByRole('button', { name: 'Save' }).click();
    await keep.getByRole('status').filter({ hasText: 'teachers_in_post is kept by language' }).waitFor();
    const api = await apiJson<Categories>(page, app.base, '/api/v1/categories');
    const kept = api.elements.find((e) => e.element === 'teachers_in_post');
    expect(kept?.operands).toEqual(['teachers_in_post.ENGLISH', 'teachers_in_post.KISWAHILI']);
    const shown = page.getByTestId('kept-elements').getByRole('row', { name: /teachers_in_post/ });
    await expect
      .poll(async () => (await cellsOf(shown))[3])
      .toBe('#{teachers_in_post.ENGLISH}, #{teachers_in_post.KISWAHILI}');
    expect(api.elements.find((e) => e.element === 'pupils_enrolled')?.combo).toBe('sex');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'categories-define-390.png'), fullPage: true });
  });

  test('an area lead is told the page is not theirs, and the server refuses the write', async () => {
    const page = await signIn(app, LEAD);
    await page.goto(`${app.base}/data/categories`);
    await page.getByText('define categories').waitFor();
    expect(await page.getByRole('form', { name: 'Define a category' }).count()).toBe(0);
    const { csrf_token } = await apiJson<{ csrf_token: string }>(page, app.base, '/api/v1/auth/session');
    const refused = await page.request.put(`${app.base}/api/v1/categories/language`, {
      headers: { 'x-csrf-token': csrf_token },
      data: { name: 'L', options: [{ code: 'ENGLISH', name: 'English' }] },
    });
    const status = refused.status();
    expect(status).toBe(403);
  });
});
