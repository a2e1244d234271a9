// The system-leader role catalogue: read by the pool and the match (each leader's roles carry their rules),
// listed for anyone who brokers, and edited by a whole-authority broker with every change audited.
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { LeaderRole, type LeaderRoleChange } from './role-contract.ts';

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

export async function listRoles(context: Context): Promise<{ roles: LeaderRole[] }> {
  requirePermission(context.actor, 'brokering:read');
  return { roles: await roleCatalogue(context.db) };
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
