// Governing boards in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4, S5}): the director
// opens the list of boards not ready for succession and sees each board's reasons and the figures the
// API gives; area A's lead opens S1's board, adds a member, and the vacant places fall by one (by hand:
// 2 parent places, 1 filled, so 1 vacant before and 0 after). Axe-clean, and usable at 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { today } from '../../src/clock.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { createBoard, setSuccession } from '../../src/governance/boards.ts';
import type { BoardDetail, BoardPage } from '../../src/governance/contract.ts';
import { addMember, addTraining } from '../../src/governance/members.ts';
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

const password = 'governance test password';
const DIRECTOR = { email: 'director@tiny.example', password };
const LEAD_A = { email: 'lead.a@tiny.example', password };
let app: RunningApp;
const year = (offset: number) => `${Number(today().slice(0, 4)) + offset}${today().slice(4, 10)}`;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await importFile(
      context,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,', 'P2,Ann,Lead,']),
    );
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T', person: 'P1' });
    await addUser(context, { ...LEAD_A, role: 'area_lead', orgUnit: 'A', person: 'P2' });
    // S1's board: a chair with years to serve, one governor trained to recruit, a plan this year; one
    // parent place of two vacant (1 of 5 places: below the 25% that makes a board not ready).
    await createBoard(context, {
      code: 'GB-S1',
      name: 'Big School board',
      schools: ['S1'],
      places: { parent: 2, staff: 1, co_opted: 2 },
    });
    const chair = await addMember(context, 'GB-S1', {
      name: 'Chloe Chair',
      category: 'co_opted',
      roles: ['chair'],
      appointed_on: year(-1),
      term_ends_on: year(3),
      email: 'chloe@governors.example',
    });
    await addMember(context, 'GB-S1', {
      name: 'Pat Parent',
      category: 'parent',
      appointed_on: year(-2),
      term_ends_on: year(2),
    });
    await addMember(context, 'GB-S1', {
      name: 'Cal Coopted',
      category: 'co_opted',
      appointed_on: year(-2),
      term_ends_on: year(2),
    });
    await addMember(context, 'GB-S1', {
      name: 'Sam Staff',
      category: 'staff',
      appointed_on: year(-2),
      term_ends_on: year(2),
    });
    await addTraining(context, chair.id, { course: 'headteacher_recruitment', attended_on: year(-1) });
    await setSuccession(context, 'GB-S1', {
      has_plan: true,
      reviewed_on: year(0),
      chair_successor: chair.id,
    });
    // S3's board: nobody yet, no plan.
    await createBoard(context, {
      code: 'GB-S3',
      name: 'Third School board',
      schools: ['S3'],
      places: { parent: 2, authority: 1 },
    });
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('governing boards in Chromium', () => {
  test('the director opens the not-ready list: the reasons and the figures equal the API’s', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.getByRole('link', { name: 'Governors' }).click();
    await page.getByTestId('boards').waitFor();
    await page.getByLabel('Readiness').selectOption('true');
    await page.waitForURL(/not_ready=true/);
    await page.locator('[data-board="GB-S1"]').waitFor({ state: 'detached' });
    await page.locator('[data-board="GB-S3"]').waitFor();
    const rows = page.getByTestId('boards').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-board')).toBe('GB-S3');
    expect(await rows.first().getByTestId('reasons').textContent()).toBe(
      'No succession plan; No chair; Many vacancies; Nobody trained in headteacher recruitment',
    );
    const api = await apiJson<BoardPage>(page, app.base, '/api/v1/governance/boards?not_ready=true');
    expect(api.boards.map((b) => b.code)).toEqual(['GB-S3']);
    expect(await page.getByTestId('figure-not-ready').textContent()).toBe(String(api.figures.not_ready));
    expect(await page.getByTestId('figure-vacancies').textContent()).toBe(`3 of 3 (100.0%)`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'governance-not-ready.png'), fullPage: true });
    // The whole list: S1's board is ready; 4 of 8 places vacant across both boards (1 at S1, 3 at S3).
    await page.getByLabel('Readiness').selectOption('');
    await page.getByTestId('boards').locator('tbody tr').nth(1).waitFor();
    expect(await page.getByTestId('figure-vacancies').textContent()).toBe('4 of 8 (50.0%)');
    expect(await page.locator('[data-board="GB-S1"]').getByTestId('reasons').textContent()).toBe('Ready');
  });

  test('area A’s lead adds a member to S1’s board and its vacant places fall from 1 to 0', async () => {
    const page = await signIn(app, LEAD_A);
    await page.goto(`${app.base}/governance`);
    await page.getByRole('link', { name: 'Big School board' }).click();
    await page.getByTestId('members').waitFor();
    expect(await page.getByTestId('vacant-total').textContent()).toBe('1');
    // Contacts are shown to those who record for the board.
    expect(await page.getByTestId('members').textContent()).toContain('chloe@governors.example');
    await page.getByText('Add a member').click();
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Add the member' }) });
    await form.getByLabel('Name').fill('Nia Newparent');
    await form.getByLabel('Category').selectOption('parent');
    await form.getByLabel('Appointed on').fill(year(0));
    await form.getByLabel('Term ends on').fill(year(4));
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add the member' }).click();
    await page.locator('[data-member="Nia Newparent"]').waitFor();
    expect(await page.getByTestId('vacant-total').textContent()).toBe('0');
    const api = await apiJson<BoardDetail>(page, app.base, '/api/v1/governance/boards/GB-S1');
    expect(api.vacancies).toBe(0);
    expect(api.members.map((m) => m.name)).toContain('Nia Newparent');
    expect(await page.getByTestId('readiness').textContent()).toBe('Ready for succession.');
    await page.screenshot({ path: path.join(shots, 'governance-board.png'), fullPage: true });
    // At 390 px the page still reads: the tables scroll within their own box, not the page.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'governance-board-390.png'), fullPage: true });
  });
});
