select g.user_id, g.role, coalesce(o.code, og.code) as code, coalesce(o.name, og.name) as name,
      og.kind as group_kind
    from role_grant g
    left join org_unit o on o.id = g.org_unit_id
    left join org_group og on og.id = g.org_group_id
    where g.user_id = any($1::int[])
    order by g.user_id, g.role, coalesce(o.code, og.code)
-- parameters: [[1,2]]
