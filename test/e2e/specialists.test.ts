// Specialists in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4, S5}): area A's lead
// records a new early-reading specialist at S1 on the Specialists page, raises a need at S2 asking for
// early reading on the needs board, proposes a match for area A and finds the specialist proposed with
// the reason the API gives; the list's filters live in the address. Axe-clean, and read at 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import type { Proposal } from '../../src/brokering/proposal-contract.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { SpecialistPage } from '../../src/specialists/contract.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'specialists test password';
const LEAD_A = { email: 'lead.a@tiny.example', password };
let app: RunningApp;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await importFile(context, 'people', csv('p.csv', ['code,given_name,family_name,email', 'P2,Ann,Lead,']));
    await addUser(context, { ...LEAD_A, role: 'area_lead', orgUnit: 'A', person: 'P2' });
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('specialists in Chromium', () => {
  test('an area lead records a specialist, and a need asking for the specialism proposes them', async () => {
    const page = await signIn(app, LEAD_A);
    await page.goto(`${app.base}/brokering`);
    await page.getByRole('link', { name: 'Specialists' }).click();
    await page.getByTestId('specialists-summary').waitFor();
    expect(await page.getByTestId('specialists-summary').textContent()).toBe('0 specialists');
    await page.getByRole('button', { name: 'Record a specialist' }).click();
    const form = page.getByRole('form', { name: 'Record a specialist' });
    await form.getByLabel('Someone new').check();
    await form.getByLabel('Given name').fill('Rhea');
    await form.getByLabel('Family name').fill('Reader');
    await form.getByLabel('Kind').selectOption('outstanding_teacher');
    await form.getByLabel('Early reading and phonics').check();
    await form.getByLabel('School they work at').fill('Big');
    await page.locator('datalist option').first().waitFor({ state: 'attached' });
    await form.getByLabel('School they work at').fill('Big School (S1)');
    await form.getByLabel('Days a year').fill('12');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Record' }).click();
    await page.getByTestId('recorded').waitFor();
    expect(await page.getByTestId('recorded').textContent()).toBe('Rhea Reader is recorded.');
    const rows = page.getByTestId('specialists').locator('tbody tr');
    await rows.first().waitFor();
    const listed = await apiJson<SpecialistPage>(page, app.base, '/api/v1/specialists');
    expect(listed.total).toBe(1);
    expect(await rows.first().textContent()).toBe(
      'Rhea ReaderOutstanding teacherEarly reading and phonicsBig School (A)12012 of 12—',
    );
    // Filters live in the address: a specialism nobody holds empties the list, and Back brings it again.
    await page.getByLabel('Specialism').selectOption('send');
    await page.waitForURL(/specialism=send/);
    await page.getByText('0 specialists').waitFor();
    await page.goto(`${app.base}/specialists?specialism=early_reading&min_free=10`);
    await page.getByText('1 specialist', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(shots, 'specialists.png'), fullPage: true });

    // The need, raised on the board, asking for early reading.
    await page.goto(`${app.base}/brokering`);
    await page.getByRole('button', { name: 'Raise a need' }).click();
    const raise = page.getByRole('form', { name: 'Raise a need' });
    await raise.getByRole('combobox', { name: 'School', exact: true }).fill('Small');
    await page.locator('datalist option').first().waitFor({ state: 'attached' });
    await raise.getByRole('combobox', { name: 'School', exact: true }).fill('Small School (S2)');
    await raise.getByLabel('Specialism asked for').selectOption('early_reading');
    await raise.getByLabel('Evidence').fill('Phonics screening fell for a second year');
    expect(await seriousViolations(page)).toEqual([]);
    await raise.getByRole('button', { name: 'Raise' }).click();
    await page.getByTestId('need-raised').waitFor();
    expect(await page.getByTestId('need-raised').textContent()).toMatch(
      /^ Need \d+ raised for Small School, asking for Early reading and phonics\.$/,
    );
    await page.getByTestId('need-specialism').first().waitFor();
    expect(await page.getByTestId('need-specialism').first().textContent()).toBe(
      ' (asks for Early reading and phonics)',
    );

    // The match proposes the specialist, with the reason.
    await page.getByRole('button', { name: 'Propose a match for the open needs of A' }).click();
    await page.getByTestId('pairs').waitFor({ timeout: 60_000 });
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    const proposal = await apiJson<Proposal>(page, app.base, `/api/v1/brokering/proposals/${id}`);
    const pair = proposal.pairs.find((p) => p.leader_name === 'Rhea Reader');
    expect(pair?.school).toBe('S2');
    expect(pair?.reasons[0]).toBe(
      'Outstanding teacher: Early reading and phonics, 12 of 12 days free, distance unknown',
    );
    const card = page.getByTestId('pair').filter({ hasText: 'Rhea Reader' });
    await card.getByRole('button', { name: 'Why Rhea Reader' }).click();
    await card.getByText(pair?.reasons[0] as string).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('at 390 px the list and its filters fit', async () => {
    const page = await signIn(app, LEAD_A, { width: 390, height: 844 });
    await page.goto(`${app.base}/specialists`);
    await page.getByTestId('specialists').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The page itself does not scroll sideways: a wide table scrolls in its own region.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'specialists-390.png'), fullPage: true });
  });
});
