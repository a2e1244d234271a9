with overdue as (
      select 'action' as kind, a.id, a.title, a.due_on, a.owner_person_id as person_id,
        case when m.id is null then null else json_build_object('id', m.id, 'title', m.title) end as meeting
      from action_item a left join meeting m on m.id = a.meeting_id
      where a.status = 'open' and a.due_on < $1::date and a.owner_person_id is not null
      union all
      select 'challenge', c.id, c.title, c.due_on, c.owner_person_id, null
      from challenge c
      where c.status in ('open', 'in_progress') and c.due_on < $2::date and c.owner_person_id is not null
    )
    select o.kind, o.id, o.title, to_char(o.due_on, 'YYYY-MM-DD') as due_on,
      ($3::date - o.due_on) as days_overdue, o.meeting, o.person_id,
      coalesce((select u.email from app_user u where u.person_id = o.person_id and not u.disabled
                order by u.id limit 1), p.email) as email,
      p.given_name || ' ' || p.family_name as owner_name
    from overdue o join person p on p.id = o.person_id
    where ($4::int is null or o.person_id = $5::int)
      and ($6::date is null or not exists (
        select 1 from reminder_sent r where r.item_kind = o.kind and r.item_id = o.id
          and r.person_id = o.person_id and r.channel = 'email' and r.sent_on = $7::date))
    order by o.person_id, days_overdue desc, o.kind, o.id
-- parameters: ["2026-03-01","2026-03-01","2026-03-01",null,null,"2026-03-01","2026-03-01"]
