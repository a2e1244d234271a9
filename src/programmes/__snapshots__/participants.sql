with part as (
      select pp.*, c.starts_on as cohort_starts, (case when pp.post_role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher') then 3
    when pp.post_role = 'deputy_headteacher' then 2 when pp.post_role = 'assistant_headteacher' then 1 else 0 end) as entry_rank
      from programme_participant pp join programme_cohort c on c.id = pp.cohort_id
      where pp.cohort_id = $1
    )
    select part.id, part.cohort_id, pe.code as person, "pe"."given_name" || ' ' || "pe"."family_name" as name,
      s.code as school, s.name as school_name, (select "a"."code" from org_unit a where a.level = 'area'
    and a.id in ("s"."parent_id", (select g.parent_id from org_unit g where g.id = "s"."parent_id"))) as area, part.post_role, part.entry_rank,
      part.status, part.completed_on, part.placement_days::float8 as placement_days,
      promo.role as promoted_role, promo.school as promoted_school, promo.school_name as promoted_school_name,
      promo.starts_on as promoted_on,
      pl.host_school, pl.host_school_name, pl.host_name, pl.days as placement_days_agreed
    from part
    join person pe on pe.id = part.person_id
    left join org_unit s on s.id = part.school_id
    left join lateral (
      select po.role, o.code as school, o.name as school_name, po.starts_on
      from post po join org_unit o on o.id = po.org_unit_id
      where po.person_id = part.person_id and po.starts_on >= part.cohort_starts and po.starts_on <= $2::date
        and po.starts_on <= (coalesce(part.completed_on, $3::date) + make_interval(years => $4))::date
        and (case when po.role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher') then 3
    when po.role = 'deputy_headteacher' then 2 when po.role = 'assistant_headteacher' then 1 else 0 end) >= 2 and (case when po.role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher') then 3
    when po.role = 'deputy_headteacher' then 2 when po.role = 'assistant_headteacher' then 1 else 0 end) > part.entry_rank
      order by po.starts_on, po.id limit 1
    ) promo on true
    left join lateral (
      select h.code as host_school, h.name as host_school_name, "hp"."given_name" || ' ' || "hp"."family_name" as host_name, p.days::float8 as days
      from placement p join org_unit h on h.id = p.host_school_id join person hp on hp.id = p.host_person_id
      where p.participant_id = part.id and p.status <> 'cancelled' limit 1
    ) pl on true
    order by pe.family_name, pe.given_name, pe.code
-- parameters: [7,"2026-11-01","2026-11-01",3]
