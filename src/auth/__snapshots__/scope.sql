with recursive "down" (id) as (
      select id from org_unit where id = any($1::int[])
      union select o.id from org_unit o join "down" b on o.parent_id = b.id
    ),
    group_schools(id) as (
      -- a group's members as they stand now: a school that left the trust is no longer in scope
      select org_unit_id from org_group_member where group_id = any($2::int[])
    ),
    up(id, parent_id) as (
      select id, parent_id from org_unit where id = any($3::int[]) or id in (select id from group_schools)
      union select o.id, o.parent_id from org_unit o join up on o.id = up.parent_id
    )
    select o.id, o.code, true as beneath, false as root from down join org_unit o on o.id = down.id
    union all
    select o.id, o.code, true, false from group_schools g join org_unit o on o.id = g.id
    union all
    select o.id, o.code, false, up.parent_id is null from up join org_unit o on o.id = up.id
-- parameters: [[1,2],[3],[1,2]]
