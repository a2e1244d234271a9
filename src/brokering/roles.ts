// The system-leader role catalogue: read by the pool and the match (each leader's roles carry their rules),
// listed for anyone who brokers, and edited by a whole-authority broker with every change audited.
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { LeaderRole, type LeaderRoleChange, type ListedRole } from './role-contract.ts';

/** Every role in the catalogue, in the order it is shipped. */
export async function roleCatalogue(db: Db): Promise<LeaderRole[]> {
  const rows = await db
    .selectFrom('leader_role')
    .select([
      'code',
      'name',
      'description',
      'meets',
      'funded_days',
      'max_schools',
      'serving_head',
      'employed_by_authority',
      'own_school_at_least',
      'judged_on',
      'min_headship_years',
      'accreditation',
      'no_acting_capacity',
    ])
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    ...r,
    funded_days: Number(r.funded_days),
    min_headship_years: Number(r.min_headship_years),
  }));
}

/** Who may hold a role, in a broker's words. */
function holderRules(role: LeaderRole): string {
  const parts: string[] = [];
  if (role.serving_head) parts.push('a serving head');
  if (role.employed_by_authority) parts.push('employed by the authority');
  if (role.own_school_at_least)
    parts.push(
      `own school's ${role.judged_on === 'leadership' ? 'leadership' : 'overall judgement'} ${role.own_school_at_least === 'good' ? 'good or outstanding' : 'outstanding'}`,
    );
  if (role.min_headship_years > 0) parts.push(`${role.min_headship_years} years a head or more`);
  if (role.accreditation) parts.push(`${role.accreditation}, recorded`);
  if (role.no_acting_capacity)
    parts.push(
      'only for a school with no head and no deputy or assistant head to act (or in their own federation)',
    );
  return parts.join('; ') || 'none';
}

export async function listRoles(context: Context): Promise<{ roles: ListedRole[] }> {
  requirePermission(context.actor, 'brokering:read');
  const roles = await roleCatalogue(context.db);
  return { roles: roles.map((role) => ({ ...role, holder_rules: holderRules(role) })) };
}

/** Changes some of a role's definition; what is not named stays. */
export async function changeRole(
  context: Context,
  code: string,
  change: LeaderRoleChange,
): Promise<LeaderRole> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'brokering:write');
  const before = (await roleCatalogue(db)).find((r) => r.code === code);
  if (!before) throw notFound(`Role ${code}`);
  const parsed = LeaderRole.safeParse({ ...before, ...change });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HeadwayError(
      'invalid',
      `Role ${code}: ${issue?.path.join('.') || 'change'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const next = parsed.data;
  // A role that meets needs and funds no days could never be proposed: say so rather than store it.
  if (next.meets.length > 0 && next.funded_days === 0)
    throw new HeadwayError(
      'invalid',
      `Role ${code}: funded_days: a role that meets needs funds at least some days`,
    );
  const { code: _code, ...columns } = next;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('leader_role').set(columns).where('code', '=', code).execute();
    await recordAudit(trx, actor, 'change', 'leader-role', { code, before, change });
  });
  return next;
}
