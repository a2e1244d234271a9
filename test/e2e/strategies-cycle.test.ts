// The termly cycle in a real browser. Strategy LEAD (overarching lead Dee Rector, the director) has strand
// S1 (Ann Lead) with actions 1.1 (Hal Head), 1.2 (Ann Lead, updated in May) and 1.3 (Hal Head, done in
// January, before the term), and strand S2 with no lead and action 2.1 with no lead. Today is the server's
// day (late November), so the cycle opened with the defaults is for 2025-26T3 (April to August), due two
// weeks from today. By hand: asked 6 (the overall summary, S1, S2, 1.1, 1.2, 2.1; not 1.3); 1.2 already
// on time; S2 and 2.1 with no one to ask; 3 awaiting. Hal Head sees the request in "My part of the plan"
// and in the reminders, is refused "at risk" without a reason, then updates: 2 of 6 updated. The page's
// figures equal the API's and this count; "remind" writes two emails to the outbox (no SMTP here).
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import type { Database } from '../../src/db/connection.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { MyItem } from '../../src/strategies/contract.ts';
import type { Cycle } from '../../src/strategies/cycle-contract.ts';
import { addAction, addMeasure, addStrand, createStrategy } from '../../src/strategies/edit.ts';
import { updateAction } from '../../src/strategies/updates.ts';
import { apiJson, haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

const PASSWORD = 'a long cycle password';
const DIRECTOR = 'director@tiny.example';
const HEAD = 'head.s1@tiny.example';
const ADMIN = 'admin@tiny.example';

let base: string;
let browser: Browser;
let database: Database;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, database, close } = await startApp(async (db) => {
    const context = contextFor(db, operator('test'));
    await loadTinyAuthority(db);
    await importFile(
      context,
      'people',
      csv('p.csv', [
        'code,given_name,family_name,email',
        'P1,Dee,Rector,',
        'P2,Ann,Lead,ann.lead@tiny.example',
        'P4,Hal,Head,',
      ]),
    );
    for (const [email, role, orgUnit, person] of [
      [DIRECTOR, 'director', 'T', 'P1'],
      [HEAD, 'headteacher', 'S1', 'P4'],
      [ADMIN, 'admin', 'T', undefined],
    ] as const)
      await addUser(context, { email, password: PASSWORD, role, orgUnit, person });
    await createStrategy(context, {
      code: 'LEAD',
      name: 'Leadership strategy',
      purpose: '',
      scope: 'T',
      lead: 'P1',
    });
    const s1 = await addStrand(context, 'LEAD', { code: 'S1', name: 'Succession', purpose: '', lead: 'P2' });
    const s2 = await addStrand(context, 'LEAD', { code: 'S2', name: 'Workforce', purpose: '', lead: null });
    const action = (strand: number, code: string, title: string, lead: string | null) =>
      addAction(context, strand, { code, title, purpose: '', lead, groups: [], parent: null });
    const a11 = await action(s1, '1.1', 'Deputy heads programme', 'P4');
    await addMeasure(context, 'LEAD', {
      action: a11,
      indicator: 'attendance_rate',
      baseline_value: 90,
      baseline_period: '2025-09',
      target_value: 96,
      target_period: '2027-07',
      trajectory: 'straight',
      tolerance: 1,
    });
    const a12 = await action(s1, '1.2', 'Succession planning toolkit', 'P2');
    const a13 = await action(s1, '1.3', 'Assistant heads network', 'P4');
    await action(s2, '2.1', 'Bursars network', null);
    await updateAction(context, a12, { status: 'on_track', commentary: 'Toolkit drafted', on: '2026-05-10' });
    await updateAction(context, a13, { status: 'done', commentary: 'Running', on: '2026-01-15' });
  }));
}, 120_000);
afterAll(() => close());

const signedIn = (email: string, viewport?: { width: number; height: number }) =>
  signIn({ browser, base }, { email, password: PASSWORD }, viewport);

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const cyclePath = '/strategies/LEAD/cycle/2025-26T3';
const cycleApi = '/api/v1/strategies/LEAD/cycles/2025-26T3';

/** A counts table's row as numbers, asked to no one to ask. */
const countsRow = async (page: Page, table: string, name: string) =>
  (
    await page
      .getByTestId(table)
      .getByRole('row', { name: new RegExp(`^${name}`) })
      .locator('td')
      .allInnerTexts()
  ).map(Number);
const asRow = (c: Cycle['totals']) => [c.asked, c.on_time, c.late, c.missing, c.awaiting, c.unowned];

describe.skipIf(!haveBrowser)('the termly cycle, in Chromium', () => {
  test('the overarching lead opens the cycle with the defaults: every lead asked, the unowned flagged', async () => {
    const page = await signedIn(DIRECTOR);
    await page.goto(`${base}/strategies/LEAD`);
    await page.getByRole('link', { name: /Termly cycles/ }).click();
    await page.getByRole('heading', { name: 'Termly cycles: Leadership strategy' }).waitFor();
    await page.getByText('No cycle has been opened yet.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Open the cycle' }).click();
    await page.getByRole('heading', { name: 'The 2025-26T3 cycle: Leadership strategy' }).waitFor();
    expect(page.url()).toBe(`${base}${cyclePath}`);
    const cycle = await apiJson<Cycle>(page, base, cycleApi);
    expect(asRow(cycle.totals)).toEqual([6, 1, 0, 0, 3, 2]);
    expect(await page.getByTestId('cycle-totals').innerText()).toMatch(
      /^1 of 6 updated \(1 on time, 0 late\)/,
    );
    expect(await countsRow(page, 'by-strand', 'S2 Workforce')).toEqual([2, 0, 0, 0, 0, 2]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the action lead sees the request in the reminders and in My part of the plan, and updates', async () => {
    const page = await signedIn(HEAD);
    const badge = page.getByTestId('reminders');
    expect(await badge.innerText()).toMatch(/^1 due/);
    await badge.click();
    expect(await page.getByTestId('overdue').innerText()).toMatch(
      /Update due for 1\.1 Deputy heads programme by \d{4}-\d{2}-\d{2}/,
    );
    await page.getByRole('link', { name: '1.1 Deputy heads programme' }).click();
    await page.getByRole('heading', { name: 'My part of the plan' }).waitFor();
    const asked = page.getByTestId('asked');
    expect(await asked.innerText()).toMatch(/Update due for 1\.1 Deputy heads programme by/);
    // 1.3 was done before the term: it is not asked.
    expect(await asked.innerText()).not.toContain('1.3');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByText('Record the update').click();
    await page.getByLabel('Status').selectOption({ label: 'At risk' });
    await page.getByRole('button', { name: 'Record update' }).click();
    await page.getByText(/say why the action is at risk/).waitFor();
    await page.getByLabel('Why (required when at risk or off track)').fill('Two schools withdrew');
    await page.getByRole('button', { name: 'Record update' }).click();
    await page.getByTestId('asked').waitFor({ state: 'detached' });
    expect(await page.getByTestId('my-plan').innerText()).toContain('Updated on time');
    // Their measure against its trajectory, judged as the API judges it.
    const mine = await apiJson<{ items: MyItem[] }>(page, base, '/api/v1/strategies/mine');
    const judged = mine.items.flatMap((i) => i.measures);
    expect(judged).toHaveLength(1);
    const row = page.getByTestId('measures').locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('1.1 Deputy heads programme');
    expect(await row.innerText()).toContain(
      { on_track: 'On track', off_track: 'Off track', no_data: 'No data yet' }[
        judged[0]?.judgement ?? 'no_data'
      ],
    );
    await page.screenshot({ path: path.join(shots, 'cycle-my-plan.png'), fullPage: true });
    const phone = await signedIn(HEAD, { width: 390, height: 844 });
    await phone.goto(`${base}/my-plan`);
    await phone.getByRole('heading', { name: 'My part of the plan' }).waitFor();
    expect(await sideways(phone)).toBe(0);
  });

  test('the overarching lead sees completion move, who is still missing, and reminds them', async () => {
    const page = await signedIn(DIRECTOR);
    await page.goto(`${base}${cyclePath}`);
    await page.getByTestId('cycle-totals').waitFor();
    const cycle = await apiJson<Cycle>(page, base, cycleApi);
    // By hand: 1.1 and 1.2 on time; S1's and the overall summaries awaited; S2 and 2.1 with no one to ask.
    expect(asRow(cycle.totals)).toEqual([6, 2, 0, 0, 2, 2]);
    expect(await page.getByTestId('cycle-totals').innerText()).toMatch(
      /^2 of 6 updated \(2 on time, 0 late\)/,
    );
    expect(await countsRow(page, 'by-lead', 'Hal Head')).toEqual([1, 1, 0, 0, 0, 0]);
    expect(await countsRow(page, 'by-strand', 'S1 Succession')).toEqual(
      asRow(cycle.by_strand.find((s) => s.strand?.code === 'S1')?.counts as Cycle['totals']),
    );
    const missing = await page.getByTestId('not-updated').locator('tbody th').allInnerTexts();
    expect(missing.sort()).toEqual(['Ann Lead', 'Dee Rector']);
    expect(cycle.not_updated.map((n) => n.lead.name).sort()).toEqual(['Ann Lead', 'Dee Rector']);

    await page.getByRole('button', { name: 'Remind those who have not updated' }).click();
    expect(await page.locator('main').getByRole('status').innerText()).toMatch(
      /Reminded 2 leads about 2 items .*outbox/,
    );
    const outbox = await database.db.selectFrom('mail_outbox').select(['sent_to', 'body']).execute();
    expect(outbox.map((m) => m.sent_to).sort()).toEqual(['ann.lead@tiny.example', DIRECTOR]);
    // The admin reads what would have been sent.
    const admin = await signedIn(ADMIN);
    await admin.goto(`${base}/admin/outbox`);
    const mail = admin.getByTestId('outbox').locator(':scope > li');
    // The page as an admin opens it, reloaded until it shows the mail (a loaded CI machine can be slow).
    await expect
      .poll(
        async () => {
          if ((await mail.count()) === 0) await admin.reload();
          return mail.count();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe(2);
    await mail
      .filter({ hasText: 'ann.lead@tiny.example' })
      .getByText(/Headway: 1 update due/)
      .click();
    expect(await mail.filter({ hasText: 'ann.lead@tiny.example' }).innerText()).toContain(
      'Update due for Strand summary: S1 Succession (Leadership strategy, 2025-26T3)',
    );
    expect(await seriousViolations(admin)).toEqual([]);

    await page.getByLabel('Outcome').selectOption({ label: 'No one to ask' });
    await page.waitForURL(/outcome=unowned/);
    await page.reload();
    expect(await page.getByLabel('Outcome').inputValue()).toBe('unowned');
    expect(await page.getByTestId('requests').locator('tbody tr').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'cycle-progress.png'), fullPage: true });

    const phone = await signedIn(DIRECTOR, { width: 390, height: 844 });
    await phone.goto(`${base}${cyclePath}`);
    await phone.getByTestId('cycle-totals').waitFor();
    expect(await sideways(phone)).toBe(0);
    await phone.screenshot({ path: path.join(shots, 'cycle-progress-phone.png'), fullPage: true });
  });
  test('the report for the term, drafted from the data, shows the same completion as the cycle page', async () => {
    const page = await signedIn(DIRECTOR);
    const cycle = await apiJson<Cycle>(page, base, cycleApi);
    await page.goto(`${base}/strategies/LEAD/report?term=2025-26T3`);
    const report = page.frameLocator('iframe[data-testid="report"]');
    const figure = (name: string) => report.getByRole('row', { name }).getByRole('cell').textContent();
    await report.getByRole('heading', { name: 'Summary' }).waitFor();
    await expect(figure('Updates asked this term')).resolves.toBe(String(cycle.totals.asked));
    await expect(figure('Updated on time')).resolves.toBe(String(cycle.totals.on_time));
    await expect(figure('No one to ask')).resolves.toBe(String(cycle.totals.unowned));
    expect(await seriousViolations(page)).toEqual([]);
  });
});
