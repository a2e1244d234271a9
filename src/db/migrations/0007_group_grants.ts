// Roles held at a trust or federation (an org_group): a role grant names an org unit or a group, never
// both. Only roles that make sense across a group of schools may be held there.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table role_grant alter column org_unit_id drop not null;
    alter table role_grant add column org_group_id integer references org_group(id) on delete cascade;
    alter table role_grant add constraint role_grant_one_place
      check ((org_unit_id is null) <> (org_group_id is null));
    alter table role_grant add constraint role_grant_group_roles
      check (org_group_id is null or role in ('director', 'viewer', 'analyst'));
    create unique index role_grant_at_group on role_grant(user_id, role, org_group_id)
      where org_group_id is not null;
  `.execute(db);
  // The audit trigger on role_grant keeps whole rows (to_jsonb), so the new column is kept with no change.
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from role_grant where org_group_id is not null;
    drop index role_grant_at_group;
    alter table role_grant drop constraint role_grant_group_roles;
    alter table role_grant drop constraint role_grant_one_place;
    alter table role_grant drop column org_group_id;
    alter table role_grant alter column org_unit_id set not null;
  `.execute(db);
}
