// Supervision visits in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4, S5}): area A's
// lead sees coverage move after a visit to S1 (equal to the API and to a hand count: 1 of area A's 2
// schools this month) and the visit with its scores, descriptors and agreed action; the head of S1 sees
// it; area B's lead does not. Axe-clean, and usable at 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { today } from '../../src/clock.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { Coverage } from '../../src/visits/contract.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'visits test password';
const LEAD_A = { email: 'lead.a@tiny.example', password };
const LEAD_B = { email: 'lead.b@tiny.example', password };
const HEAD_S1 = { email: 'head.s1@tiny.example', password };
let app: RunningApp;
let visitId = 0;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await importFile(
      context,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P2,Ann,Lead,', 'P4,Hal,Head,']),
    );
    await addUser(context, { ...LEAD_A, role: 'area_lead', orgUnit: 'A', person: 'P2' });
    await addUser(context, { ...LEAD_B, role: 'area_lead', orgUnit: 'B' });
    await addUser(context, { ...HEAD_S1, role: 'headteacher', orgUnit: 'S1', person: 'P4' });
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('visits in Chromium', () => {
  test('area A’s lead: coverage moves after a visit, and the visit shows its scores and action', async () => {
    const page = await signIn(app, LEAD_A);
    await page.getByRole('link', { name: 'Visits' }).click();
    await page.getByTestId('coverage').waitFor();
    const before = page.getByTestId('coverage').getByRole('row', { name: /Area A/ });
    expect(await before.textContent()).toContain('0 of 2');
    // The lead records the visit on the form: two scores with their evidence and an agreed action.
    await page.getByRole('link', { name: 'Record a visit' }).click();
    // Enter in a picker picks the one school the text matches; it does not send the half-filled form.
    await page.getByLabel('School', { exact: true }).fill('big');
    await page.getByLabel('School', { exact: true }).press('Enter');
    expect(await page.getByLabel('School', { exact: true }).inputValue()).toBe('Big School (S1)');
    expect(new URL(page.url()).pathname).toBe('/visits/new');
    expect(await page.getByTestId('visitors').textContent()).toContain('Ann Lead');
    const vision = page.getByRole('combobox', {
      name: 'A shared vision for pupils’ achievement that staff can state',
    });
    await vision.waitFor();
    expect(await vision.locator('option[value="3"]').textContent()).toMatch(/^3 — Secure: /);
    await vision.selectOption('3');
    await page
      .getByLabel('Evidence for A shared vision for pupils’ achievement that staff can state')
      .fill('Three staff named the aims');
    await page
      .getByRole('combobox', { name: 'Use of attainment and attendance data to find pupils falling behind' })
      .selectOption('2');
    await page.getByLabel('Strengths').fill('Staff share the vision');
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('Action 1: what').fill('Name the pupils falling behind');
    await page.getByLabel('Action 1: owner').fill('P4');
    await page.getByLabel('Action 1: due').fill('2027-01-31');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'visit-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Record the visit' }).click();
    await page.getByTestId('scores').waitFor();
    visitId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('link', { name: 'Visits' }).first().click();
    await page.getByTestId('coverage').waitFor();
    const row = page.getByTestId('coverage').getByRole('row', { name: /Area A/ });
    const api = await apiJson<Coverage>(page, app.base, '/api/v1/visits/coverage');
    const areaA = api.areas.find((a) => a.code === 'A');
    expect(areaA?.visited_month).toBe(1); // by hand: S1 of S1 and S2
    expect(await row.textContent()).toContain(`${areaA?.visited_month} of 2 (50.0%)`);
    expect(await row.textContent()).toContain('Small School'); // S2, never visited, is overdue
    expect(api.areas.map((a) => a.code)).toEqual(['A']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'visits.png'), fullPage: true });

    await page.getByTestId('visits').getByRole('link').first().click();
    await page.getByTestId('scores').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Supervision visit to Big School, ${today()}`,
    );
    const scores = page.getByTestId('scores');
    expect(await scores.getByRole('row', { name: /shared vision/ }).textContent()).toContain('Secure');
    expect(await page.getByRole('heading', { name: 'Scores (mean level 2.50)' }).count()).toBe(1);
    expect(await page.getByTestId('visit-actions').textContent()).toContain(
      'Name the pupils falling behind — Hal Head, due 2027-01-31 (open)',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'visit.png'), fullPage: true });
    await page.context().close();
  });

  test('the head of S1 sees the visit to their school; area B’s lead sees none and cannot open it', async () => {
    const head = await signIn(app, HEAD_S1, { width: 390, height: 844 });
    await head.goto(`${app.base}/visits`);
    await head.getByTestId('visits').waitFor();
    expect(await head.getByTestId('visits').getByRole('row').count()).toBe(2); // the header and S1's visit
    expect(await head.getByTestId('visits').textContent()).toContain('Big School');
    expect(await head.getByTestId('coverage').count()).toBe(0);
    // The school's own page lists the same visit, with the mean level the visit page shows.
    await head.goto(`${app.base}/schools/S1`);
    const onSchoolPage = head.getByTestId('school-visits').getByRole('listitem');
    await onSchoolPage.first().waitFor();
    expect(await onSchoolPage.count()).toBe(1);
    expect(await onSchoolPage.textContent()).toMatch(
      new RegExp(`^${today()}: supervision, recorded, by .+; mean level 2\\.50$`),
    );
    expect(await seriousViolations(head)).toEqual([]);
    await head.goto(`${app.base}/visits`);
    await head.getByTestId('visits').waitFor();
    expect(await seriousViolations(head)).toEqual([]);
    const overflow = await head.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await head.screenshot({ path: path.join(shots, 'visits-head-390.png'), fullPage: true });
    await head.context().close();

    const other = await signIn(app, LEAD_B);
    await other.goto(`${app.base}/visits`);
    await other.getByText('No visits match.').waitFor();
    await other.goto(`${app.base}/visits/${visitId}`);
    await other
      .getByText(/not found/i)
      .first()
      .waitFor();
    expect(await other.getByText('Staff share the vision').count()).toBe(0);
    await other.context().close();
  });
});
