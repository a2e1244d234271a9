with c as (
      select id, strategy_id, due_on, window_from, closed_on from strategy_cycle
      where id = $1::int or ($2::int is null and closed_on is null)
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
        r.outcome as frozen, c.due_on, c.closed_on, coalesce(c.closed_on, $3::date) as as_of
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
      where $4::int[] is null or st.id = any($5::int[])
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
      r.kind desc, r.code
-- parameters: [1,1,"2026-04-25",[2],[2]]
