// The offline visit form in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4, S5}), at
// 390 px (a phone, where it is used). Area A's lead opens the form online, loses the connection,
// records a visit with two scores and two actions, sees "Waiting to sync (1)", reloads the page with
// no connection (it still opens), comes back online and sees the visit synced: in the list and in the
// coverage, equal to the API and to a hand count (1 of area A's 2 schools). Then a conflict: the lead
// changes a visit offline while another device changes it online; both versions show side by side and
// the lead keeps their strengths and takes the other development, saved as the next version.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { today } from '../../src/clock.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { Coverage, Visit, VisitPage } from '../../src/visits/contract.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'offline test password';
const LEAD_A = { email: 'lead.a@tiny.example', password };
const phone = { width: 390, height: 844 };
let app: RunningApp;

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
    await addUser(context, {
      email: 'head.s1@tiny.example',
      password,
      role: 'headteacher',
      orgUnit: 'S1',
      person: 'P4',
    });
  });
}, 120_000);
afterAll(() => app?.close());

/** Signed in, with the worker in control and the session and form data kept for offline use. */
async function installed(): Promise<Page> {
  const page = await signIn(app, LEAD_A, phone);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.goto(`${app.base}/visits/new`);
  await page.getByLabel('School', { exact: true }).waitFor();
  await page.waitForFunction(async () => {
    const cache = await caches.open('headway-data');
    return Boolean((await cache.match('/api/v1/auth/session')) && (await cache.match('/api/v1/visits/form')));
  });
  return page;
}

const noOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!haveBrowser)('the offline visit form in Chromium', () => {
  test('recorded offline, kept through a reload, synced when the connection returns', async () => {
    const page = await installed();
    await page.context().setOffline(true);
    await page.getByLabel('School', { exact: true }).fill('Big School (S1)');
    expect(await page.getByTestId('visitors').textContent()).toContain('Ann Lead');
    await page
      .getByRole('combobox', { name: 'A shared vision for pupils’ achievement that staff can state' })
      .selectOption('3');
    await page
      .getByLabel('Evidence for A shared vision for pupils’ achievement that staff can state')
      .fill('Three staff named the aims');
    await page
      .getByRole('combobox', { name: 'Use of attainment and attendance data to find pupils falling behind' })
      .selectOption('2');
    await page.getByLabel('Strengths').fill('Staff share the vision');
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('Action 1: what').fill('Name the pupils falling behind');
    await page.getByLabel('Action 1: owner').fill('Hal Head (P4)');
    await page.getByLabel('Action 1: due').fill('2027-01-31');
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('Action 2: what').fill('Share the data calendar');
    await page.getByLabel('Action 2: owner').fill('P2');
    await page.getByLabel('Action 2: owner').press('Tab'); // closes the suggestions
    await page.screenshot({ path: path.join(shots, 'visit-offline-form-390.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noOverflow(page)).toBe(true);
    await page.getByRole('button', { name: 'Record the visit' }).click();
    await page.getByText(`the visit to Big School, ${today()} is kept on this device`).waitFor();
    expect(await page.getByTestId('sync-badge').textContent()).toBe('Waiting to sync (1)');

    // With no connection the page still opens (the worker's shell and kept answers) and the visit waits.
    await page.reload();
    await page.getByRole('heading', { name: 'Record a visit' }).waitFor();
    await page.getByTestId('sync-badge').waitFor();
    expect(await page.getByTestId('sync-badge').textContent()).toBe('Waiting to sync (1)');
    await page.getByTestId('sync-badge').click();
    expect(await page.getByTestId('outbox').textContent()).toContain(
      `New visit to Big School, ${today()} — Waiting to sync`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'visit-outbox-390.png'), fullPage: true });

    await page.context().setOffline(false);
    await page.getByTestId('sync-badge').waitFor({ state: 'detached' });
    expect(await page.getByTestId('outcomes').textContent()).toContain(`Big School, ${today()}: Recorded`);
    const list = await apiJson<VisitPage>(page, app.base, '/api/v1/visits');
    expect(list.total).toBe(1); // sent once, however often it was tried
    const visit = await apiJson<Visit>(page, app.base, `/api/v1/visits/${list.visits[0]?.id}`);
    expect(visit.scores.map((s) => [s.criterion, s.level, s.evidence])).toEqual([
      ['VIS1', 3, 'Three staff named the aims'],
      ['DAT1', 2, ''],
    ]);
    expect(visit.actions.map((a) => [a.title, a.owner, a.due_on])).toEqual([
      ['Name the pupils falling behind', 'Hal Head', '2027-01-31'],
      ['Share the data calendar', 'Ann Lead', null],
    ]);

    await page.getByRole('link', { name: 'open the visit' }).click();
    await page.getByTestId('visit-actions').waitFor();
    await page.goto(`${app.base}/visits`);
    await page.getByTestId('coverage').waitFor();
    expect(await page.getByTestId('visits').textContent()).toContain('Big School');
    const coverage = await apiJson<Coverage>(page, app.base, '/api/v1/visits/coverage');
    const areaA = coverage.areas.find((a) => a.code === 'A');
    expect(areaA?.visited_month).toBe(1); // by hand: S1 of S1 and S2
    const row = page.getByTestId('coverage').getByRole('row', { name: /Area A/ });
    expect(await row.textContent()).toContain(`${areaA?.visited_month} of 2 (50.0%)`);
    await page.context().close();
  });

  test('a visit changed offline and online meanwhile: both versions side by side, merged by field', async () => {
    const page = await installed();
    const { id } = (await apiJson<VisitPage>(page, app.base, '/api/v1/visits')).visits[0] as { id: number };
    await page.goto(`${app.base}/visits/${id}/edit`);
    await page.getByRole('heading', { name: 'Change the visit to Big School' }).waitFor();
    expect(await page.getByText('Version 1.').count()).toBe(1);
    await page.context().setOffline(true);
    await page.getByLabel('Strengths').fill('Mine: staff share the vision and can state it');
    await page.getByLabel('Areas for development').fill('Mine: use the data');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await page.getByText('your change is kept on this device').waitFor();
    expect(await page.getByTestId('sync-badge').textContent()).toBe('Waiting to sync (1)');

    // Meanwhile another device, online, changes the same visit.
    const other = await signIn(app, LEAD_A);
    const { csrf_token } = await apiJson<{ csrf_token: string }>(other, app.base, '/api/v1/auth/session');
    const theirs = await other.request.put(`${app.base}/api/v1/visits/${id}`, {
      headers: { 'x-csrf-token': csrf_token },
      data: {
        version: 1,
        visit_on: today(),
        visit_type: 'supervision',
        visitors: ['P2'],
        rubric: { code: 'LEADERSHIP' },
        strengths: 'Theirs: a clear vision',
        development: 'Theirs: track attendance weekly',
        scores: [{ criterion: 'VIS1', level: 4, evidence: 'Seen in assembly' }],
      },
    });
    expect(theirs.status()).toBe(200);
    await other.context().close();

    await page.context().setOffline(false);
    await page.getByText('Waiting to sync (1), 1 to resolve').waitFor();
    await page.getByTestId('sync-badge').click();
    await page.getByRole('link', { name: /Change to the visit to Big School/ }).click();
    const table = page.getByTestId('conflict');
    await table.waitFor();
    const strengths = table.getByRole('row', { name: /^Strengths/ });
    expect(await strengths.textContent()).toContain('Mine: staff share the vision and can state it');
    expect(await strengths.textContent()).toContain('Theirs: a clear vision');
    const vision = table.getByRole('row', { name: /shared vision/ });
    expect(await vision.textContent()).toContain('3 — Three staff named the aims');
    expect(await vision.textContent()).toContain('4 — Seen in assembly');
    expect(await page.getByRole('columnheader', { name: 'Theirs (version 2)' }).count()).toBe(1);
    // Keep my strengths, take their development and their score.
    await page.getByRole('group', { name: 'Keep for Areas for development' }).getByLabel('Theirs').check();
    await page
      .getByRole('group', { name: /Keep for A shared vision/ })
      .getByLabel('Theirs')
      .check();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noOverflow(page)).toBe(true);
    await page.screenshot({ path: path.join(shots, 'visit-conflict-390.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save the merged visit' }).click();
    await page.getByTestId('scores').waitFor();
    const saved = await apiJson<Visit>(page, app.base, `/api/v1/visits/${id}`);
    expect(saved.version).toBe(3);
    expect(saved.strengths).toBe('Mine: staff share the vision and can state it');
    expect(saved.development).toBe('Theirs: track attendance weekly');
    expect(saved.scores.find((s) => s.criterion === 'VIS1')?.level).toBe(4);
    expect(await page.getByTestId('sync-badge').count()).toBe(0);
    await page.context().close();
  });
});
