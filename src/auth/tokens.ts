// API tokens for integrations: made by an administrator for an account (acting with that account's
// roles), shown once, stored as a SHA-256 digest, revocable.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { type Actor, requirePermission } from './actor.ts';
import { recordAudit, withoutRowAudit } from './audit.ts';
import type { ApiToken, NewToken } from './contract.ts';
import { actorForUser } from './scope.ts';
import { digestOf, newSecret } from './secrets.ts';
import { userByEmail } from './users.ts';

const TOKEN_PREFIX = 'hw_';

export interface TokenRequest {
  email: string;
  name: string;
  /** The day it stops working (from its start, UTC); left out, it works until revoked. */
  expiresOn?: string;
}

export async function createToken(
  { db, actor, today }: Context,
  { email, name, expiresOn }: TokenRequest,
): Promise<NewToken> {
  requirePermission(actor, 'users:admin');
  const user = await userByEmail(db, email);
  if (!user) throw notFound(`User ${email}`);
  if (user.disabled)
    throw new HeadwayError(
      'invalid',
      `${user.email} is disabled: enable the account before making it a token`,
    );
  if (expiresOn !== undefined && expiresOn <= today)
    throw new HeadwayError('invalid', `A token's expiry must be after today (${today}); ${expiresOn} is not`);
  const expiresAt = expiresOn ? new Date(`${expiresOn}T00:00:00Z`) : null;
  if (expiresAt && Number.isNaN(expiresAt.getTime()))
    throw new HeadwayError('invalid', `A token's expiry "${expiresOn}" is not a date (use YYYY-MM-DD)`);
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_token')
      .values({
        user_id: user.id,
        name,
        token_hash: digestOf(token),
        prefix: token.slice(0, 10),
        created_by: actor.name,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'create_token', 'api_token', {
      id: row.id,
      email: user.email,
      name,
      expires_on: expiresOn ?? null,
    });
    return row.id;
  });
  return { id, name, email: user.email, expires_at: expiresAt?.toISOString() ?? null, token };
}

export async function revokeToken({ db, actor }: Context, id: number): Promise<void> {
  requirePermission(actor, 'users:admin');
  await db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('api_token')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(revoked.numUpdatedRows) === 0) throw notFound(`Active API token ${id}`);
    await recordAudit(trx, actor, 'revoke_token', 'api_token', { id });
  });
}

/** Every token, or those acting as one account; newest last. */
export async function listTokens({ db, actor }: Context, email?: string): Promise<ApiToken[]> {
  requirePermission(actor, 'users:admin');
  const tokens = await db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      'u.email',
      't.prefix',
      't.created_at',
      't.created_by',
      't.last_used_at',
      't.revoked_at',
      't.expires_at',
    ])
    .$if(email !== undefined, (q) => q.where(sql<boolean>`lower(u.email) = lower(${email})`))
    .orderBy('t.id')
    .execute();
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return tokens.map((t) => ({
    ...t,
    created_at: new Date(t.created_at).toISOString(),
    last_used_at: iso(t.last_used_at),
    revoked_at: iso(t.revoked_at),
    expires_at: iso(t.expires_at),
  }));
}

/** The actor a bearer token stands for, or null when it is unknown, revoked, expired or its account disabled. */
export async function actorForToken(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.last_used_at', 'u.id', 'u.email', 'u.name'])
    .where('t.token_hash', '=', digestOf(token))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .where('u.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 3_600_000) {
    // Usage time is bookkeeping, not a change anyone made: kept out of the row-level audit trail.
    await db.transaction().execute(async (trx) => {
      await withoutRowAudit(trx);
      await trx
        .updateTable('api_token')
        .set({ last_used_at: new Date() })
        .where('id', '=', row.token_id)
        .execute();
    });
  }
  const actor = await actorForUser(db, row);
  return { ...actor, name: `${row.email} (token ${row.token_id})` };
}
