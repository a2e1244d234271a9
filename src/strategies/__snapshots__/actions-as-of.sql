with placed as (
      select a.id, a.purpose, a.position,
        coalesce(h.strand_id, a.strand_id) as strand_id, coalesce(h.code, a.code) as code,
        coalesce(h.title, a.title) as title,
        case when h.action_id is null then a.parent_action_id else h.parent_action_id end as parent_id,
        case when h.action_id is null then a.lead_person_id else h.lead_person_id end as lead_person_id
      from strategy_action a
        left join strategy_action_past h
          on h.action_id = a.id and h.valid_from <= $1::date and $2::date < h.valid_to
      where a.created_on <= $3::date
        or exists (select 1 from strategy_update x where x.action_id = a.id and x.on_date <= $4::date)
    )
    select a.id, a.code, a.title, a.purpose, a.strand_id, a.parent_id, a.position,
      case when "p"."id" is null then null
    else json_build_object('code', "p"."code", 'name', "p"."given_name" || ' ' || "p"."family_name") end as lead, a.lead_person_id,
      coalesce(u.to_status, 'not_started') as status, to_char(u.on_date, 'YYYY-MM-DD') as status_on,
      coalesce((select array_agg(g.group_code order by g.group_code) from strategy_action_group g
                where g.action_id = a.id), '{}') as groups,
      coalesce((select json_agg(json_build_object('id', m.id, 'title', m.title,
                  'due_on', to_char(m.due_on, 'YYYY-MM-DD'),
                  'done_on', case when m.done_on <= $5::date then to_char(m.done_on, 'YYYY-MM-DD') end)
                  order by m.due_on, m.id)
                from strategy_milestone m where m.action_id = a.id), '[]') as milestones
    from placed a left join person p on p.id = a.lead_person_id
      left join lateral (
        select x.to_status, x.on_date from strategy_update x
        where x.action_id = a.id and x.on_date <= $6::date
        order by x.on_date desc, x.id desc limit 1
      ) u on true
    where a.strand_id = any($7::int[])
    order by a.position, a.code, a.id
-- parameters: ["2026-03-31","2026-03-31","2026-03-31","2026-03-31","2026-03-31","2026-03-31",[1,2]]
