// Signing in and out: a password checked against its argon2id hash opens a session kept in the
// database, named by a secret cookie. Failed sign-ins are limited per address and lock an account after
// a few; every attempt is audited. Expired sessions and old attempts are pruned as sign-ins happen.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { type Actor, operator } from './actor.ts';
import { recordAudit } from './audit.ts';
import { actorForUser } from './scope.ts';
import { digestOf, newSecret, verifyPassword } from './secrets.ts';

const SESSION_IDLE_HOURS = 12;
export const SESSION_MAX_DAYS = 7;
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;
/**
 * Failed sign-ins from one address within LOCKOUT_MINUTES before the address is refused. Successes do
 * not count: twenty area leads signing in from one school's network share an address, and a limit on
 * every attempt locked the whole room out. 100 leaves room for all twenty to mistype up to four times
 * each (a fifth locks their own account anyway), and still stops one address trying a password
 * across more than a hundred accounts in a quarter of an hour.
 */
export const FAILURES_PER_ADDRESS = 100;
/**
 * Sign-in attempts are kept a day: the limits above look back LOCKOUT_MINUTES, and a day lets an admin
 * look at the day's pattern (the audit log keeps every sign-in for good).
 */
export const ATTEMPT_RETENTION_HOURS = 24;
/** Expired sessions and old attempts are pruned on a sign-in at most this often (per database). */
const PRUNE_EVERY_MINUTES = 10;

export interface SignInRequest {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface OpenedSession {
  /** The cookie's value; only its digest is stored. */
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

const minutesAgo = (minutes: number) => sql<Date>`now() - make_interval(mins => ${minutes})`;

async function refuseIfThrottled(db: Db, email: string, ip: string | null): Promise<void> {
  if (ip) {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from login_attempt
      where ip = ${ip} and not succeeded and at > ${minutesAgo(LOCKOUT_MINUTES)}`.execute(db);
    if ((rows[0]?.n ?? 0) >= FAILURES_PER_ADDRESS)
      throw new HeadwayError(
        'rate_limited',
        `Too many failed sign-ins from this address: wait ${LOCKOUT_MINUTES} minutes and try again`,
      );
  }
  // Failures since the last success or password change, counted for any email (known or not), so the
  // answer does not reveal whether an account exists.
  const { rows } = await sql<{ failures: number; last_failure: Date | null }>`
    select count(*) as failures, max(a.at) as last_failure
    from login_attempt a
    where lower(a.email) = lower(${email}) and not a.succeeded and a.at > ${minutesAgo(LOCKOUT_MINUTES)}
      and a.at > coalesce((select max(s.at) from login_attempt s
                           where lower(s.email) = lower(${email}) and s.succeeded), '-infinity')
      and a.at > coalesce((select max(password_set_at) from app_user u
                           where lower(u.email) = lower(${email})), '-infinity')`.execute(db);
  const { failures = 0, last_failure } = rows[0] ?? {};
  if (failures >= LOCKOUT_FAILURES && last_failure) {
    const until = new Date(new Date(last_failure).getTime() + LOCKOUT_MINUTES * 60_000);
    throw new HeadwayError(
      'rate_limited',
      `This account is locked after ${LOCKOUT_FAILURES} failed sign-ins until ${until.toISOString().slice(11, 16)} UTC; ` +
        'try again then, or ask an administrator to reset the password',
    );
  }
}

/** Deletes sessions that have ended and sign-in attempts older than the limits need. */
export async function pruneSignInRecords(db: Db): Promise<{ sessions: number; attempts: number }> {
  const sessions = await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('created_at', '<=', sql<Date>`now() - make_interval(days => ${SESSION_MAX_DAYS})`),
      ]),
    )
    .executeTakeFirst();
  const attempts = await db
    .deleteFrom('login_attempt')
    .where('at', '<', sql<Date>`now() - make_interval(hours => ${ATTEMPT_RETENTION_HOURS})`)
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
}

// When each database was last pruned, so sign-ins prune at most every PRUNE_EVERY_MINUTES.
const lastPruned = new WeakMap<Db, number>();

async function pruneWhenDue(db: Db): Promise<void> {
  const now = Date.now();
  if (now - (lastPruned.get(db) ?? 0) < PRUNE_EVERY_MINUTES * 60_000) return;
  lastPruned.set(db, now);
  await pruneSignInRecords(db);
}

export async function signIn(db: Db, request: SignInRequest): Promise<OpenedSession & { actor: Actor }> {
  const email = request.email.trim();
  await pruneWhenDue(db);
  await refuseIfThrottled(db, email, request.ip);
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'name', 'password_hash', 'disabled'])
    .where(sql<boolean>`lower(email) = lower(${email})`)
    .executeTakeFirst();
  const passwordMatches = await verifyPassword(request.password, user?.password_hash ?? null);
  const succeeded = Boolean(user && passwordMatches && !user.disabled);
  await db.insertInto('login_attempt').values({ email, ip: request.ip, succeeded }).execute();
  if (!user || !succeeded) {
    await recordAudit(db, operator(email), 'sign_in_failed', 'session', {
      ip: request.ip,
      reason: !user ? 'unknown email' : user.disabled ? 'account disabled' : 'wrong password',
    });
    throw new HeadwayError('unauthenticated', 'The email or password is not right');
  }
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_IDLE_HOURS * 3_600_000);
  await db
    .insertInto('session')
    .values({
      id: digestOf(secret),
      user_id: user.id,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: request.ip,
      user_agent: request.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  const actor = await actorForUser(db, user);
  await recordAudit(db, actor, 'sign_in', 'session', { ip: request.ip });
  return { secret, csrfToken, expiresAt, actor };
}

export interface ActiveSession {
  actor: Actor;
  csrfToken: string;
}

/** The session a cookie names, if it is still open (idle sessions expire; every session ends within days). */
export async function sessionFor(db: Db, secret: string): Promise<ActiveSession | null> {
  const session = await db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.csrf_token', 's.last_seen_at', 'u.id as user_id', 'u.email', 'u.name'])
    .where('s.id', '=', digestOf(secret))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.created_at', '>', sql<Date>`now() - make_interval(days => ${SESSION_MAX_DAYS})`)
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  if (!session) return null;
  // Slide the idle expiry, at most once every five minutes.
  if (Date.now() - new Date(session.last_seen_at).getTime() > 5 * 60_000) {
    await db
      .updateTable('session')
      .set({
        last_seen_at: new Date(),
        expires_at: new Date(Date.now() + SESSION_IDLE_HOURS * 3_600_000),
      })
      .where('id', '=', session.id)
      .execute();
  }
  return {
    actor: await actorForUser(db, { id: session.user_id, email: session.email, name: session.name }),
    csrfToken: session.csrf_token,
  };
}

export async function signOut({ db, actor }: Context, secret: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', digestOf(secret)).execute();
  await recordAudit(db, actor, 'sign_out', 'session', {});
}
