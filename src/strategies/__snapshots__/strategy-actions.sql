select a.id, a.code, a.title, a.purpose, a.strand_id, a.parent_action_id as parent_id, a.position,
      case when "p"."id" is null then null
    else json_build_object('code', "p"."code", 'name', "p"."given_name" || ' ' || "p"."family_name") end as lead, a.lead_person_id, a.status, to_char(a.status_on, 'YYYY-MM-DD') as status_on,
      coalesce((select array_agg(g.group_code order by g.group_code) from strategy_action_group g
                where g.action_id = a.id), '{}') as groups,
      coalesce((select json_agg(json_build_object('id', m.id, 'title', m.title,
                  'due_on', to_char(m.due_on, 'YYYY-MM-DD'), 'done_on', to_char(m.done_on, 'YYYY-MM-DD'))
                  order by m.due_on, m.id)
                from strategy_milestone m where m.action_id = a.id), '[]') as milestones
    from strategy_action a left join person p on p.id = a.lead_person_id
    where a.strand_id = any($1::int[])
    order by a.position, a.code, a.id
-- parameters: [[1,2]]
