// Reform fidelity in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4, S5}): a reading
// reform covering the whole authority with three practices, S1 checked in its first month (one of three
// in place) and S3 last month (all three). The director's by-area table equals the API's figures and
// the hand-worked ones; area A's lead records a check at S1 and S1's fidelity and area A's move; the head
// of S1 sees their own school only. Axe-clean, and usable at 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { today } from '../../src/clock.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import { recordCheck } from '../../src/reforms/checks.ts';
import type { Implementation, Reform } from '../../src/reforms/contract.ts';
import { saveReform } from '../../src/reforms/reforms.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'reforms test password';
const DIRECTOR = { email: 'director@tiny.example', password };
const LEAD_A = { email: 'lead.a@tiny.example', password };
const HEAD_S1 = { email: 'head.s1@tiny.example', password };
let app: RunningApp;

/** The first day of the month `back` months before this one. */
function monthStart(back: number): string {
  const [y, m] = today().split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
const plus = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const practices = ['DAILY', 'BOOKS', 'CATCH'];

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await importFile(
      context,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,', 'P2,Ann,Lead,', 'P4,Hal,Head,']),
    );
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T', person: 'P1' });
    await addUser(context, { ...LEAD_A, role: 'area_lead', orgUnit: 'A', person: 'P2' });
    await addUser(context, { ...HEAD_S1, role: 'headteacher', orgUnit: 'S1', person: 'P4' });
    await saveReform(context, {
      code: 'READ',
      name: 'Reading for all',
      phase: 'rollout',
      starts_on: monthStart(2),
      units: ['T'],
      practices: [
        { code: 'DAILY', name: 'Daily phonics lesson', look_for: 'On every class timetable' },
        { code: 'BOOKS', name: 'Decodable books matched to phonics' },
        { code: 'CATCH', name: 'Same-day catch-up' },
      ],
    });
    const check = (school: string, on: string, found: string[]) =>
      recordCheck(context, 'READ', {
        school,
        checked_on: on,
        visitors: ['P1'],
        practices: practices.map((practice, i) => ({
          practice,
          status: found[i] as 'in_place' | 'partly' | 'not_yet',
        })),
      });
    await check('S1', plus(monthStart(2), 3), ['in_place', 'partly', 'not_yet']);
    await check('S3', plus(monthStart(1), 3), ['in_place', 'in_place', 'in_place']);
  });
}, 120_000);
afterAll(() => app?.close());

/** The by-area table's rows as the page shows them: area name, then each cell's text. */
async function byAreaRows(page: import('playwright-core').Page): Promise<string[][]> {
  await page.getByTestId('by-area').waitFor();
  return page
    .getByTestId('by-area')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
}

const shareText = (share: number | null) => (share === null ? '–' : `${share.toFixed(1)}%`);

describe.skipIf(!haveBrowser)('reform fidelity in Chromium', () => {
  test('the director: the by-area figures equal the API’s and the hand-worked shares', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.getByRole('link', { name: 'Reforms' }).click();
    await page.getByTestId('reforms').waitFor();
    expect(
      await page
        .getByTestId('reforms')
        .getByRole('row', { name: /Reading for all/ })
        .textContent(),
    ).toContain('2 of 5');
    await page.getByRole('link', { name: 'Reading for all' }).click();
    const rows = await byAreaRows(page);
    const api = await apiJson<Implementation>(page, app.base, '/api/v1/reforms/READ/implementation');
    const expected = [...api.areas, { name: 'All areas', ...api.all }].map((a) => [
      a.name,
      ...a.points.map((p) => shareText(p.share)),
      `${a.points.at(-1)?.checked} of ${a.schools}`,
    ]);
    expect(rows).toEqual(expected);
    // By hand: area A has S1 at 1 of 3 in place from the first month; area B S3 at 3 of 3 from the second;
    // all areas 1/3, then (1 + 3)/6.
    expect(rows).toEqual([
      ['Area A', '33.3%', '33.3%', '33.3%', '1 of 2'],
      ['Area B', '–', '100.0%', '100.0%', '1 of 3'],
      ['All areas', '33.3%', '66.7%', '66.7%', '2 of 5'],
    ]);
    // The term view and the area filter live in the address.
    await page.getByLabel(/^Period/).selectOption('term');
    await page.waitForURL(/by=term/);
    await page
      .getByTestId('schools')
      .getByRole('row', { name: /Third School/ })
      .waitFor();
    await page.getByLabel(/^Show/).selectOption('unchecked');
    await page.waitForURL(/show=unchecked/);
    expect(await page.getByTestId('schools').locator('tbody tr').count()).toBe(3); // S2, S4, S5
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'reform.png'), fullPage: true });
    await page.context().close();
  });

  test('area A’s lead records a check at S1 and S1’s fidelity moves', async () => {
    const page = await signIn(app, LEAD_A);
    await page.goto(`${app.base}/reforms/READ`);
    const before = await apiJson<Reform>(page, app.base, '/api/v1/reforms/READ');
    expect(before.school_fidelity.map((s) => s.code)).toEqual(['S1', 'S2']);
    expect(before.school_fidelity[0]?.latest?.share).toBe(33.3);
    await page.getByRole('link', { name: 'Record a fidelity check' }).click();
    await page.getByLabel('School').selectOption('S1');
    expect(await page.getByLabel('Visitors (person codes, comma-separated)').inputValue()).toBe('P2');
    for (const practice of practices)
      await page.locator(`fieldset[data-practice="${practice}"]`).getByLabel('in place').check();
    await page.getByLabel('Evidence for DAILY').fill('Phonics on all three timetables');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'reform-check.png'), fullPage: true });
    await page.getByRole('button', { name: 'Record the check' }).click();
    await page.getByTestId('school-fidelity').waitFor();
    expect(await page.getByTestId('school-fidelity').textContent()).toBe(
      `Fidelity 100.0% at the latest check (${today()}); 2 checks in all.`,
    );
    expect(await page.getByText('Phonics on all three timetables').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Reading for all' }).click();
    expect((await byAreaRows(page)).map((r) => r.slice(0, 1).concat(r.slice(-2)))).toEqual([
      ['Area A', '100.0%', '1 of 2'],
      ['All areas', '100.0%', '1 of 2'],
    ]);
    expect(
      await page
        .getByTestId('schools')
        .getByRole('row', { name: /Big School/ })
        .textContent(),
    ).toContain('100.0%');
    await page.context().close();
  });

  test('the head of S1 sees their own school only, at 390 px', async () => {
    const head = await signIn(app, HEAD_S1, { width: 390, height: 844 });
    await head.goto(`${app.base}/reforms/READ`);
    await head.getByTestId('schools').waitFor();
    expect(await head.getByTestId('schools').locator('tbody tr').count()).toBe(1);
    expect(await head.getByRole('link', { name: 'Record a fidelity check' }).count()).toBe(0);
    expect(await head.getByText('Third School').count()).toBe(0);
    expect(await seriousViolations(head)).toEqual([]);
    const overflow = await head.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await head.screenshot({ path: path.join(shots, 'reform-head-390.png'), fullPage: true });
    await head.goto(`${app.base}/reforms/READ/schools/S3`);
    await head
      .getByText(/not found/i)
      .first()
      .waitFor();
    await head.context().close();
  });
});
