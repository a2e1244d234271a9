// The stages of the improvement journey in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4,
// S5}) with the inspections src/stages/stages.test.ts works by hand: S2 in special measures, then
// requiring improvement; S3 outstanding, then requiring improvement. The director opens the movement
// view from the menu and reads the same transition table as the API's, sees a school's stage and
// reasons on its page, and reads the rules in words; the pages are axe-clean, and the movement view
// fits a phone's 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { SchoolStageDetail, StageMovement } from '../../src/stages/contract.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const DIRECTOR = { email: 'director@tiny.example', password: 'stages test password' };
let app: RunningApp;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await importFile(
      context,
      'inspections',
      csv('i.csv', [
        'school_code,inspected_on,overall,leadership,category',
        'S1,2025-10-01,good,good,',
        'S2,2025-11-01,inadequate,inadequate,special_measures',
        'S2,2026-06-01,requires improvement,requires improvement,',
        'S3,2025-09-15,outstanding,outstanding,',
        'S3,2026-05-01,requires improvement,good,',
        'S5,2024-01-01,good,good,',
      ]),
    );
    await importFile(
      context,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,']),
    );
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T', person: 'P1' });
  });
}, 120_000);
afterAll(() => app?.close());

const cellsOf = async (page: import('playwright-core').Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
    );

describe.skipIf(!haveBrowser)('stages of the improvement journey in Chromium', () => {
  test('the director opens the movement view: the flow chart, and tables equal to the API’s', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.getByRole('link', { name: 'Stages', exact: true }).click();
    await page.getByTestId('flow-chart').waitFor();
    const movement = await apiJson<StageMovement>(page, app.base, '/api/v1/stages/movement?terms=4');
    expect(movement.terms.length).toBe(4);
    // The transition table: each row a from-stage, each column a to-stage, as the API counts them.
    const table = await cellsOf(page, 'transitions');
    const expected = movement.stages.map((from) => [
      from.name,
      ...movement.stages.map((to) =>
        String(
          movement.transitions.find((t) => t.from_stage === from.code && t.to_stage === to.code)?.schools ??
            0,
        ),
      ),
    ]);
    expect(table).toEqual(expected);
    // And by hand for the last pair of terms: S2 out of intensive support, S3 slipping from leading.
    const last = movement.summary.at(-1);
    expect(last).toEqual({ from_term: '2025-26T2', to_term: '2025-26T3', up: 1, down: 1, same: 3 });
    expect(await page.getByTestId('movement-summary').textContent()).toContain(
      '2025-26T2 → 2025-26T3: 1 moved on, 1 slipped back, 3 stayed',
    );
    // Each band of the chart says itself, not by colour alone.
    expect(await page.locator('[data-testid="flow-chart"] title').allTextContents()).toContain(
      '2025-26T2 to 2025-26T3: 1 school Intensive support → Improving',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'stages-movement.png'), fullPage: true });

    // The area filter lives in the address and narrows the counts to area A.
    await page.getByLabel('Area').selectOption('A');
    await page.waitForURL(/area=A/);
    const areaA = await apiJson<StageMovement>(page, app.base, '/api/v1/stages/movement?area=A&terms=4');
    await page
      .getByTestId('movement-summary')
      .getByText('2025-26T2 → 2025-26T3: 1 moved on, 0 slipped back, 1 stayed')
      .waitFor();
    expect(areaA.summary.at(-1)).toMatchObject({ up: 1, down: 0, same: 1 });
    await page.context().close();
  });

  test('a school’s page shows its stage, its reasons and its history', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.goto(`${app.base}/schools/S2`);
    const section = page.getByTestId('school-stage');
    await section.waitFor();
    const detail = await apiJson<SchoolStageDetail>(page, app.base, '/api/v1/stages/schools/S2');
    expect(detail.current.stage_name).toBe('Improving');
    expect(await page.getByTestId('stage-name').textContent()).toBe('Improving');
    expect(await section.textContent()).toContain(`since ${detail.current.since}`);
    expect(await page.getByTestId('stage-reasons').locator('li').allTextContents()).toEqual(
      detail.current.reasons,
    );
    await section.getByText(/Its stage at each term's end/).click();
    expect((await cellsOf(page, 'stage-history')).map((r) => r[0])).toEqual(
      [...detail.history].reverse().map((h) => h.term),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'How stages are decided' }).click();
    await page.getByTestId('rule-words').waitFor();
    expect(await page.getByTestId('rule-words').locator('li').first().textContent()).toBe(
      'Intensive support when in an inspection category',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'stages-rules.png'), fullPage: true });
    await page.context().close();
  });

  test('the movement view fits a phone', async () => {
    const page = await signIn(app, DIRECTOR, { width: 390, height: 844 });
    await page.goto(`${app.base}/stages`);
    await page.getByTestId('transitions').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'stages-390.png'), fullPage: true });
    await page.context().close();
  });
});
