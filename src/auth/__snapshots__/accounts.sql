select u.id, u.email, u.name, u.disabled, p.code as person_code, u.created_at,
      (select max(e.at) from audit_event e
        where e.action = 'sign_in' and lower(e.actor) = lower(u.email)) as last_sign_in,
      (select count(*) from api_token t
        where t.user_id = u.id and t.revoked_at is null
          and (t.expires_at is null or t.expires_at > now()))::int as active_tokens,
      count(*) over ()::int as total
    from app_user u
    left join person p on p.id = u.person_id
    where ($1::text is null or u.email ilike $2 or u.name ilike $3)
      and ($4::text is null or u.disabled = ($5::text = 'disabled'))
      and ($6::text is null and $7::text is null or exists (
        select 1 from role_grant g
        left join org_unit o on o.id = g.org_unit_id
        left join org_group og on og.id = g.org_group_id
        where g.user_id = u.id
          and ($8::text is null or g.role = $9)
          and ($10::text is null or coalesce(o.code, og.code) = $11)))
    order by lower(u.email), u.id
    limit $12 offset $13
-- parameters: ["lewis","%lewis%","%lewis%","active","active","area_lead","A","area_lead","area_lead","A","A",50,0]
