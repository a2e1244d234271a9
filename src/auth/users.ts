// Accounts and their roles: add a user (or another role for one), reset a password, disable, list.
// Each change runs in one transaction with its audit event, so the row changes are tied to it.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { accountGrantsQuery, accountsQuery, remainingAdminsQuery } from './account-queries.ts';
import { groupRoles, requirePermission } from './actor.ts';
import { recordAudit } from './audit.ts';
import type { AddedUser, Role, UserGrant, UserPage, UsersQuery } from './contract.ts';
import { roles } from './lists.ts';
import { checkPasswordStrength, hashPassword } from './secrets.ts';

export interface NewUser {
  email: string;
  name?: string;
  role: string;
  orgUnit: string;
  person?: string;
  /** Left out: a random one is made and returned, to be passed on once. */
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A password for a person to change: four groups of random letters and digits, easy to read out. */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** An account by its email, in any case. */
export async function userByEmail(db: Db, email: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'email', 'name', 'disabled'])
    .where(sql<boolean>`lower(email) = lower(${email})`)
    .executeTakeFirst();
}

function checkRole(role: string): Role {
  if (!(roles as readonly string[]).includes(role))
    throw new HeadwayError('invalid', `There is no role "${role}"; the roles are ${roles.join(', ')}`);
  return role as Role;
}

/**
 * Where a role is to be held: an org unit, or else a trust or federation with that code (an org unit's
 * code wins if both have it). A group takes only the roles that lead or read across schools.
 */
async function placeOf(db: Db, code: string, role: Role) {
  const unit = await db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirst();
  if (unit) return { org_unit_id: unit.id, org_group_id: null };
  const group = await db
    .selectFrom('org_group')
    .select(['id', 'kind'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!group) throw notFound(`Org unit, trust or federation ${code}`);
  if (!(groupRoles as readonly string[]).includes(role))
    throw new HeadwayError(
      'invalid',
      `The role ${role} cannot be held at ${group.kind === 'trust' ? 'a trust' : 'a federation'} (${code}); the roles held at a trust or federation are ${groupRoles.join(', ')}`,
    );
  return { org_unit_id: null, org_group_id: group.id };
}

/** Adds the user, or (when the email has an account) the role to it. Returns a new account's password. */
export async function addUser({ db, actor }: Context, user: NewUser): Promise<AddedUser> {
  requirePermission(actor, 'users:admin');
  const email = user.email.trim();
  if (!EMAIL.test(email)) throw new HeadwayError('invalid', `"${user.email}" is not an email address`);
  const role = checkRole(user.role);
  const place = await placeOf(db, user.orgUnit, role);
  const person = user.person
    ? await db.selectFrom('person').select('id').where('code', '=', user.person).executeTakeFirst()
    : undefined;
  if (user.person && !person) throw notFound(`Person ${user.person}`);
  if (user.password !== undefined) checkPasswordStrength(user.password);

  const existing = await userByEmail(db, email);
  const password = existing ? null : (user.password ?? temporaryPassword());
  const passwordHash = password ? await hashPassword(password) : null;
  await db.transaction().execute(async (trx) => {
    const userId =
      existing?.id ??
      (
        await trx
          .insertInto('app_user')
          .values({
            email,
            name: user.name?.trim() || email.split('@')[0] || email,
            person_id: person?.id ?? null,
            password_hash: passwordHash,
            password_set_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await trx
      .insertInto('role_grant')
      .values({ user_id: userId, role, ...place })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await recordAudit(trx, actor, existing ? 'grant_role' : 'add_user', 'user', {
      email,
      role,
      org_unit: user.orgUnit,
    });
  });
  // A password the admin chose is not echoed back: only a made-up one is passed on, once.
  return { email, created: !existing, password: user.password === undefined ? password : null };
}

const NO_ADMIN_LEFT =
  'no other active account holds the admin role, so no one could manage accounts: grant admin to another account first';

export async function revokeRole({ db, actor }: Context, email: string, role: string, orgUnit: string) {
  requirePermission(actor, 'users:admin');
  const user = await userByEmail(db, email);
  if (!user) throw notFound(`User ${email}`);
  await db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('role_grant as g')
      .leftJoin('org_unit as o', 'o.id', 'g.org_unit_id')
      .leftJoin('org_group as t', 't.id', 'g.org_group_id')
      .select('g.id')
      .where('g.user_id', '=', user.id)
      .where('g.role', '=', checkRole(role))
      .where(sql<boolean>`coalesce(o.code, t.code) = ${orgUnit}`)
      .executeTakeFirst();
    if (!grant) throw notFound(`The role ${role} at ${orgUnit} for ${email}`);
    if (role === 'admin' && !user.disabled)
      await refuseIfNoAdminLeft(
        trx,
        { grantId: grant.id },
        `The admin role at ${orgUnit} cannot be taken from ${user.email}: ${NO_ADMIN_LEFT}`,
      );
    await trx.deleteFrom('role_grant').where('id', '=', grant.id).execute();
    await recordAudit(trx, actor, 'revoke_role', 'user', { email: user.email, role, org_unit: orgUnit });
  });
}

/** Refuses a change that would leave no active account holding the admin role. */
async function refuseIfNoAdminLeft(
  trx: Db,
  without: { userId: number } | { grantId: number },
  message: string,
) {
  // Two admins taking each other's role at once must not both succeed: one waits for the other.
  await sql`select pg_advisory_xact_lock(hashtext('headway.admins'))`.execute(trx);
  const { rows } = await remainingAdminsQuery(without).execute(trx);
  if ((rows[0]?.admins ?? 0) === 0) throw new HeadwayError('invalid', message);
}

/** Sets a new password (given, or made up and returned), ends the user's sessions and lifts a lockout. */
export async function resetPassword(
  { db, actor }: Context,
  email: string,
  newPassword?: string,
): Promise<string> {
  requirePermission(actor, 'users:admin');
  const user = await userByEmail(db, email);
  if (!user) throw notFound(`User ${email}`);
  if (newPassword !== undefined) checkPasswordStrength(newPassword);
  const password = newPassword ?? temporaryPassword();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: hash, password_set_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('session').where('user_id', '=', user.id).execute();
    await recordAudit(trx, actor, 'reset_password', 'user', { email: user.email });
  });
  return password;
}

/** A disabled account cannot sign in, and its open sessions and its tokens stop working at once. */
export async function setDisabled({ db, actor }: Context, email: string, disabled: boolean) {
  requirePermission(actor, 'users:admin');
  const user = await userByEmail(db, email);
  if (!user) throw notFound(`User ${email}`);
  if (disabled && actor.userId === user.id)
    throw new HeadwayError('invalid', 'You cannot disable your own account: ask another admin');
  await db.transaction().execute(async (trx) => {
    if (disabled)
      await refuseIfNoAdminLeft(
        trx,
        { userId: user.id },
        `${user.email} cannot be disabled: ${NO_ADMIN_LEFT}`,
      );
    await trx.updateTable('app_user').set({ disabled }).where('id', '=', user.id).execute();
    if (disabled) await trx.deleteFrom('session').where('user_id', '=', user.id).execute();
    await recordAudit(trx, actor, disabled ? 'disable_user' : 'enable_user', 'user', { email: user.email });
  });
}

/** Accounts by email, filtered by name or email, role, where a role is held, and status; a page at a time. */
export async function listUsers(
  { db, actor }: Context,
  { page, page_size, ...filter }: UsersQuery,
): Promise<UserPage> {
  requirePermission(actor, 'users:admin');
  const { rows } = await accountsQuery(filter, { limit: page_size, offset: (page - 1) * page_size }).execute(
    db,
  );
  const grants = rows.length ? (await accountGrantsQuery(rows.map((r) => r.id)).execute(db)).rows : [];
  const rolesOf = new Map<number, typeof grants>();
  for (const g of grants) rolesOf.set(g.user_id, [...(rolesOf.get(g.user_id) ?? []), g]);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    // Past the last page the window count has no row to ride on: count with the first page's query.
    total:
      rows[0]?.total ??
      (page > 1
        ? ((await accountsQuery(filter, { limit: 1, offset: 0 }).execute(db)).rows[0]?.total ?? 0)
        : 0),
    page,
    page_size,
    users: rows.map(({ id, total: _total, created_at, last_sign_in, ...user }) => ({
      ...user,
      created_at: new Date(created_at).toISOString(),
      last_sign_in: iso(last_sign_in),
      roles: (rolesOf.get(id) ?? []).map(
        (g): UserGrant => ({
          role: g.role as Role,
          org_unit: g.code,
          name: g.name,
          ...(g.group_kind ? { group: g.group_kind as 'trust' | 'federation' } : {}),
        }),
      ),
    })),
  };
}
