select "v"."id", json_build_object('code', o.code, 'name', o.name) as "school", case when a.id is null then null
        else json_build_object('code', a.code, 'name', a.name) end as "area", s.phase as "phase", "v"."post_role", to_char(v.opened_on, 'YYYY-MM-DD') as "opened_on", "v"."reason", case when v.withdrawn_on is not null then 'withdrawn'
  when v.appointed_person_id is not null then 'filled' else 'open' end as "status", case
        when d.id is not null then json_build_object('kind', 'deployment', 'person',
          json_build_object('code', dp.code, 'name', "dp"."given_name" || ' ' || "dp"."family_name"), 'role', d.role, 'deployment_id', d.id,
          'starts_on', to_char(d.starts_on, 'YYYY-MM-DD'), 'ends_on', to_char(d.ends_on, 'YYYY-MM-DD'))
        when cp.id is not null then json_build_object('kind', 'acting_head', 'person',
          json_build_object('code', cp.code, 'name', "cp"."given_name" || ' ' || "cp"."family_name"), 'role', 'acting_head', 'deployment_id', null,
          'starts_on', null, 'ends_on', null)
        end as "cover", (select count(*)::int from vacancy_round r where r.vacancy_id = v.id) as "rounds", (select coalesce(sum(r.applications), 0)::int from vacancy_round r
        where r.vacancy_id = v.id) as "applications", case when ap.id is null then null
        else json_build_object('code', ap.code, 'name', "ap"."given_name" || ' ' || "ap"."family_name") end as "appointed", to_char(v.appointed_on, 'YYYY-MM-DD') as "appointed_on", (v.appointed_on - v.opened_on) as "days_to_fill", case when v.appointed_on is null then null else exists (select 1 from vacancy_round r
        where r.vacancy_id = v.id and r.number = 1 and r.outcome = 'appointed') end as "filled_first_time", count(*) over ()::int as "total" from "vacancy" as "v" inner join "org_unit" as "o" on "o"."id" = "v"."school_unit_id" inner join "school" as "s" on "s"."org_unit_id" = "o"."id" left join "org_unit" as "a" on "a"."level" = $1 and exists (select 1 from school_ancestor sa where sa.school_id = o.id and sa.ancestor_id = a.id) left join "person" as "cp" on "cp"."id" = "v"."cover_person_id" left join "deployment" as "d" on "d"."id" = "v"."cover_deployment_id" left join "person" as "dp" on "dp"."id" = "d"."person_id" left join "person" as "ap" on "ap"."id" = "v"."appointed_person_id" where "o"."code" in ($2, $3, $4) and "a"."code" = $5 and "v"."post_role" = $6 and case when v.withdrawn_on is not null then 'withdrawn'
  when v.appointed_person_id is not null then 'filled' else 'open' end = $7 order by v.appointed_on - v.opened_on desc nulls last, "v"."id" desc limit $8 offset $9
-- parameters: ["area","A","S1","S2","A","headteacher","filled",20,20]
