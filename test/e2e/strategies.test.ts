// The plan in a real browser: the director sets up a strategy with two strands and an action with no
// lead (flagged), links a measure and assigns the action a lead; the lead signs in, finds it in "My part
// of the plan" and sets it at risk (refused without a reason, accepted with one); the strategy page then
// shows the status and the measure off track, equal to the API and to a hand computation. Every page is
// axe-clean, and the strategy and action pages fit a 390 px phone without sideways scrolling. Last, the
// director renames the plan and the action, moves a milestone's date and removes a link and a measure.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import { addMeasure, addStrand, createStrategy } from '../../src/strategies/edit.ts';
import { haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

const PASSWORD = 'a long strategy password';
const DIRECTOR = 'director@tiny.example';
const HEAD = 'head.s1@tiny.example';

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
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,', 'P2,Ann,Lead,', 'P4,Hal,Head,']),
    );
    await addUser(context, {
      email: DIRECTOR,
      password: PASSWORD,
      role: 'director',
      orgUnit: 'T',
      person: 'P1',
    });
    await addUser(context, {
      email: HEAD,
      password: PASSWORD,
      role: 'headteacher',
      orgUnit: 'S1',
      person: 'P4',
    });
    // The strategy the leadership strategy will contribute to, with its target.
    await createStrategy(context, {
      code: 'STD',
      name: 'Improving standards',
      purpose: '',
      scope: 'T',
      lead: null,
    });
    const strand = await addStrand(context, 'STD', { code: 'Q', name: 'Quality', purpose: '', lead: null });
    await addMeasure(context, 'STD', {
      strand,
      indicator: 'attendance_rate',
      baseline_value: 91,
      baseline_period: '2025-09',
      target_value: 95,
      target_period: '2027-07',
      trajectory: 'straight',
      tolerance: 0,
    });
  }));
}, 120_000);
afterAll(() => close());

const signedIn = (email: string, viewport?: { width: number; height: number }) =>
  signIn({ browser, base }, { email, password: PASSWORD }, viewport);

/** Types a name into a lead picker and waits until the match is offered, so the form knows the code. */
async function chooseLead(page: Page, label: string, shown: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(shown);
  await page.locator(`datalist option[value="${shown}"]`).first().waitFor({ state: 'attached' });
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

let actionId = 0;

describe.skipIf(!haveBrowser)('strategies, in Chromium', () => {
  test('the director sets up a strategy; the item with no lead is flagged until it has one', async () => {
    const page = await signedIn(DIRECTOR);
    await page.getByRole('link', { name: 'Strategies', exact: true }).click();
    await page.getByRole('heading', { name: 'Set up a strategy' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Code').fill('LEAD');
    await page.getByLabel('Name').fill('Leadership strategy');
    await page.getByLabel('Purpose').fill('Grow and keep good leaders');
    await chooseLead(page, 'Overarching lead', 'Dee Rector (P1)');
    await page.getByRole('button', { name: 'Create strategy' }).click();
    await page.getByRole('heading', { name: 'Leadership strategy' }).waitFor();
    expect(await page.getByTestId('overarching-lead').innerText()).toBe('Dee Rector');

    await page.getByLabel('Strand code').fill('S1');
    await page.getByLabel('Strand name').fill('Succession');
    await chooseLead(page, 'Strand lead', 'Ann Lead (P2)');
    await page.getByRole('button', { name: 'Add strand' }).click();
    await page.getByRole('heading', { name: 'S1 Succession' }).waitFor();
    await page.getByLabel('Strand code').fill('S2');
    await page.getByLabel('Strand name').fill('Workforce');
    await page.getByRole('button', { name: 'Add strand' }).click();
    await page.getByRole('heading', { name: 'S2 Workforce' }).waitFor();

    await page.getByLabel('To strand').selectOption({ label: 'S1 Succession' });
    await page.getByLabel('Action code').fill('1.1');
    await page.getByLabel('Title').fill('Deputy heads programme');
    await page.getByRole('checkbox', { name: 'Deputy headteachers' }).check();
    await page.getByRole('button', { name: 'Add action' }).click();
    const action = page.locator('[data-action="1.1"]');
    await action.waitFor();
    // Flagged: the action and the Workforce strand have no lead.
    expect(await action.innerText()).toContain('No lead');
    expect(await action.innerText()).toContain('Deputy headteachers');
    expect(await page.locator('[data-strand="S2"]').innerText()).toContain('No lead');
    expect(await page.getByTestId('unowned').innerText()).toBe('2 without a lead');

    await page.getByLabel('Indicator').selectOption({ label: 'Pupil attendance rate' });
    await page.getByLabel('Baseline value').fill('90');
    await page.getByLabel('Baseline period').fill('2025-09');
    await page.getByLabel('Target value').fill('96');
    await page.getByLabel('Target period').fill('2027-07');
    await page.getByLabel('Tolerance').fill('1');
    await page.getByRole('button', { name: 'Link measure' }).click();
    await page.locator('[data-testid=measures] tbody tr').waitFor();

    await page.getByLabel("From this strategy's").selectOption({ label: 'Strand S1 Succession' });
    await page.getByLabel('To strategy').selectOption({ label: 'Improving standards' });
    await page
      .getByLabel('Its strand or measure')
      .selectOption({ label: 'Measure: Pupil attendance rate, Tiny (95 by 2027-07)' });
    await page.getByLabel('How it contributes').fill('Better leaders, better attendance');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByRole('heading', { name: 'Contributes to' }).waitFor();
    expect(
      await page
        .getByRole('heading', { name: 'Contributes to' })
        .locator('xpath=following-sibling::ul[1]')
        .innerText(),
    ).toContain(
      "Improving standards: measure Pupil attendance rate, Tiny (from this strategy's strand Succession) — Better leaders, better attendance",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'strategy-set-up.png'), fullPage: true });

    await action.getByRole('link').click();
    await page.getByRole('heading', { name: '1.1 Deputy heads programme' }).waitFor();
    actionId = Number(page.url().split('/').pop());
    expect(await page.getByTestId('action-lead').innerText()).toBe('No lead');
    await chooseLead(page, 'Action lead', 'Hal Head (P4)');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('action-lead').getByText('Hal Head').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${base}/strategies/LEAD`);
    await page.getByTestId('unowned').getByText('1 without a lead').waitFor();
    await page.goto(`${base}/strategies/STD`);
    await page.getByRole('heading', { name: 'Contributed to by' }).waitFor();
    expect(
      await page.getByText("Leadership strategy: strand Succession (from this strategy's measure").count(),
    ).toBe(1);
    await page.close();
  });

  test('the action lead finds it in My part of the plan and sets it at risk, with a reason', async () => {
    const page = await signedIn(HEAD);
    await page.goto(`${base}/my-plan`);
    const row = page.locator('[data-testid=my-plan] tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('1.1 Deputy heads programme');
    expect(await row.innerText()).toContain('Leadership strategy');
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Update the status' }).waitFor();
    await page.getByLabel('Status').selectOption({ label: 'At risk' });
    await page.getByRole('button', { name: 'Record update' }).click();
    await page.getByText('say why the action is at risk').waitFor();
    expect(await page.getByTestId('action-status').innerText()).toContain('Not started');
    await page.getByLabel('Why (required when at risk or off track)').fill('Two providers withdrew');
    await page.getByRole('button', { name: 'Record update' }).click();
    await page.getByTestId('action-status').getByText('At risk').waitFor();
    expect(await page.getByTestId('updates').innerText()).toContain(
      'Not started → At risk by Hal Head: Two providers withdrew',
    );
    expect(await page.getByTestId('updates').innerText()).toContain('Two providers withdrew');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'strategy-action.png'), fullPage: true });
    await page.close();
  });

  test('the strategy page shows the status and the measure off track, as the API and by hand', async () => {
    const page = await signedIn(DIRECTOR);
    await page.goto(`${base}/strategies/LEAD?status=at_risk`);
    const action = page.locator('[data-action="1.1"]');
    await action.waitFor();
    expect(await action.innerText()).toContain('At risk');
    expect(await action.innerText()).toContain('Hal Head');
    // The filter is in the address: Workforce has nothing at risk.
    expect(await page.locator('[data-strand="S2"]').innerText()).toContain('No actions match the filter.');
    expect(await page.getByLabel('Status').inputValue()).toBe('at_risk');

    const answer = await page.request.get(`${base}/api/v1/strategies/LEAD`);
    const [measure] = (await answer.json()).measures;
    // Straight from 90% (2025-09) to 96% (2027-07): in 2026-10, 13 of 22 months on, 90 + 6 × 13/22.
    const expected = 90 + (6 * 13) / 22;
    const latest = (1570 / 1700) * 100;
    expect(measure.expected).toBeCloseTo(expected, 9);
    expect(measure.latest.value).toBeCloseTo(latest, 9);
    expect(measure.judgement).toBe('off_track');
    const cells = page.locator('[data-testid=measures] tbody tr').first();
    expect(await cells.locator('[data-cell=expected]').innerText()).toBe(`${expected.toFixed(1)}%`);
    expect(await cells.locator('[data-cell=latest]').innerText()).toBe(`${latest.toFixed(1)}% (2026-10)`);
    expect(await cells.locator('[data-cell=judgement]').innerText()).toBe('Off track');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  test('the strategy and action pages fit a 390 px phone', async () => {
    const page = await signedIn(DIRECTOR, { width: 390, height: 844 });
    for (const url of ['/strategies', '/strategies/LEAD', `/strategies/actions/${actionId}`, '/my-plan']) {
      await page.goto(`${base}${url}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      if ((await sideways(page)) > 0) {
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll('main *')]
            .filter(
              (e) =>
                !e.closest('.scroll') &&
                e.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
            )
            .slice(0, 5)
            .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
        );
        console.log(url, wide);
      }
      expect(await sideways(page), url).toBeLessThanOrEqual(0);
    }
    await page.goto(`${base}/strategies/LEAD`);
    await page.locator('[data-action="1.1"]').waitFor();
    await page.screenshot({ path: path.join(shots, 'strategy-390px.png'), fullPage: true });
    await page.close();
  });

  test('the director renames the plan and an action, moves a milestone, removes a link and a measure', async () => {
    const page = await signedIn(DIRECTOR);
    const api = async (url: string) => (await page.request.get(`${base}/api/v1/strategies${url}`)).json();
    await page.goto(`${base}/strategies/LEAD`);
    await page.getByText('Rename or change the purpose').click();
    await page.getByLabel('Strategy name').fill('Leadership and succession strategy');
    await page.getByRole('button', { name: 'Save name and purpose' }).click();
    await page.getByRole('heading', { name: 'Leadership and succession strategy', level: 1 }).waitFor();
    expect((await api('/LEAD')).name).toBe('Leadership and succession strategy');

    // Removing asks once more; Keep sends nothing.
    const links = page
      .getByRole('heading', { name: 'Contributes to' })
      .locator('xpath=following-sibling::ul[1]');
    await links.getByRole('button', { name: 'Remove the link to Improving standards' }).click();
    await links.getByRole('button', { name: 'Keep the link to Improving standards' }).click();
    expect((await api('/LEAD')).contributes_to).toHaveLength(1);
    await links.getByRole('button', { name: 'Remove the link to Improving standards' }).click();
    await links.getByRole('button', { name: 'Yes, remove the link to Improving standards' }).click();
    await page.getByRole('heading', { name: 'Contributes to' }).waitFor({ state: 'detached' });
    expect((await api('/LEAD')).contributes_to).toEqual([]);
    expect((await api('/STD')).contributed_by).toEqual([]);

    const measures = page.locator('[data-testid=measures]');
    await measures.getByRole('button', { name: /^Remove the measure Pupil attendance rate/ }).click();
    await measures.getByRole('button', { name: /^Yes, remove the measure/ }).click();
    await page.getByText('No measures linked yet.').waitFor();
    expect((await api('/LEAD')).measures).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${base}/strategies/actions/${actionId}`);
    await page.getByLabel('Action title').fill('Deputy and assistant heads programme');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: '1.1 Deputy and assistant heads programme' }).waitFor();
    expect((await api(`/actions/${actionId}`)).title).toBe('Deputy and assistant heads programme');
    await page.getByLabel('Milestone').fill('First cohort recruited');
    await page.getByLabel('Due', { exact: true }).fill('2027-01-31');
    await page.getByRole('button', { name: 'Add milestone' }).click();
    const milestones = page.getByTestId('milestones');
    await milestones.getByText('First cohort recruited, due 2027-01-31').waitFor();
    await milestones.getByText('Change date').click();
    await milestones.getByLabel('New due date').fill('2027-03-31');
    await milestones.getByRole('button', { name: 'Save date' }).click();
    await milestones.getByText('First cohort recruited, due 2027-03-31').waitFor();
    expect((await api(`/actions/${actionId}`)).milestones).toMatchObject([
      { title: 'First cohort recruited', due_on: '2027-03-31', done_on: null },
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
