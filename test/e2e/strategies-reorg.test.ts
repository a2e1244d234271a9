// Reorganising a plan in a real browser: the director merges "Middle leadership" into "Succession
// planning" with a reason, reading first what will happen; the strategy page then shows one strand,
// the history says who, when and why, the plan as it stood on 31 December 2025 (in the address) shows
// both strands with their actions and statuses then, and an action's page shows its move. Each page is
// checked against the API, is axe-clean, and fits a 390 px phone without sideways scrolling.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { Strategy } from '../../src/strategies/contract.ts';
import { addAction, addStrand, createStrategy } from '../../src/strategies/edit.ts';
import type { PlanChange } from '../../src/strategies/reorganise-contract.ts';
import { updateAction } from '../../src/strategies/updates.ts';
import { apiJson, haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

const PASSWORD = 'a long reorganising password';
const DIRECTOR = 'director@tiny.example';

let base: string;
let browser: Browser;
let close: () => Promise<void> = async () => {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, close } = await startApp(async (db) => {
    const at = (today: string) => contextFor(db, operator('test'), { today });
    const start = at('2025-09-01');
    await loadTinyAuthority(db);
    await importFile(
      start,
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P1,Dee,Rector,', 'P2,Ann,Lead,']),
    );
    await addUser(start, {
      email: DIRECTOR,
      password: PASSWORD,
      role: 'director',
      orgUnit: 'T',
      person: 'P1',
    });
    await createStrategy(start, {
      code: 'LEAD',
      name: 'Leadership strategy',
      purpose: '',
      scope: 'T',
      lead: 'P1',
    });
    const strand = (code: string, name: string) =>
      addStrand(start, 'LEAD', { code, name, purpose: '', lead: 'P2' });
    ids.ml = await strand('ML', 'Middle leadership');
    ids.sp = await strand('SP', 'Succession planning');
    const action = (s: number, code: string, title: string) =>
      addAction(start, s, { code, title, purpose: '', lead: 'P2', parent: null, groups: [] });
    ids.network = await action(ids.ml, 'ML1', 'Middle leaders network');
    ids.curriculum = await action(ids.ml, 'ML2', 'Curriculum leads programme');
    ids.heads = await action(ids.sp, 'SP1', 'Aspiring heads');
    await updateAction(at('2025-10-01'), ids.network, { status: 'on_track', commentary: '' });
    await updateAction(at('2026-02-01'), ids.network, { status: 'at_risk', commentary: 'Venue lost' });
  }));
}, 120_000);
afterAll(() => close());

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const strandsShown = (page: Page) =>
  page.locator('section.strand').evaluateAll((sections) =>
    sections.map((s) => ({
      strand: s.querySelector('h2')?.textContent?.trim(),
      actions: [...s.querySelectorAll('li[data-action]')].map((li) => li.getAttribute('data-action')),
    })),
  );
const fromApi = (s: Strategy) =>
  s.strands.map((st) => ({ strand: `${st.code} ${st.name}`, actions: st.actions.map((a) => a.code) }));
const today = new Date().toISOString().slice(0, 10);
const longToday = new Date(`${today}T00:00:00Z`).toLocaleDateString('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

describe.skipIf(!haveBrowser)('reorganising a strategy, in Chromium', () => {
  test('the director merges two strands with a reason, after reading what will happen', async () => {
    const page = await signIn({ browser, base }, { email: DIRECTOR, password: PASSWORD });
    await page.goto(`${base}/strategies/LEAD`);
    await page.getByRole('heading', { name: 'Reorganise the plan' }).waitFor();
    await page.getByText('No reorganisations yet').waitFor();
    await page.getByRole('combobox', { name: /^Change\b/ }).selectOption({ label: 'Merge strands' });
    await page.getByRole('checkbox', { name: 'ML Middle leadership' }).check();
    await page.getByRole('checkbox', { name: 'SP Succession planning' }).check();
    await page.getByLabel('Merge into').selectOption({ label: 'SP Succession planning' });
    await page
      .getByLabel('Reason (kept in the history)')
      .fill('Six strands become five, as the review asked');
    await page.getByRole('button', { name: 'Check what will happen' }).click();
    const preview = page.getByTestId('reorganise-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain(
      "What will happen: Merged 'Middle leadership' into 'Succession planning' (2 actions moved).",
    );
    // Nothing has happened yet: both strands are still on the page and in the API.
    expect((await apiJson<Strategy>(page, base, '/api/v1/strategies/LEAD')).strands).toHaveLength(2);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm the change' }).click();
    await page.getByTestId('reorganise-done').waitFor();
    await page.locator('section.strand').nth(1).waitFor({ state: 'detached' });
    const now = await apiJson<Strategy>(page, base, '/api/v1/strategies/LEAD');
    expect(fromApi(now)).toEqual([{ strand: 'SP Succession planning', actions: ['SP1', 'ML1', 'ML2'] }]);
    expect(await strandsShown(page)).toEqual(fromApi(now));
    const history = page.getByTestId('plan-history');
    await history.waitFor();
    expect(await history.innerText()).toBe(
      `${longToday} Merged 'Middle leadership' into 'Succession planning' (2 actions moved), by Dee Rector. Why: Six strands become five, as the review asked\n'Middle leadership' retired: kept in the plan's history.`,
    );
    const changes = await apiJson<{ changes: PlanChange[] }>(page, base, '/api/v1/strategies/LEAD/history');
    expect(changes.changes.map((c) => [c.author, c.reason])).toEqual([
      ['Dee Rector', 'Six strands become five, as the review asked'],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'strategy-reorganised.png'), fullPage: true });
  });

  test('the plan as it stood on 31 December 2025 shows both strands, and stays on reload', async () => {
    const page = await signIn({ browser, base }, { email: DIRECTOR, password: PASSWORD });
    await page.goto(`${base}/strategies/LEAD`);
    await page.getByLabel('Plan as it stood on').fill('2025-12-31');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const banner = page.getByTestId('as-of-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('The plan as it stood on 31 December 2025.');
    expect(new URL(page.url()).searchParams.get('as_of')).toBe('2025-12-31');
    await page.locator('section.strand').nth(1).waitFor();
    const then = await apiJson<Strategy>(page, base, '/api/v1/strategies/LEAD?as_of=2025-12-31');
    expect(fromApi(then)).toEqual([
      { strand: 'ML Middle leadership', actions: ['ML1', 'ML2'] },
      { strand: 'SP Succession planning', actions: ['SP1'] },
    ]);
    expect(await strandsShown(page)).toEqual(fromApi(then));
    // On track on 31 December (at risk only from 1 February), as the status log says.
    expect(await page.locator('li[data-action="ML1"]').innerText()).toContain('On track');
    expect(await page.getByRole('heading', { name: 'Reorganise the plan' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'strategy-as-of.png'), fullPage: true });
    await page.reload();
    await page.getByTestId('as-of-banner').waitFor();
    expect(await strandsShown(page)).toEqual(fromApi(then));
    // An action opened from the past view is the action as it stood then: in Middle leadership, on track.
    await page.getByRole('link', { name: 'ML1 Middle leaders network' }).click();
    await page.getByText('The action as it stood on 31 December 2025.').waitFor();
    expect(await page.locator('p.crumbs').innerText()).toContain('Middle leadership');
    expect(await page.getByTestId('action-status').innerText()).toContain('On track');
    expect(await page.getByRole('heading', { name: 'Update the status' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goBack();
    await page.getByTestId('as-of-banner').waitFor();
    await page.getByRole('button', { name: 'Back to today’s plan' }).click();
    await page.getByTestId('as-of-banner').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('as_of')).toBeNull();
  });

  test('an action’s page shows its move; the pages fit a 390 px phone', async () => {
    const page = await signIn(
      { browser, base },
      { email: DIRECTOR, password: PASSWORD },
      { width: 390, height: 844 },
    );
    await page.goto(`${base}/strategies/actions/${ids.network}`);
    const moves = page.getByTestId('action-moves');
    await moves.waitFor();
    expect(await moves.innerText()).toBe(
      `${longToday} Moved from Middle leadership to Succession planning by Dee Rector. Why: Six strands become five, as the review asked (Merged 'Middle leadership' into 'Succession planning' (2 actions moved))`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);
    await page.screenshot({ path: path.join(shots, 'strategy-action-moves-390.png'), fullPage: true });
    await page.goto(`${base}/strategies/LEAD?as_of=2025-12-31`);
    await page.getByTestId('as-of-banner').waitFor();
    expect(await sideways(page)).toBe(0);
    await page.goto(`${base}/strategies/LEAD`);
    await page.getByRole('heading', { name: 'Reorganise the plan' }).waitFor();
    await page.getByRole('combobox', { name: /^Change\b/ }).selectOption({ label: 'Split a strand' });
    await page
      .locator('section[aria-labelledby="reorganise-heading"] select')
      .nth(1)
      .selectOption({ label: 'SP Succession planning' });
    expect(await sideways(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'strategy-reorganise-390.png'), fullPage: true });
  });
});
