// Signing in with a real argon2id hash, the session cookie and its CSRF token, lockout and address
// limits, API tokens, and the audit trail of every change with its before and after values.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { buildApp } from '../server.ts';
import { operator, permissionWords, requirePermission } from './actor.ts';
import {
  ATTEMPT_RETENTION_HOURS,
  FAILURES_PER_ADDRESS,
  LOCKOUT_FAILURES,
  LOCKOUT_MINUTES,
  signIn as openSession,
  pruneSignInRecords,
  SESSION_MAX_DAYS,
} from './sessions.ts';
import { addUser } from './users.ts';

let database: Database;
let app: ReturnType<typeof buildApp>;
const ADMIN = { email: 'admin@tiny.example', password: 'correct horse battery' };
const LEAD = { email: 'Lead.A@tiny.example', password: 'area lead password' };

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  const cli = operator('cli');
  await addUser(contextFor(database.db, cli), { ...ADMIN, role: 'admin', orgUnit: 'T' });
  await addUser(contextFor(database.db, cli), { ...LEAD, role: 'area_lead', orgUnit: 'A' });
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

  test('the cookie is Secure over HTTPS, or behind a TLS proxy when HEADWAY_SECURE_COOKIES says so', async () => {
    expect((await signIn(LEAD)).setCookie).not.toMatch(/;\s*Secure/i);
    const overHttps = await app.request('https://headway.example/api/v1/auth/sign-in', json(LEAD));
    expect(overHttps.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    app = buildApp({ database, secureCookies: true, log: () => {} });
    expect((await signIn(LEAD)).setCookie).toMatch(/;\s*Secure/i);
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

  test('sixty colleagues signing in from one address are not refused: only failures count per address', async () => {
    // A meeting room behind one school network: every sign-in comes from the same address.
    const ip = '203.0.113.7';
    for (let i = 0; i < 60; i++) await openSession(database.db, { ...LEAD, ip, userAgent: null });
    const sixtyFirst = await openSession(database.db, { ...ADMIN, ip, userAgent: null });
    expect(sixtyFirst.actor.name).toBe(ADMIN.email);
    // A few mistyped passwords among them do not lock the room either.
    await expect(
      openSession(database.db, { ...ADMIN, password: 'mistyped it', ip, userAgent: null }),
    ).rejects.toThrow('not right');
    expect((await openSession(database.db, { ...LEAD, ip, userAgent: null })).actor.name).toBe(LEAD.email);
  });

  test(`${FAILURES_PER_ADDRESS} failed sign-ins from one address in ${LOCKOUT_MINUTES} minutes refuse it, not others`, async () => {
    const ip = '198.51.100.9';
    // Failures spread over many emails, as a guesser would, so no single account locks itself.
    await sql`
      insert into login_attempt (email, ip, succeeded, at)
      select 'guess' || n || '@tiny.example', ${ip}, false, now() - interval '1 minute'
      from generate_series(1, ${FAILURES_PER_ADDRESS - 1}) as n`.execute(database.db);
    await expect(
      openSession(database.db, { email: 'one-more@tiny.example', password: 'guess', ip, userAgent: null }),
    ).rejects.toThrow('not right');
    const refused = openSession(database.db, { ...LEAD, ip, userAgent: null });
    await expect(refused).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(refused).rejects.toThrow('Too many failed sign-ins from this address');
    // Another address, and the same account from it, are not affected.
    const elsewhere = await openSession(database.db, { ...LEAD, ip: '198.51.100.10', userAgent: null });
    expect(elsewhere.actor.name).toBe(LEAD.email);
    // Failures older than the window no longer count.
    await sql`update login_attempt set at = now() - make_interval(mins => ${LOCKOUT_MINUTES + 1})
              where ip = ${ip}`.execute(database.db);
    expect((await openSession(database.db, { ...LEAD, ip, userAgent: null })).actor.name).toBe(LEAD.email);
  });

  test('over HTTP the address limit applies to the connecting address', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await sql`
        insert into login_attempt (email, ip, succeeded)
        select 'guess' || n || '@tiny.example', '127.0.0.1', false
        from generate_series(1, ${FAILURES_PER_ADDRESS}) as n`.execute(database.db);
      const refused = await fetch(`${base}/api/v1/auth/sign-in`, json(LEAD));
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.message).toContain('from this address');
    } finally {
      server.close();
    }
  });
});

describe('pruning', () => {
  test('ended sessions and attempts older than the limits need are deleted; live ones stay', async () => {
    const live = await signIn(LEAD);
    expect(live.response.status).toBe(200);
    const admin = await openSession(database.db, { ...ADMIN, ip: null, userAgent: null });
    const leadId = (
      await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', LEAD.email)
        .executeTakeFirstOrThrow()
    ).id;
    // An idle session past its expiry, and one past the longest a session may last.
    await database.db
      .insertInto('session')
      .values([
        {
          id: 'idle',
          user_id: leadId,
          csrf_token: 'x',
          expires_at: new Date(Date.now() - 60_000),
          ip: null,
          user_agent: null,
        },
        {
          id: 'old',
          user_id: leadId,
          csrf_token: 'y',
          expires_at: new Date(Date.now() + 3_600_000),
          ip: null,
          user_agent: null,
        },
      ])
      .execute();
    await sql`update session set created_at = now() - make_interval(days => ${SESSION_MAX_DAYS + 1})
              where id = 'old'`.execute(database.db);
    await sql`insert into login_attempt (email, ip, succeeded, at) values
                ('stale@tiny.example', '192.0.2.1', false, now() - make_interval(hours => ${ATTEMPT_RETENTION_HOURS + 1})),
                ('recent@tiny.example', '192.0.2.1', false, now() - make_interval(mins => ${LOCKOUT_MINUTES}))`.execute(
      database.db,
    );

    expect(await pruneSignInRecords(database.db)).toEqual({ sessions: 2, attempts: 1 });
    const sessions = await database.db.selectFrom('session').select('id').execute();
    expect(sessions.map((s) => s.id).sort()).not.toContain('idle');
    expect(sessions).toHaveLength(2); // the lead's and the admin's live sessions
    const attempts = await database.db.selectFrom('login_attempt').select('email').execute();
    expect(attempts.map((a) => a.email)).not.toContain('stale@tiny.example');
    expect(attempts.map((a) => a.email)).toContain('recent@tiny.example');
    expect((await app.request('/api/v1/auth/session', { headers: { cookie: live.cookie } })).status).toBe(
      200,
    );
    expect(admin.actor.name).toBe(ADMIN.email);
  });

  test('a sign-in prunes what has ended', async () => {
    const leadId = (
      await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', LEAD.email)
        .executeTakeFirstOrThrow()
    ).id;
    await database.db
      .insertInto('session')
      .values({
        id: 'ended',
        user_id: leadId,
        csrf_token: 'x',
        expires_at: new Date(Date.now() - 1),
        ip: null,
        user_agent: null,
      })
      .execute();
    expect((await signIn(LEAD)).response.status).toBe(200);
    const ids = (await database.db.selectFrom('session').select('id').execute()).map((s) => s.id);
    expect(ids).not.toContain('ended');
    expect(ids).toHaveLength(1);
  });
});

describe('an admin resetting a password', () => {
  async function reset(body?: unknown) {
    const admin = await signIn(ADMIN);
    const response = await app.request(`/api/v1/users/${encodeURIComponent(LEAD.email)}/reset-password`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.body.csrf_token,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  test('a password given is the one set', async () => {
    const chosen = 'a new long passphrase';
    const answer = await reset({ password: chosen });
    // The chosen password is not echoed back; it is the one that now signs in.
    expect(answer).toEqual({ status: 200, body: { password: null } });
    expect((await signIn({ ...LEAD, password: chosen })).response.status).toBe(200);
    expect((await signIn(LEAD)).response.status).toBe(401);
  });

  test('a weak password or a misspelt field is refused by name, and nothing changes', async () => {
    const weak = await reset({ password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toContain('at least 12 characters');
    const misspelt = await reset({ new_password: 'a new long passphrase' });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.message).toContain('new_password');
    expect((await signIn(LEAD)).response.status).toBe(200);
  });

  test('without a password a temporary one is made', async () => {
    const answer = await reset();
    expect(answer.status).toBe(200);
    expect(answer.body.password).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
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
    // When, as an instant: the admin page shows it in the reader's own time zone.
    expect(Date.now() - Date.parse(latest.at)).toBeLessThan(600_000);
    expect(latest.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
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

describe('no access versus not found', () => {
  test('a route the role may never use is 403 in words; a single item outside the scope is 404', async () => {
    const lead = await signIn(LEAD);
    const users = await app.request('/api/v1/users', { headers: { cookie: lead.cookie } });
    expect(users.status).toBe(403);
    const { message } = (await users.json()).error;
    expect(message).toBe('Your role (area lead) does not let you manage accounts');
    const audit = await app.request('/api/v1/audit', { headers: { cookie: lead.cookie } });
    expect((await audit.json()).error.message).toBe(
      'Your role (area lead) does not let you read the audit log',
    );
    // S3 is in area B: it is not confirmed to exist.
    const outside = await app.request('/api/v1/schools/S3', { headers: { cookie: lead.cookie } });
    expect(outside.status).toBe(404);
    expect((await app.request('/api/v1/schools/S1', { headers: { cookie: lead.cookie } })).status).toBe(200);
  });

  test('every permission has words, never its code', () => {
    for (const [permission, words] of Object.entries(permissionWords)) {
      expect(words, permission).not.toMatch(/:|admin\b/);
      const nobody = {
        ...operator('x'),
        grants: [{ role: 'viewer' as const, org_unit: 'T' }],
        permissions: new Set<never>(),
      };
      expect(() => requirePermission(nobody, permission as keyof typeof permissionWords)).toThrow(
        `Your role (viewer) does not let you ${words}`,
      );
    }
  });
});
