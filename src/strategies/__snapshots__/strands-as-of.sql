select st.id, coalesce(h.code, st.code) as code, coalesce(h.name, st.name) as name, st.purpose,
      case when "p"."id" is null then null
    else json_build_object('code', "p"."code", 'name', "p"."given_name" || ' ' || "p"."family_name") end as lead, p.id as lead_person_id, st.position
    from strategy_strand st
      left join strategy_strand_past h
        on h.strand_id = st.id and h.valid_from <= $1::date and $2::date < h.valid_to
      left join person p on p.id = case when h.strand_id is null then st.lead_person_id else h.lead_person_id end
    where st.strategy_id = $3
      and (st.created_on <= $4::date or exists (
        select 1 from strategy_action a
          join strategy_update u on u.action_id = a.id and u.on_date <= $5::date
          left join strategy_action_past h
            on h.action_id = a.id and h.valid_from <= $6::date and $7::date < h.valid_to
        where coalesce(h.strand_id, a.strand_id) = st.id))
      and coalesce(case when h.strand_id is null then st.retired_on else h.retired_on end, 'infinity')
        > $8::date
    order by st.position, 2
-- parameters: ["2026-03-31","2026-03-31",1,"2026-03-31","2026-03-31","2026-03-31","2026-03-31","2026-03-31"]
