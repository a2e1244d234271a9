// Turns a user's role grants into an actor: the permissions of their roles and the org units those
// roles reach, in one query. A role at an org unit reaches everything beneath it, with the units above
// it to compare with; a role at a trust or federation reaches the group's member schools, with the
// units above those (cluster, area, authority) to compare with, as a headteacher's would be.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { unitsBeneath } from '../registry/sql.ts';
import { type Actor, permissionsOf } from './actor.ts';
import type { Grant, Role } from './contract.ts';

export interface UserRow {
  id: number;
  email: string;
  name: string;
}

type GrantRow = Grant & { org_unit_id: number | null; org_group_id: number | null };

async function grantsOf(db: Db, userId: number): Promise<GrantRow[]> {
  const rows = await db
    .selectFrom('role_grant as g')
    .leftJoin('org_unit as o', 'o.id', 'g.org_unit_id')
    .leftJoin('org_group as t', 't.id', 'g.org_group_id')
    .select([
      'g.role',
      'o.code as unit_code',
      't.code as group_code',
      't.kind',
      'g.org_unit_id',
      'g.org_group_id',
    ])
    .where('g.user_id', '=', userId)
    .orderBy('g.role')
    .orderBy(sql`coalesce(o.code, t.code)`)
    .execute();
  return rows.map(({ unit_code, group_code, kind, ...r }) => ({
    role: r.role as Role,
    org_unit: (unit_code ?? group_code) as string,
    ...(kind ? { group: kind } : {}),
    org_unit_id: r.org_unit_id,
    org_group_id: r.org_group_id,
  }));
}

/**
 * The units a set of grants reaches: those at or beneath the units held (`beneath`), a group's member
 * schools (`beneath`), and the units above both, to compare with (`root` marks the top of the tree).
 */
export function scopeQuery(unitIds: number[], groupIds: number[]) {
  return sql<{ id: number; code: string; beneath: boolean; root: boolean }>`
    with recursive ${unitsBeneath('down', sql`id = any(${unitIds}::int[])`)},
    group_schools(id) as (
      -- a group's members as they stand now: a school that left the trust is no longer in scope
      select org_unit_id from org_group_member where group_id = any(${groupIds}::int[])
    ),
    up(id, parent_id) as (
      select id, parent_id from org_unit where id = any(${unitIds}::int[]) or id in (select id from group_schools)
      union select o.id, o.parent_id from org_unit o join up on o.id = up.parent_id
    )
    select o.id, o.code, true as beneath, false as root from down join org_unit o on o.id = down.id
    union all
    select o.id, o.code, true, false from group_schools g join org_unit o on o.id = g.id
    union all
    select o.id, o.code, false, up.parent_id is null from up join org_unit o on o.id = up.id`;
}

export async function actorForUser(db: Db, user: UserRow): Promise<Actor> {
  const [grants, account] = await Promise.all([
    grantsOf(db, user.id),
    db.selectFrom('app_user').select('person_id').where('id', '=', user.id).executeTakeFirst(),
  ]);
  const ids = grants.flatMap((g) => (g.org_unit_id === null ? [] : [g.org_unit_id]));
  const groupIds = grants.flatMap((g) => (g.org_group_id === null ? [] : [g.org_group_id]));
  const { rows } = await scopeQuery(ids, groupIds).execute(db);
  const units = new Set(rows.filter((r) => r.beneath).map((r) => r.code));
  // Only a role held at the top unit itself covers the whole system; a group's root row is a comparison.
  const all = grants.some((g) => rows.some((r) => r.root && r.id === g.org_unit_id));
  return {
    name: user.email,
    userId: user.id,
    personId: account?.person_id ?? null,
    grants: grants.map(({ org_unit_id: _u, org_group_id: _g, ...grant }) => grant),
    permissions: permissionsOf(grants),
    scope: {
      all,
      units,
      comparisons: new Set(rows.filter((r) => !r.beneath && !units.has(r.code)).map((r) => r.code)),
      groups: new Set(grants.flatMap((g) => (g.group ? [g.org_unit] : []))),
    },
  };
}
