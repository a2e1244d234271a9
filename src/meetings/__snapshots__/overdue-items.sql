with overdue as (
      select 'action' as kind, a.id, a.title, a.due_on, a.owner_person_id as person_id,
        case when m.id is null then null else json_build_object('id', m.id, 'title', m.title) end as meeting,
        null::json as strategy
      from action_item a left join meeting m on m.id = a.meeting_id
      where a.status = 'open' and a.due_on < $1::date and a.owner_person_id is not null
        and $2::int is null
      union all
      select 'challenge', c.id, c.title, c.due_on, c.owner_person_id, null, null
      from challenge c
      where c.status in ('open', 'in_progress') and c.due_on < $3::date and c.owner_person_id is not null
        and $4::int is null
      union all
      select 'strategy_request', q.id,
        case q.kind when 'action' then q.item->>'code' || ' ' || (q.item->>'title')
          when 'strand' then 'Strand summary: ' || (q.item->>'code') || ' ' || (q.item->>'title')
          else 'Overall summary' end,
        sc.due_on, q.person_id, null,
        json_build_object('code', s.code, 'name', s.name, 'term', sc.term, 'kind', q.kind,
          'item_id', (q.item->>'id')::int)
      from (
    with c as (
      select id, strategy_id, due_on, window_from, closed_on from strategy_cycle
      where id = $5::int or ($6::int is null and closed_on is null)
    ),
    r as (
      select r.id, r.item_kind as kind, r.item_id,
        case r.item_kind when 'action' then coalesce(ha.code, a.code)
          when 'strand' then coalesce(hs.code, st.code) else s.code end as code,
        case r.item_kind when 'action' then coalesce(ha.title, a.title)
          when 'strand' then coalesce(hs.name, st.name) else 'Overall summary' end as title,
        st.id as strand_id, coalesce(hs.code, st.code) as strand_code, coalesce(hs.name, st.name) as strand_name,
        st.position as strand_position,
        case when c.closed_on is not null then r.person_id
          when r.item_kind = 'action' then a.lead_person_id
          when r.item_kind = 'strand' then st.lead_person_id
          else s.lead_person_id end as person_id,
        case when c.closed_on is not null then r.met_on
          when r.item_kind = 'action' then
            (select min(u.on_date) from strategy_update u
             where u.action_id = r.item_id and u.on_date >= c.window_from)
          else (select min(ss.on_date) from strategy_summary ss where ss.cycle_id = c.id
                and ss.strand_id is not distinct from (case when r.item_kind = 'strand' then r.item_id end))
          end as met_on,
        r.outcome as frozen, c.due_on, c.closed_on, coalesce(c.closed_on, $7::date) as as_of
      from strategy_cycle_request r
      join c on c.id = r.cycle_id
      join strategy s on s.id = c.strategy_id
      left join strategy_action a on r.item_kind = 'action' and a.id = r.item_id
      -- A closed cycle shows each item where the plan had it on the closing day, not after a later move:
      -- the first state superseded after that day held then (none: the current row still holds).
      left join lateral (
        select h.* from strategy_action_past h
        where c.closed_on is not null and h.action_id = a.id and h.valid_to > c.closed_on
        order by h.valid_to, h.valid_from limit 1
      ) ha on true
      left join strategy_strand st
        on st.id = case r.item_kind when 'strand' then r.item_id
          when 'action' then coalesce(ha.strand_id, a.strand_id) end
      left join lateral (
        select h.* from strategy_strand_past h
        where c.closed_on is not null and h.strand_id = st.id and h.valid_to > c.closed_on
        order by h.valid_to, h.valid_from limit 1
      ) hs on true
      where $8::int[] is null or st.id = any($9::int[])
    )
    select r.id, r.kind,
      json_build_object('id', r.item_id, 'code', coalesce(r.code, '?'), 'title', coalesce(r.title, '(removed)'))
        as item,
      case when r.strand_id is null then null
        else json_build_object('id', r.strand_id, 'code', r.strand_code, 'name', r.strand_name) end as strand,
      case when p.id is null then null
        else json_build_object('code', p.code, 'name', p.given_name || ' ' || p.family_name) end as lead,
      r.person_id,
      to_char(r.met_on, 'YYYY-MM-DD') as met_on,
      coalesce(r.frozen, case
        when r.met_on is not null then case when r.met_on <= r.due_on then 'on_time' else 'late' end
        when r.person_id is null then 'unowned'
        when r.closed_on is not null or r.as_of > r.due_on then 'missing'
        else 'awaiting' end) as outcome,
      case when r.met_on is null and r.person_id is not null then r.as_of - r.due_on end as days_overdue
    from r left join person p on p.id = r.person_id
    order by days_overdue desc nulls last, r.strand_position nulls first, r.strand_code nulls first,
      r.kind desc, r.code) q
      join strategy_cycle_request scr on scr.id = q.id
      join strategy_cycle sc on sc.id = scr.cycle_id
      join strategy s on s.id = sc.strategy_id
      where q.met_on is null and q.person_id is not null and sc.closed_on is null
        and ($10::date is null or $11::int is not null or sc.due_on <= $12::date + 7)
    )
    select o.kind, o.id, o.title, to_char(o.due_on, 'YYYY-MM-DD') as due_on,
      ($13::date - o.due_on) as days_overdue, o.meeting, o.strategy, o.person_id,
      coalesce((select u.email from app_user u where u.person_id = o.person_id and not u.disabled
                order by u.id limit 1), p.email) as email,
      p.given_name || ' ' || p.family_name as owner_name
    from overdue o join person p on p.id = o.person_id
    where ($14::int is null or o.person_id = $15::int)
      and ($16::date is null or not exists (
        select 1 from reminder_sent r where r.item_kind = o.kind and r.item_id = o.id
          and r.person_id = o.person_id and r.channel = 'email' and r.sent_on = $17::date))
    order by o.person_id, days_overdue desc, o.kind, o.id
-- parameters: ["2026-03-01",null,"2026-03-01",null,null,null,"2026-03-01",null,null,"2026-03-01",null,"2026-03-01","2026-03-01",null,null,"2026-03-01","2026-03-01"]
