select count(distinct g.user_id)::int as admins
    from role_grant g join app_user u on u.id = g.user_id
    where g.role = 'admin' and not u.disabled and g.id <> $1
-- parameters: [7]
