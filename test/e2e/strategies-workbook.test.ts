// A whole plan from a workbook in a real browser: the director downloads the template, uploads a plan,
// sees the check's counts (nothing written yet), imports it, opens the new strategy and finds its
// strands, actions and the unowned one flagged; a bad workbook lists its problems by sheet, row and
// column and writes nothing. Axe-clean; no sideways scrolling at 390 px.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import { writeWorkbook } from '../../src/tabular/write.ts';
import { apiJson, haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

const PASSWORD = 'a long workbook password';
const DIRECTOR = 'director@tiny.example';

let base: string;
let browser: Browser;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, close } = await startApp(async (db) => {
    const context = contextFor(db, operator('test'));
    await loadTinyAuthority(db);
    await importFile(
      context,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,', 'P2,Ann,Lead,']),
    );
    await addUser(context, {
      email: DIRECTOR,
      password: PASSWORD,
      role: 'director',
      orgUnit: 'T',
      person: 'P1',
    });
  }));
}, 120_000);
afterAll(() => close());

const plan = (actionLead: string) =>
  writeWorkbook([
    {
      name: 'Strategy',
      columns: ['code', 'name', 'scope', 'lead'],
      rows: [{ code: 'WB', name: 'Workforce plan', scope: 'T', lead: 'P1' }],
    },
    {
      name: 'Strands',
      columns: ['code', 'name', 'lead'],
      rows: [
        { code: 'W1', name: 'Recruitment', lead: 'P2' },
        { code: 'W2', name: 'Retention', lead: '' },
      ],
    },
    {
      name: 'Actions',
      columns: ['strand', 'code', 'title', 'lead', 'groups'],
      rows: [
        { strand: 'W1', code: 'W1.1', title: 'Recruitment fair', lead: actionLead, groups: 'heads' },
        { strand: 'W2', code: 'W2.1', title: 'Exit interviews', lead: '', groups: '' },
      ],
    },
  ]);

describe.runIf(haveBrowser)('a plan from a workbook', () => {
  test('the director checks a workbook, sees what it would do, imports it and opens the plan', async () => {
    const page = await signIn({ browser, base }, { email: DIRECTOR, password: PASSWORD });
    await page.goto(`${base}/strategies`);
    await page.getByRole('heading', { name: 'Import a plan from a workbook' }).waitFor();
    const file = { name: 'plan.xlsx', mimeType: 'application/octet-stream', buffer: await plan('P2') };

    // A bad workbook first: the problem by sheet, row and column; nothing written.
    await page.getByLabel('Workbook (.xlsx)').setInputFiles({ ...file, buffer: await plan('NOPE') });
    await page.getByRole('button', { name: 'Check the workbook' }).click();
    const problems = page.getByTestId('plan-problems');
    await problems.waitFor();
    expect(await problems.locator('tbody tr').allTextContents()).toEqual([
      '2Actions: leadno person has the code "NOPE"',
    ]);
    expect((await apiJson<{ strategies: unknown[] }>(page, base, '/api/v1/strategies')).strategies).toEqual(
      [],
    );

    await page.getByLabel('Workbook (.xlsx)').setInputFiles(file);
    await page.getByRole('button', { name: 'Check the workbook' }).click();
    const counts = page.getByTestId('plan-import-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toContain('Strategy WB would be created');
    expect(await counts.textContent()).toContain('Actions: 2 created, 0 changed, 0 unchanged');
    expect((await apiJson<{ strategies: unknown[] }>(page, base, '/api/v1/strategies')).strategies).toEqual(
      [],
    );
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Import the plan' }).click();
    await page.locator('main').getByRole('status').filter({ hasText: 'Imported.' }).waitFor();
    await page.getByRole('link', { name: 'Open WB' }).click();
    await page.getByRole('heading', { name: 'Workforce plan' }).waitFor();
    // W2 and its action have no lead: flagged, and counted as the API counts them.
    const detail = await apiJson<{ counts: { unowned: number } }>(page, base, '/api/v1/strategies/WB');
    expect(detail.counts.unowned).toBe(2);
    expect(await page.getByTestId('unowned').textContent()).toBe(`${detail.counts.unowned} without a lead`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'strategy-imported.png'), fullPage: true });

    const phone = await signIn(
      { browser, base },
      { email: DIRECTOR, password: PASSWORD },
      { width: 390, height: 844 },
    );
    await phone.goto(`${base}/strategies`);
    await phone.getByRole('heading', { name: 'Import a plan from a workbook' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  });
});
