// Turns a user's role grants into an actor: the permissions of their roles and the org units those
// roles reach (everything beneath each grant, and the units above it to compare with), in one query.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { type Actor, type Grant, permissionsOf, type Role } from './actor.ts';

export interface UserRow {
  id: number;
  email: string;
  name: string;
}

export async function grantsOf(db: Db, userId: number): Promise<(Grant & { org_unit_id: number })[]> {
  const rows = await db
    .selectFrom('role_grant as g')
    .innerJoin('org_unit as o', 'o.id', 'g.org_unit_id')
    .select(['g.role', 'o.code as org_unit', 'o.id as org_unit_id'])
    .where('g.user_id', '=', userId)
    .orderBy('g.role')
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export async function actorForUser(db: Db, user: UserRow): Promise<Actor> {
  const [grants, account] = await Promise.all([
    grantsOf(db, user.id),
    db.selectFrom('app_user').select('person_id').where('id', '=', user.id).executeTakeFirst(),
  ]);
  const ids = grants.map((g) => g.org_unit_id);
  const { rows } = await sql<{ id: number; code: string; beneath: boolean; root: boolean }>`
    with recursive down(id) as (
      select id from org_unit where id = any(${ids}::int[])
      union select o.id from org_unit o join down on o.parent_id = down.id
    ),
    up(id, parent_id) as (
      select id, parent_id from org_unit where id = any(${ids}::int[])
      union select o.id, o.parent_id from org_unit o join up on o.id = up.parent_id
    )
    select o.id, o.code, true as beneath, false as root from down join org_unit o on o.id = down.id
    union all
    select o.id, o.code, false, up.parent_id is null from up join org_unit o on o.id = up.id`.execute(db);
  const units = new Set(rows.filter((r) => r.beneath).map((r) => r.code));
  const all = grants.some((g) => rows.some((r) => r.root && r.id === g.org_unit_id));
  return {
    name: user.email,
    userId: user.id,
    personId: account?.person_id ?? null,
    grants: grants.map(({ role, org_unit }) => ({ role, org_unit })),
    permissions: permissionsOf(grants),
    scope: {
      all,
      units,
      comparisons: new Set(rows.filter((r) => !r.beneath && !units.has(r.code)).map((r) => r.code)),
    },
  };
}
