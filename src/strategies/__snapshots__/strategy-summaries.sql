select s.id, s.code, s.name, s.purpose, s.lead_person_id, su.code as scope_code,
      json_build_object('code', su.code, 'name', su.name, 'level', su.level) as scope,
      case when "p"."id" is null then null
    else json_build_object('code', "p"."code", 'name', "p"."given_name" || ' ' || "p"."family_name") end as lead,
      (select count(*) from strategy_strand st where st.strategy_id = s.id and st.retired_on is null)::int as strands,
      (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
        where st.strategy_id = s.id and st.retired_on is null)::int as actions,
      ((s.lead_person_id is null)::int
        + (select count(*) from strategy_strand st where st.strategy_id = s.id and st.retired_on is null
            and st.lead_person_id is null)
        + (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
            where st.strategy_id = s.id and st.retired_on is null and a.lead_person_id is null
              and a.status not in ('done', 'stopped')))::int as unowned,
      (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
        where st.strategy_id = s.id and st.retired_on is null and a.status = 'at_risk')::int as at_risk,
      (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
        where st.strategy_id = s.id and st.retired_on is null and a.status = 'off_track')::int as off_track
    from strategy s join org_unit su on su.id = s.scope_unit_id
      left join person p on p.id = s.lead_person_id
    where (
    exists (select 1 from org_unit su where su.id = s.scope_unit_id and su.code = any($1::text[]))
    or s.lead_person_id = $2
    or exists (select 1 from strategy_strand ls where ls.strategy_id = s.id and ls.lead_person_id = $3)
    or exists (select 1 from strategy_action la join strategy_strand las on las.id = la.strand_id
               where las.strategy_id = s.id and la.lead_person_id = $4))
    order by s.code
-- parameters: [["A","S1","T"],7,7,7]
