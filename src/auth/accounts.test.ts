// The accounts page's API and the audit log's search, as an admin uses them: find an account, add one,
// grant and revoke roles, reset a password, disable (sessions and tokens stop at once), tokens with an
// expiry; the last admin cannot be locked out; the log filtered by who, what, when and which record,
// paged and exported. Fixtures are built by hand, so each expected figure is counted here.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { buildApp } from '../server.ts';
import { readCsv, wholeTable } from '../tabular/read.ts';
import { operator } from './actor.ts';
import { addUser } from './users.ts';

let database: Database;
let app: ReturnType<typeof buildApp>;
const ADMIN = { email: 'admin@tiny.example', password: 'correct horse battery' };
let headers: Record<string, string>;

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  const cli = operator('cli');
  await addUser(contextFor(database.db, cli), { ...ADMIN, name: 'Ada Admin', role: 'admin', orgUnit: 'T' });
  for (const [email, name, role, unit] of [
    ['grace.lewis@tiny.example', 'Grace Lewis', 'area_lead', 'A'],
    ['omar.khan@tiny.example', 'Omar Khan', 'area_lead', 'B'],
    ['head.s1@tiny.example', 'Sam Lewisham', 'headteacher', 'S1'],
    ['viewer@tiny.example', 'Vera View', 'viewer', 'T'],
  ] as const)
    await addUser(contextFor(database.db, cli), { email, name, role, orgUnit: unit });
  app = buildApp({ database, log: () => {} });
  const signedIn = await signIn(ADMIN);
  headers = { cookie: signedIn.cookie, 'x-csrf-token': signedIn.body.csrf_token };
});
afterEach(() => database.close());

async function signIn(credentials: { email: string; password: string }) {
  const response = await app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    body: JSON.stringify(credentials),
    headers: { 'content-type': 'application/json' },
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { status: response.status, cookie, body: await response.json() };
}

async function call(method: string, path: string, body?: unknown, as = headers) {
  const response = await app.request(`/api/v1${path}`, {
    method,
    headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, body: text && type.includes('json') ? JSON.parse(text) : text, type };
}

const emails = (body: { users: { email: string }[] }) => body.users.map((u) => u.email);

describe('the accounts list', () => {
  test('searches name and email, filters by role, place and status, and pages with the total', async () => {
    // "lewis" is in Grace Lewis's email and name, and in Sam Lewisham's name.
    const found = await call('GET', '/users?q=LEWIS');
    expect(emails(found.body)).toEqual(['grace.lewis@tiny.example', 'head.s1@tiny.example']);
    expect(found.body.total).toBe(2);

    const leads = await call('GET', '/users?role=area_lead');
    expect(emails(leads.body)).toEqual(['grace.lewis@tiny.example', 'omar.khan@tiny.example']);
    const atB = await call('GET', '/users?org_unit=B');
    expect(emails(atB.body)).toEqual(['omar.khan@tiny.example']);
    expect(atB.body.users[0].roles).toEqual([{ role: 'area_lead', org_unit: 'B', name: 'Area B' }]);
    // Role and place together mean a role held there, not each somewhere.
    expect((await call('GET', '/users?role=viewer&org_unit=A')).body.total).toBe(0);

    // Five accounts by email, two a page: the third page holds the last one, and knows the total.
    const third = await call('GET', '/users?page_size=2&page=3');
    expect(third.body).toMatchObject({ total: 5, page: 3, page_size: 2 });
    expect(emails(third.body)).toEqual(['viewer@tiny.example']);
    const beyond = await call('GET', '/users?page_size=2&page=9');
    expect(beyond.body).toMatchObject({ total: 5, users: [] });

    await call('POST', '/users/viewer@tiny.example/disabled', { disabled: true });
    expect(emails((await call('GET', '/users?status=disabled')).body)).toEqual(['viewer@tiny.example']);
    expect((await call('GET', '/users?status=active')).body.total).toBe(4);
  });

  test('shows when each account last signed in and how many tokens still work', async () => {
    const admin = (await call('GET', '/users?q=admin@')).body.users[0];
    expect(Date.now() - Date.parse(admin.last_sign_in)).toBeLessThan(600_000);
    await call('POST', '/tokens', { email: ADMIN.email, name: 'feed' });
    const revoked = await call('POST', '/tokens', { email: ADMIN.email, name: 'old' });
    await call('DELETE', `/tokens/${revoked.body.id}`);
    expect((await call('GET', '/users?q=admin@')).body.users[0].active_tokens).toBe(1);
    expect((await call('GET', '/users?q=omar')).body.users[0]).toMatchObject({
      last_sign_in: null,
      active_tokens: 0,
    });
  });
});

describe('account actions', () => {
  test('a new account gets a generated password shown once, signs in with it, and sees its area', async () => {
    const added = await call('POST', '/users', {
      email: 'new.lead@tiny.example',
      name: 'Nia New',
      role: 'area_lead',
      org_unit: 'A',
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ email: 'new.lead@tiny.example', created: true });
    expect(added.body.password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    const session = await signIn({ email: 'new.lead@tiny.example', password: added.body.password });
    expect(session.status).toBe(200);
    expect(session.body.roles).toEqual([{ role: 'area_lead', org_unit: 'A' }]);
    // A password chosen by the admin is checked and never echoed back.
    const weak = await call('POST', '/users', {
      email: 'w@tiny.example',
      role: 'viewer',
      org_unit: 'A',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toBe('A password needs at least 12 characters');
    const chosen = await call('POST', '/users', {
      email: 'w@tiny.example',
      role: 'viewer',
      org_unit: 'A',
      password: 'a long enough secret',
    });
    expect(chosen.body.password).toBeNull();
    const events = (await call('GET', '/audit?action=add_user&q=new.lead')).body.events;
    expect(events).toHaveLength(1);
    expect(events[0].details).toEqual({ email: 'new.lead@tiny.example', role: 'area_lead', org_unit: 'A' });
  });

  test('grants a second role to an account and revokes it; each is audited', async () => {
    const grant = await call('POST', '/users', {
      email: 'omar.khan@tiny.example',
      role: 'viewer',
      org_unit: 'A',
    });
    expect(grant.body).toEqual({ email: 'omar.khan@tiny.example', created: false, password: null });
    expect((await call('GET', '/users?q=omar')).body.users[0].roles).toEqual([
      { role: 'area_lead', org_unit: 'B', name: 'Area B' },
      { role: 'viewer', org_unit: 'A', name: 'Area A' },
    ]);
    const revoked = await call('DELETE', '/users/omar.khan@tiny.example/roles?role=viewer&org_unit=A');
    expect(revoked.status).toBe(204);
    expect((await call('GET', '/users?q=omar')).body.users[0].roles).toHaveLength(1);
    const again = await call('DELETE', '/users/omar.khan@tiny.example/roles?role=viewer&org_unit=A');
    expect(again.status).toBe(404);
    const actions = (await call('GET', '/audit?q=omar.khan&entity=user')).body.events.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(['revoke_role', 'grant_role', 'add_user']);
  });

  test('the last admin cannot be disabled or lose the role; a second admin makes both possible', async () => {
    const revoke = await call('DELETE', `/users/${ADMIN.email}/roles?role=admin&org_unit=T`);
    expect(revoke.status).toBe(400);
    expect(revoke.body.error.message).toBe(
      `The admin role at T cannot be taken from ${ADMIN.email}: no other active account holds the admin role, so no one could manage accounts: grant admin to another account first`,
    );
    const self = await call('POST', `/users/${ADMIN.email}/disabled`, { disabled: true });
    expect(self.status).toBe(400);
    expect(self.body.error.message).toBe('You cannot disable your own account: ask another admin');
    // Another admin is disabled: they are not one who could manage accounts.
    await call('POST', '/users', { email: 'second@tiny.example', role: 'admin', org_unit: 'T' });
    await call('POST', '/users/second@tiny.example/disabled', { disabled: true });
    expect((await call('DELETE', `/users/${ADMIN.email}/roles?role=admin&org_unit=T`)).status).toBe(400);
    await call('POST', '/users/second@tiny.example/disabled', { disabled: false });
    expect((await call('DELETE', '/users/second@tiny.example/roles?role=admin&org_unit=T')).status).toBe(204);
    // Disabling an admin's account when it is the only other one is refused by the operator too.
    await call('POST', '/users', { email: 'second@tiny.example', role: 'admin', org_unit: 'T' });
    const { setDisabled } = await import('./users.ts');
    await setDisabled(contextFor(database.db, operator('cli')), ADMIN.email, true);
    await expect(
      setDisabled(contextFor(database.db, operator('cli')), 'second@tiny.example', true),
    ).rejects.toThrow('second@tiny.example cannot be disabled: no other active account holds the admin role');
  });

  test('disabling ends the sessions and stops the tokens at once; enabling lets the account back in', async () => {
    const lead = { email: 'grace.lewis@tiny.example', password: 'graces own password' };
    await call('POST', `/users/${lead.email}/reset-password`, { password: lead.password });
    const session = await signIn(lead);
    const token = (await call('POST', '/tokens', { email: lead.email, name: 'feed' })).body.token;
    const asSession = { cookie: session.cookie };
    const asToken = { authorization: `Bearer ${token}` };
    expect((await call('GET', '/schools/S1', undefined, asSession)).status).toBe(200);
    expect((await call('GET', '/schools/S1', undefined, asToken)).status).toBe(200);

    expect((await call('POST', `/users/${lead.email}/disabled`, { disabled: true })).status).toBe(204);
    expect((await call('GET', '/schools/S1', undefined, asSession)).status).toBe(401);
    expect((await call('GET', '/schools/S1', undefined, asToken)).status).toBe(401);
    expect((await signIn(lead)).status).toBe(401);
    // A disabled account is not made new tokens.
    const refused = await call('POST', '/tokens', { email: lead.email, name: 'another' });
    expect(refused.status).toBe(400);

    await call('POST', `/users/${lead.email}/disabled`, { disabled: false });
    expect((await signIn(lead)).status).toBe(200);
    expect((await call('GET', '/schools/S1', undefined, asToken)).status).toBe(200);
  });

  test('a reset password is shown once when made up, and the old one stops working', async () => {
    const lead = { email: 'omar.khan@tiny.example', password: 'omars first password' };
    await call('POST', `/users/${lead.email}/reset-password`, { password: lead.password });
    expect((await signIn(lead)).status).toBe(200);
    const made = await call('POST', `/users/${lead.email}/reset-password`, {});
    expect((await signIn(lead)).status).toBe(401);
    expect((await signIn({ email: lead.email, password: made.body.password })).status).toBe(200);
  });
});

describe('API tokens', () => {
  test('a token carries a label and an expiry, is listed per account, and stops at its expiry', async () => {
    const made = await call('POST', '/tokens', {
      email: 'viewer@tiny.example',
      name: 'termly extract',
      expires_on: '2099-08-31',
    });
    expect(made.body).toMatchObject({ name: 'termly extract', expires_at: '2099-08-31T00:00:00.000Z' });
    await call('POST', '/tokens', { email: ADMIN.email, name: 'admin script' });
    const listed = (await call('GET', '/tokens?email=VIEWER@tiny.example')).body.tokens;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      name: 'termly extract',
      expires_at: '2099-08-31T00:00:00.000Z',
      revoked_at: null,
    });
    const bearer = { authorization: `Bearer ${made.body.token}` };
    expect((await call('GET', '/schools/S1', undefined, bearer)).status).toBe(200);
    // The day comes: the token stops working.
    await sql`update api_token set expires_at = now() - interval '1 second' where id = ${made.body.id}`.execute(
      database.db,
    );
    expect((await call('GET', '/schools/S1', undefined, bearer)).status).toBe(401);

    const past = await call('POST', '/tokens', {
      email: 'viewer@tiny.example',
      name: 'x',
      expires_on: '2020-01-01',
    });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(
      /^A token's expiry must be after today \(\d{4}-\d{2}-\d{2}\); 2020-01-01 is not$/,
    );
    const notADate = await call('POST', '/tokens', {
      email: 'viewer@tiny.example',
      name: 'x',
      expires_on: '2099-02-30',
    });
    expect(notADate.status).toBe(400);
  });
});

describe('the audit log search', () => {
  // Six events by hand, at known times, with the rows two of them changed.
  beforeEach(async () => {
    await sql`delete from audit_event; delete from audit_change`.execute(database.db);
    await sql`
      insert into audit_event (at, actor, action, entity, details, txid) values
        ('2026-10-30T23:59:00Z', 'ops@tiny.example', 'import', 'schools', '{"file": "northmoor.csv"}', 9001),
        ('2026-10-31T00:00:00Z', 'admin@tiny.example', 'add_user', 'user', '{"email": "x@tiny.example"}', 9002),
        ('2026-11-02T09:00:00Z', 'admin@tiny.example', 'create_token', 'api_token', '{"id": 42, "name": "feed"}', 9003),
        ('2026-11-15T12:00:00Z', 'Admin@Tiny.example (token 3)', 'edit', 'challenge', '{"id": 7}', 9004),
        ('2026-11-30T23:59:59Z', 'grace.lewis@tiny.example', 'raise', 'challenge', '{"id": 42, "title": "100% attendance"}', 9005),
        ('2026-12-01T00:00:00Z', 'grace.lewis@tiny.example', 'sign_in', 'session', '{}', 9006);
      insert into audit_change (txid, table_name, operation, before, after) values
        (9003, 'api_token', 'insert', null, '{"id": 42, "name": "feed"}'),
        (9004, 'challenge', 'update', '{"id": 7, "title": "a"}', '{"id": 7, "title": "b"}'),
        (9004, 'challenge_unit', 'insert', null, '{"id": 99}')`.execute(database.db);
  });
  const ids = (body: { events: { action: string }[] }) => body.events.map((e) => e.action);

  test('by who (part of the actor, any case, a token included) and by what', async () => {
    expect(ids((await call('GET', '/audit?actor=ADMIN@tiny')).body)).toEqual([
      'edit',
      'create_token',
      'add_user',
    ]);
    expect(ids((await call('GET', '/audit?action=raise')).body)).toEqual(['raise']);
    expect(ids((await call('GET', '/audit?entity=challenge')).body)).toEqual(['raise', 'edit']);
  });

  test('by when: whole UTC days, both ends included', async () => {
    const november = await call('GET', '/audit?from=2026-11-01&to=2026-11-30');
    expect(ids(november.body)).toEqual(['raise', 'edit', 'create_token']);
    expect(november.body.total).toBe(3);
    expect(ids((await call('GET', '/audit?to=2026-10-30')).body)).toEqual(['import']);
    expect(ids((await call('GET', '/audit?from=2026-12-01')).body)).toEqual(['sign_in']);
    const backwards = await call('GET', '/audit?from=2026-12-01&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe(
      'The dates are the wrong way round: from 2026-12-01 is after to 2026-11-01',
    );
    expect((await call('GET', '/audit?from=2026-11-31')).status).toBe(400);
  });

  test('by object: a row of a table, an id in the details, or text anywhere', async () => {
    expect(ids((await call('GET', '/audit?table=challenge')).body)).toEqual(['edit']);
    expect(ids((await call('GET', '/audit?table=challenge_unit&object_id=99')).body)).toEqual(['edit']);
    expect(ids((await call('GET', '/audit?table=challenge&object_id=8')).body)).toEqual([]);
    expect(ids((await call('GET', '/audit?object_id=42')).body)).toEqual(['raise', 'create_token']);
    expect(ids((await call('GET', '/audit?q=NORTHMOOR')).body)).toEqual(['import']);
    // % and _ are the text searched for, not wildcards.
    expect(ids((await call('GET', '/audit?q=100%25')).body)).toEqual(['raise']);
    expect(ids((await call('GET', '/audit?q=_')).body)).toEqual(['sign_in', 'create_token', 'add_user']);
  });

  test('pages newest first with the total on every page, and the filters offer what the log holds', async () => {
    const second = await call('GET', '/audit?page_size=4&page=2');
    expect(second.body).toMatchObject({ total: 6, page: 2, page_size: 4 });
    expect(ids(second.body)).toEqual(['add_user', 'import']);
    expect((await call('GET', '/audit?page_size=4&page=5')).body).toMatchObject({ total: 6, events: [] });
    const vocabulary = (await call('GET', '/audit/vocabulary')).body;
    expect(vocabulary).toEqual({
      actions: ['add_user', 'create_token', 'edit', 'import', 'raise', 'sign_in'],
      entities: ['api_token', 'challenge', 'schools', 'session', 'user'],
      tables: ['api_token', 'challenge', 'challenge_unit'],
    });
  });

  test('exports the filtered events as CSV and XLSX, and the export is itself audited', async () => {
    const csv = await call('GET', '/audit/export?entity=challenge&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const table = await wholeTable(await readCsv(new TextEncoder().encode(csv.body as string)));
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
    // at, actor, action, object_id, changes
    expect(table.rows.map(({ cells }) => [1, 2, 3, 5, 6].map((i) => cells[i]))).toEqual([
      ['2026-11-30T23:59:59.000Z', 'grace.lewis@tiny.example', 'raise', '42', '0'],
      ['2026-11-15T12:00:00.000Z', 'Admin@Tiny.example (token 3)', 'edit', '7', '2'],
    ]);
    expect(JSON.parse(table.rows[0]?.cells[7] as string)).toEqual({ id: 42, title: '100% attendance' });

    const xlsx = await app.request('/api/v1/audit/export?format=xlsx&from=2026-11-01', { headers });
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="audit-log.xlsx"');

    const exports = (await call('GET', '/audit?action=export&entity=audit-log')).body.events;
    expect(exports.map((e: { details: unknown }) => e.details)).toEqual([
      // The four hand-made events since 1 November, and the first export, made today.
      { from: '2026-11-01', rows: 4 + (new Date().toISOString() >= '2026-11-01' ? 1 : 0) },
      { entity: 'challenge', rows: 2 },
    ]);
  });

  test('reading an event with pupil rows among its changes is audited as a view of pupil rows', async () => {
    await sql`
      insert into audit_event (at, actor, action, entity, details, txid) values
        ('2026-11-20T10:00:00Z', 'ops@tiny.example', 'import', 'pupil-results', '{}', 9100);
      insert into audit_change (txid, table_name, operation, before, after) values
        (9100, 'pupil_result', 'insert', null, '{"pupil_id": "P1"}')`.execute(database.db);
    const event = (await call('GET', '/audit?entity=pupil-results')).body.events[0];
    const detail = await call('GET', `/audit/${event.id}`);
    expect(detail.body).toMatchObject({ total_changes: 1, changes: [{ table_name: 'pupil_result' }] });
    const views = (await call('GET', '/audit?action=view&entity=pupil-results')).body.events;
    expect(views.map((e: { details: unknown }) => e.details)).toEqual([{ audit_event: event.id, rows: 1 }]);
  });
});
