// Strengths in a real browser, on the tiny authority (A {S1, S2}, B {S3, S4, S5}): S5's head declares a
// strength in attendance on the strengths page, area B's lead confirms it in the queue, and S5's page
// lists the same strengths as the API's GET /strengths?school=S5; the pages are axe-clean and, at 390 px,
// nothing but tables is wider than the screen.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { StrengthPage } from '../../src/strengths/contract.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const HEAD = { email: 'head.s5@tiny.example', password: 'strengths test password' };
const LEAD = { email: 'lead.b@tiny.example', password: 'strengths test password' };
const EVIDENCE = 'Attendance rose from 91% to 96% in two years through first-day calls and a breakfast club.';
let app: RunningApp;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await addUser(context, { ...HEAD, role: 'headteacher', orgUnit: 'S5' });
    await addUser(context, { ...LEAD, role: 'area_lead', orgUnit: 'B' });
  });
}, 120_000);
afterAll(() => app?.close());

/** Elements other than tables (and what is inside them) wider than the page. */
const overflowing = (page: import('playwright-core').Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter(
        (el) => !el.closest('table, .scroll') && el.getBoundingClientRect().right > window.innerWidth + 1,
      )
      .map((el) => `${el.tagName}.${el.className}`),
  );

describe.skipIf(!haveBrowser)('strengths in Chromium', () => {
  test('a head declares, the area lead confirms, the school page lists the API’s strengths', async () => {
    const head = await signIn(app, HEAD);
    await head.getByRole('link', { name: 'Strengths', exact: true }).click();
    const form = head.getByRole('form', { name: 'Declare a strength' });
    await form.getByLabel('Practice area').selectOption({ label: 'Attendance' });
    await form.getByLabel(/What shows it/).fill(EVIDENCE);
    await form.getByRole('button', { name: 'Declare' }).click();
    await expect(head.getByTestId('declared').textContent()).resolves.toMatch(/awaiting confirmation/);
    expect(await seriousViolations(head)).toEqual([]);
    await head.screenshot({ path: path.join(shots, 'strengths-head.png'), fullPage: true });

    const lead = await signIn(app, LEAD);
    await lead.goto(`${app.base}/strengths`);
    const queue = lead.getByTestId('strengths-queue');
    await queue.getByRole('button', { name: 'Confirm' }).click();
    await queue.getByText('None awaiting.').waitFor();
    expect(await seriousViolations(lead)).toEqual([]);
    await lead.screenshot({ path: path.join(shots, 'strengths-lead.png'), fullPage: true });

    await lead.goto(`${app.base}/schools/S5`);
    const section = lead.getByTestId('school-strengths');
    await section.waitFor();
    const api = await apiJson<StrengthPage>(lead, app.base, '/api/v1/strengths?school=S5&page_size=500');
    expect(api.rows.some((r) => r.source === 'declared' && r.evidence.includes('breakfast club'))).toBe(true);
    const items = await section.locator('li').allTextContents();
    expect(items.length).toBe(api.rows.length);
    api.rows.forEach((r, i) => {
      expect(items[i]).toContain(r.practice_area_name);
      expect(items[i]).toContain(r.evidence);
    });
    expect(items.some((t) => t.includes('breakfast club'))).toBe(true);
    expect(await seriousViolations(lead)).toEqual([]);

    const phone = await signIn(app, LEAD, { width: 390, height: 844 });
    await phone.goto(`${app.base}/strengths`);
    await phone.getByTestId('strengths').waitFor();
    expect(await overflowing(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(shots, 'strengths-390.png'), fullPage: true });
  }, 120_000);
});
