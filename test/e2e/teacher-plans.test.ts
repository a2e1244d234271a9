// Redeployment plans in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4, S5}) with
// October's teachers and coordinates (as src/teachers/test-plan-fixture.ts works them by hand: S3 4 over its
// norm, S5 2 under 7.2 km away, S1 3 under 14.5 km away). The director makes a plan for the whole
// authority, sees the moves and figures the API has, accepts one move, rejects the other, raises the
// accepted one and follows the link to its challenge; area A's lead opens the plan list on a phone and
// cannot open the authority's plan. Axe-clean.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv } from '../../src/kpi/test-fixtures.ts';
import type { TeacherPlan } from '../../src/teachers/plan-contract.ts';
import { loadStaffedTinyAuthority } from '../../src/teachers/test-plan-fixture.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'teacher plans test password';
const DIRECTOR = { email: 'director@tiny.example', password };
const LEAD_A = { email: 'lead.a@tiny.example', password };
let app: RunningApp;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadStaffedTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await importFile(
      context,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,', 'P2,Ann,Lead,']),
    );
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T', person: 'P1' });
    await addUser(context, { ...LEAD_A, role: 'area_lead', orgUnit: 'A', person: 'P2' });
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('redeployment plans in Chromium', () => {
  let planId = 0;

  test('the director makes a plan, decides its moves and raises the accepted one', async () => {
    const page = await signIn(app, DIRECTOR);
    // Reached from the Teachers page, where the gaps are.
    await page.goto(`${app.base}/teachers`);
    await page.getByRole('link', { name: 'Redeployment plans' }).click();
    await page.getByText(/^No plan has been made yet for a place you see/).waitFor();
    await page.getByLabel('Travel distance at most (km)').fill('25');
    await page.getByLabel('Teachers leaving any one school at most').fill('3');
    await page.getByLabel('New recruits to post to the largest gaps left').fill('2');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Make the plan' }).click();
    await page.getByTestId('plan-moves').waitFor();
    planId = Number(new URL(page.url()).pathname.split('/').at(-1));
    const plan = await apiJson<TeacherPlan>(page, app.base, `/api/v1/teachers/plans/${planId}`);
    // By hand: 2 from S3 to S5 (7.2 km) and 1 from S3 to S1 (14.5 km); 2 recruits to S1.
    expect(plan.moves.map((m) => [m.from.code, m.to.code, m.teachers])).toEqual([
      ['S3', 'S1', 1],
      ['S3', 'S5', 2],
    ]);
    const rows = page.getByTestId('plan-moves').locator('tbody tr');
    expect(await rows.count()).toBe(plan.moves.length);
    expect(await rows.nth(1).textContent()).toContain(plan.moves[1]?.reason);
    expect(await page.getByTestId('plan-summary').textContent()).toMatch(
      /^3 teachers moved, 28\.9 km in all; no plan under these limits moves more than 3 \(proved optimal\)/,
    );
    const figures = page.getByTestId('plan-figures');
    expect(await figures.getByRole('row', { name: /lacking/ }).textContent()).toBe(
      `Teachers lacking against the norm${plan.before.gap}${plan.after.gap}`,
    );
    expect([plan.before.gap, plan.after.gap]).toEqual([6, 1]);
    expect(await page.getByTestId('plan-recruits').textContent()).toBe('2 to Big School (S1)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'teacher-plan.png'), fullPage: true });

    await page.getByRole('button', { name: 'Accept the move to Fifth School' }).click();
    await page.getByRole('button', { name: 'Reject the move to Big School' }).click();
    await page.getByRole('button', { name: 'Raise 1 accepted move as actions' }).click();
    await page.getByTestId('plan-challenge').waitFor();
    const after = await apiJson<TeacherPlan>(page, app.base, `/api/v1/teachers/plans/${planId}`);
    expect(after.moves.map((m) => [m.to.code, m.decision, m.action_id !== null])).toEqual([
      ['S1', 'rejected', false],
      ['S5', 'accepted', true],
    ]);
    await page.getByTestId('plan-challenge').getByRole('link').click();
    await page
      .getByText('Move 2 teachers from Third School (S3) to Fifth School (S5), 7.2 km')
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  test('area A’s lead lists plans on a phone, may plan for area A only, and cannot open the authority’s', async () => {
    const page = await signIn(app, LEAD_A, { width: 390, height: 844 });
    await page.goto(`${app.base}/teachers/plans`);
    await page.getByText(/^No plan has been made yet for a place you see/).waitFor();
    expect(await page.getByLabel('Area').inputValue()).toBe('A');
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await page.screenshot({ path: path.join(shots, 'teacher-plans-lead-390.png'), fullPage: true });
    await page.getByRole('button', { name: 'Make the plan' }).click();
    await page.getByText('No move is possible under these limits').waitFor();
    await page.goto(`${app.base}/teachers/plans/${planId}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/not found/i);
    await page.context().close();
  });
});
