// An admin's day in a real browser: add an account with a role at an area, see it sign in and land on
// that area, disable it and see it signed out, make it a token and call the API with it; then search
// the audit log for the account's creation, filter by date, page, reload and see the same view, and
// export the filtered events as CSV. Every page is axe-clean.
import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import type { Database } from '../../src/db/connection.ts';
import { loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import { readCsv, wholeTable } from '../../src/tabular/read.ts';
import { haveBrowser, seriousViolations, shots, signIn, startApp } from './harness.ts';

const ADMIN = { email: 'admin@tiny.example', password: 'correct horse battery' };
const NEW = { name: 'Nia Newcombe', email: 'nia.newcombe@tiny.example' };
/** 30 events by a scheduled job on 2026-11-02 to 2026-11-03, more than a page of 25. */
const JOB_EVENTS = 30;

let base: string;
let browser: Browser;
let database: Database;
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  if (!haveBrowser) return;
  ({ base, browser, database, close } = await startApp(async (db) => {
    await loadTinyAuthority(db);
    await addUser(contextFor(db, operator('test')), {
      ...ADMIN,
      name: 'Ada Admin',
      role: 'admin',
      orgUnit: 'T',
    });
    await sql`
      insert into audit_event (at, actor, action, entity, details)
      select timestamptz '2026-11-02T08:00:00Z' + make_interval(hours => n), 'nightly-job@tiny.example',
        'refresh', 'support-needs', jsonb_build_object('run', n)
      from generate_series(1, ${JOB_EVENTS}) n`.execute(db);
  }));
});

afterAll(() => close());

const signedIn = (account: { email: string; password: string }) => signIn({ browser, base }, account);

const today = () => new Date().toISOString().slice(0, 10);

describe.skipIf(!haveBrowser)('an admin manages accounts and reads the audit log, in Chromium', () => {
  let admin: Page;
  let password = '';

  test('adds an account with a role at an area, chosen by name; it signs in and sees that area', async () => {
    admin = await signedIn(ADMIN);
    await admin.getByRole('link', { name: 'Admin' }).click();
    const accounts = admin.getByTestId('accounts');
    await accounts.waitFor();
    // The list holds the one account there is, and says so.
    expect(await accounts.locator('tbody tr').count()).toBe(1);
    expect(await admin.getByText('Showing 1–1 of 1 account').count()).toBe(1);
    expect(await seriousViolations(admin)).toEqual([]);

    await admin.getByRole('button', { name: 'Add an account' }).click();
    const form = admin.getByRole('form', { name: 'Add an account' });
    await form.getByLabel('Name').fill(NEW.name);
    await form.getByLabel('Email').fill(NEW.email);
    await form.getByLabel('Role').selectOption({ label: 'Area lead' });
    await form.getByLabel('At').fill('Area A');
    // The place is recognised by its name before the form is sent.
    await form.getByText('area: Area A').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await form.getByRole('button', { name: 'Add the account' }).click();
    const secret = admin.getByTestId('secret');
    await secret.waitFor();
    password = (await secret.textContent()) ?? '';
    expect(password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    await admin.screenshot({ path: path.join(shots, 'admin-password-once.png') });
    await admin.getByRole('button', { name: 'Done' }).click();
    // The account opens, its role named by the place's name.
    await admin.getByTestId('roles').waitFor();
    expect(await admin.getByTestId('roles').textContent()).toContain('Area lead at Area A (A)');
    expect(await admin.getByText(password).count()).toBe(0);

    const lead = await signedIn({ email: NEW.email, password });
    const yours = lead.getByRole('navigation', { name: 'Your schools and areas' });
    await yours.getByRole('link', { name: 'Area A' }).click();
    await lead
      .getByRole('heading', { name: /Area A/ })
      .first()
      .waitFor();
    expect(await lead.getByText('Big School').count()).toBeGreaterThan(0);
    expect(await lead.getByText('Third School').count()).toBe(0);

    // Disabled: the open session ends at once, and the next page asks to sign in.
    admin.once('dialog', (dialog) => dialog.accept());
    await admin.getByRole('button', { name: 'Disable the account' }).click();
    await admin.getByText(`${NEW.email} is disabled`).waitFor();
    await lead.goto(`${base}/areas/A`);
    await lead.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await lead.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await lead.getByLabel('Email').fill(NEW.email);
    await lead.getByLabel('Password').fill(password);
    await lead.getByRole('button', { name: 'Sign in' }).click();
    await lead.getByText('The email or password is not right').waitFor();
    await lead.context().close();
  });

  test('makes the account an API token with an expiry, and the API answers to it', async () => {
    await admin.getByRole('button', { name: 'Enable the account' }).click();
    await admin.getByText(`${NEW.email} is enabled again`).waitFor();
    const tokenForm = admin.getByRole('form', { name: 'Make an API token' });
    await tokenForm.getByLabel('What it is for').fill('attendance feed');
    await tokenForm.getByLabel(/Expires on/).fill('2099-07-31');
    await tokenForm.getByRole('button', { name: 'Make a token' }).click();
    const secret = admin.getByTestId('secret');
    await secret.waitFor();
    const token = (await secret.textContent()) ?? '';
    expect(token).toMatch(/^hw_/);
    const row = admin.getByTestId('tokens').locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('attendance feed');
    expect(await row.first().textContent()).toContain('2099-07-31');
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.screenshot({ path: path.join(shots, 'admin-account.png'), fullPage: true });

    const session = await fetch(`${base}/api/v1/auth/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(session.status).toBe(200);
    expect((await session.json()).roles).toEqual([{ role: 'area_lead', org_unit: 'A' }]);
    expect(
      (await fetch(`${base}/api/v1/schools/S3`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(404);
  });

  test('finds the account’s creation in the audit log by text and date', async () => {
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.getByTestId('audit').waitFor();
    await admin.getByRole('combobox', { name: 'What', exact: true }).selectOption({ label: 'add user' });
    await admin.getByLabel('Text', { exact: true }).fill('nia.newcombe');
    await expect.poll(() => admin.getByTestId('audit').locator('tbody tr').count()).toBe(1);
    const row = admin.getByTestId('audit').locator('tbody tr').first();
    expect(await row.textContent()).toContain(ADMIN.email);
    for (const detail of [`email: ${NEW.email}`, 'role: area_lead', 'org unit: A'])
      expect(await row.textContent()).toContain(detail);
    // Opened, the event shows the rows it added, field by field.
    await row.getByRole('button').click();
    const event = admin.getByTestId('audit-event');
    await event.getByRole('rowheader', { name: 'email' }).first().waitFor();
    expect(await event.textContent()).toContain('app_user');
    expect(await event.textContent()).toContain(NEW.email);
    expect(await event.textContent()).not.toContain('password_hash');
    expect(await seriousViolations(admin)).toEqual([]);

    // Today holds it; from tomorrow nothing does.
    await admin.getByLabel('From', { exact: true }).fill(today());
    await admin.getByLabel('To', { exact: true }).fill(today());
    await expect.poll(() => admin.getByTestId('audit').locator('tbody tr').count()).toBe(1);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await admin.getByLabel('From', { exact: true }).fill(tomorrow);
    await admin.getByLabel('To', { exact: true }).fill(tomorrow);
    await admin.getByText('No event matches.').waitFor();
  });

  test('pages a long filter, keeps the view through a reload and Back, and exports the same events', async () => {
    await admin.getByRole('button', { name: 'Clear the filters' }).click();
    await admin.getByLabel('Who', { exact: true }).fill('nightly-job');
    await admin.getByText(`Showing 1–25 of ${JOB_EVENTS} events (page 1 of 2)`).waitFor();
    const rows = admin.getByTestId('audit').locator('tbody tr');
    expect(await rows.count()).toBe(25);
    // Newest first: the 30th run, at 2026-11-03 14:00 UTC.
    expect(await rows.first().textContent()).toContain('2026-11-03 14:00');
    expect(await rows.first().textContent()).toContain('run: 30');
    await admin.getByRole('button', { name: 'Next' }).click();
    await admin.getByText(`Showing 26–${JOB_EVENTS} of ${JOB_EVENTS} events (page 2 of 2)`).waitFor();
    await expect.poll(() => rows.count()).toBe(JOB_EVENTS - 25);
    expect(await rows.last().textContent()).toContain('run: 1');

    await admin.reload();
    await admin.getByText(`Showing 26–${JOB_EVENTS} of ${JOB_EVENTS} events (page 2 of 2)`).waitFor();
    expect(await admin.getByLabel('Who', { exact: true }).inputValue()).toBe('nightly-job');
    expect(new URL(admin.url()).searchParams.get('actor')).toBe('nightly-job');
    await admin.goBack();
    await admin.getByText(`Showing 1–25 of ${JOB_EVENTS} events (page 1 of 2)`).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.screenshot({ path: path.join(shots, 'admin-audit.png'), fullPage: true });

    const link = admin.getByRole('link', { name: 'CSV' });
    const download = await admin.request.get(`${base}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    const table = await wholeTable(await readCsv(new Uint8Array(await download.body())));
    expect(table.header).toEqual([
      'id',
      'at',
      'actor',
      'action',
      'entity',
      'object_id',
      'changes',
      'details',
    ]);
    expect(table.rows).toHaveLength(JOB_EVENTS);
    // Newest first, every one the job's, each run once.
    expect(table.rows[0]?.cells.slice(1, 5)).toEqual([
      '2026-11-03T14:00:00.000Z',
      'nightly-job@tiny.example',
      'refresh',
      'support-needs',
    ]);
    const runs = table.rows.map((r) => JSON.parse(r.cells[7] as string).run).sort((a, b) => a - b);
    expect(runs).toEqual(Array.from({ length: JOB_EVENTS }, (_, i) => i + 1));
    // The export is itself in the log, with its filter.
    const exported = await database.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'export')
      .executeTakeFirstOrThrow();
    expect(exported.details).toEqual({ actor: 'nightly-job', rows: JOB_EVENTS });
    await admin.context().close();
  });
});
