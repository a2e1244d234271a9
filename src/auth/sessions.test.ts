// Signing in with a real argon2id hash, the session cookie and its CSRF token, lockout and address
// limits, API tokens, and the audit trail of every change with its before and after values.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { buildApp } from '../server.ts';
import { operator } from './actor.ts';
import { ATTEMPTS_PER_ADDRESS, LOCKOUT_FAILURES } from './sessions.ts';
import { addUser } from './users.ts';

let database: Database;
let app: ReturnType<typeof buildApp>;
const ADMIN = { email: 'admin@tiny.example', password: 'correct horse battery' };
const LEAD = { email: 'Lead.A@tiny.example', password: 'area lead password' };

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  const cli = operator('cli');
  await addUser(database.db, cli, { ...ADMIN, role: 'admin', orgUnit: 'T' });
  await addUser(database.db, cli, { ...LEAD, role: 'area_lead', orgUnit: 'A' });
  app = buildApp({ database, log: () => {} });
});
afterEach(() => database.close());

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});

async function signIn(credentials: { email: string; password: string }) {
  const response = await app.request('/api/v1/auth/sign-in', json(credentials));
  const cookie = response.headers.get('set-cookie') ?? '';
  return { response, cookie: cookie.split(';')[0] as string, setCookie: cookie, body: await response.json() };
}

describe('signing in', () => {
  test('a right password opens an HttpOnly, SameSite session; a wrong one or an unknown email says the same', async () => {
    const wrong = await signIn({ ...LEAD, password: 'not the password' });
    const unknown = await signIn({ email: 'nobody@tiny.example', password: 'whatever it is' });
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);

    // The email is matched without regard to case.
    const ok = await signIn({ ...LEAD, email: 'lead.a@TINY.example' });
    expect(ok.response.status).toBe(200);
    expect(ok.setCookie).toMatch(/HttpOnly/i);
    expect(ok.setCookie).toMatch(/SameSite=Lax/i);
    expect(ok.body.roles).toEqual([{ role: 'area_lead', org_unit: 'A' }]);
    const session = await app.request('/api/v1/auth/session', { headers: { cookie: ok.cookie } });
    expect((await session.json()).user.email).toBe(LEAD.email);

    // Only the digest of the cookie is stored, and the password only as an argon2id hash.
    const secret = decodeURIComponent(ok.cookie.split('=')[1] as string);
    const stored = await database.db.selectFrom('session').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(secret);
    const user = await database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', '=', LEAD.email)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test('a change made with the cookie needs the CSRF token; signing out ends the session', async () => {
    const { cookie, body } = await signIn(ADMIN);
    const change = (headers: Record<string, string>) =>
      app.request('/api/v1/terminology', {
        ...json({ area: 'LGEA' }, { cookie, ...headers }),
        method: 'PUT',
      });
    const without = await change({});
    expect(without.status).toBe(403);
    expect((await without.json()).error.message).toContain('x-csrf-token');
    expect((await change({ 'x-csrf-token': 'guessed' })).status).toBe(403);
    const withToken = await change({ 'x-csrf-token': body.csrf_token });
    expect(withToken.status).toBe(200);
    expect(await withToken.json()).toMatchObject({ area: 'LGEA', areas: 'LGEAs', area_lead: 'area lead' });

    const out = await app.request('/api/v1/auth/sign-out', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': body.csrf_token },
    });
    expect(out.status).toBe(204);
    expect((await app.request('/api/v1/auth/session', { headers: { cookie } })).status).toBe(401);
  });

  test(`${LOCKOUT_FAILURES} failures lock the account, even for the right password, until an admin resets it`, async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i++)
      expect((await signIn({ ...LEAD, password: `wrong ${i}` })).response.status).toBe(401);
    const locked = await signIn(LEAD);
    expect(locked.response.status).toBe(429);
    expect(locked.body.error.message).toContain('locked');
    // An unknown email is locked the same way, so the answer does not tell which accounts exist.
    for (let i = 0; i < LOCKOUT_FAILURES; i++)
      await signIn({ email: 'ghost@tiny.example', password: `x${i}` });
    const withoutTime = (m: string) => m.replace(/until \d\d:\d\d UTC/, 'until …');
    const ghost = await signIn({ email: 'ghost@tiny.example', password: 'x' });
    expect(ghost.response.status).toBe(429);
    expect(withoutTime(ghost.body.error.message)).toBe(withoutTime(locked.body.error.message));

    const admin = await signIn(ADMIN);
    const reset = await app.request(`/api/v1/users/${encodeURIComponent(LEAD.email)}/reset-password`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.body.csrf_token },
    });
    expect(reset.status).toBe(200);
    const { password } = await reset.json();
    expect((await signIn(LEAD)).response.status).toBe(401);
    expect((await signIn({ ...LEAD, password })).response.status).toBe(200);
  });

  test(`more than ${ATTEMPTS_PER_ADDRESS} attempts from one address in a while are refused`, async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const attempt = (i: number) =>
        fetch(`${base}/api/v1/auth/sign-in`, json({ email: `guess${i}@tiny.example`, password: 'guess' }));
      for (let i = 0; i < ATTEMPTS_PER_ADDRESS; i++) expect((await attempt(i)).status).toBe(401);
      const refused = await attempt(ATTEMPTS_PER_ADDRESS);
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.message).toContain('from this address');
    } finally {
      server.close();
    }
  });
});

describe('API tokens', () => {
  test('an admin makes a token shown once and stored hashed; it acts with the account’s roles until revoked', async () => {
    const admin = await signIn(ADMIN);
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.body.csrf_token };
    const made = await app.request(
      '/api/v1/tokens',
      json({ email: LEAD.email, name: 'dashboard feed' }, headers),
    );
    expect(made.status).toBe(200);
    const { id, token } = await made.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.request('/api/v1/schools/S1', { headers: bearer })).status).toBe(200);
    expect((await app.request('/api/v1/schools/S3', { headers: bearer })).status).toBe(404);
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from api_token where token_hash = ${token} or prefix = ${token}`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(0);

    const lead = await signIn(LEAD);
    const notAdmin = await app.request(
      '/api/v1/tokens',
      json(
        { email: LEAD.email, name: 'mine' },
        { cookie: lead.cookie, 'x-csrf-token': lead.body.csrf_token },
      ),
    );
    expect(notAdmin.status).toBe(403);

    expect((await app.request(`/api/v1/tokens/${id}`, { method: 'DELETE', headers })).status).toBe(204);
    const revoked = await app.request('/api/v1/schools/S1', { headers: bearer });
    expect(revoked.status).toBe(401);
    expect(
      (await app.request('/api/v1/schools/S1', { headers: { authorization: 'Bearer nonsense' } })).status,
    ).toBe(401);
  });
});

describe('the audit log', () => {
  test('sign-ins and every change are kept with before and after values; only an admin reads them', async () => {
    await signIn({ ...LEAD, password: 'wrong password!' });
    const admin = await signIn(ADMIN);
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.body.csrf_token };
    const form = new FormData();
    form.append(
      'file',
      new File(['code,name,phase,area_code\nS2,Small Primary School,primary,A\n'], 's.csv'),
    );
    expect(
      (await app.request('/api/v1/imports/schools', { method: 'POST', body: form, headers })).status,
    ).toBe(200);

    const events = await (await app.request('/api/v1/audit?page_size=10', { headers })).json();
    const [latest] = events.events;
    expect(latest).toMatchObject({ actor: ADMIN.email, action: 'import', entity: 'schools', changes: 1 });
    expect(events.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['sign_in', 'sign_in_failed', 'add_user']),
    );
    const detail = await (await app.request(`/api/v1/audit/${latest.id}`, { headers })).json();
    expect(detail.changes).toHaveLength(1);
    expect(detail.changes[0]).toMatchObject({
      table_name: 'org_unit',
      operation: 'update',
      before: { code: 'S2', name: 'Small School' },
      after: { code: 'S2', name: 'Small Primary School' },
    });

    // Adding an account is audited without its password hash.
    const added = events.events.find((e: { action: string }) => e.action === 'add_user');
    const addition = await (await app.request(`/api/v1/audit/${added.id}`, { headers })).json();
    const userRow = addition.changes.find((c: { table_name: string }) => c.table_name === 'app_user');
    expect(userRow.after.email).toBeDefined();
    expect(userRow.after).not.toHaveProperty('password_hash');

    const lead = await signIn(LEAD);
    expect((await app.request('/api/v1/audit', { headers: { cookie: lead.cookie } })).status).toBe(403);
  });
});
