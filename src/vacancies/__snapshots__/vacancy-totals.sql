with unit_schools as (
      select unnest($1::text[]) as unit_code, unnest($2::int[]) as school_id
    ),
    periods as (
      select unnest($3::text[]) as period,
        unnest($4::date[]) as starts_on,
        unnest($5::date[]) as ends_on
    ),
    headship_rounds as (
      select us.unit_code, p.period, count(*)::int as rounds, coalesce(sum(r.applications), 0)::int as applications,
        count(distinct v.id)::int as advertised
      from unit_schools us join vacancy v on v.school_unit_id = us.school_id and v.post_role = 'headteacher'
      join vacancy_round r on r.vacancy_id = v.id
      join periods p on r.advertised_on between p.starts_on and p.ends_on
      group by us.unit_code, p.period
    ),
    filled as (
      select us.unit_code, p.period, count(*)::int as filled,
        count(*) filter (where exists (select 1 from vacancy_round r where r.vacancy_id = v.id
          and r.number = 1 and r.outcome = 'appointed'))::int as first_time,
        percentile_cont(0.5) within group (order by v.appointed_on - v.opened_on) as median_days
      from unit_schools us join vacancy v on v.school_unit_id = us.school_id and v.post_role = 'headteacher'
      join periods p on v.appointed_on between p.starts_on and p.ends_on
      group by us.unit_code, p.period
    ),
    -- On the period's last day: an acting or interim head in post, or a headship vacancy open that day
    -- (opened, not withdrawn, its appointee not yet started) with cover arranged.
    interim as (
      select us.unit_code, p.period, count(distinct us.school_id)::int as interim_led
      from unit_schools us cross join periods p
      where exists (select 1 from post po where po.org_unit_id = us.school_id
          and po.role in ('acting_headteacher', 'interim_headteacher')
          and po.starts_on <= p.ends_on and (po.ends_on is null or po.ends_on >= p.ends_on))
        or exists (select 1 from vacancy v where v.school_unit_id = us.school_id and v.post_role = 'headteacher'
          and v.opened_on <= p.ends_on and (v.withdrawn_on is null or v.withdrawn_on > p.ends_on)
          and (v.appointed_starts_on is null or v.appointed_starts_on > p.ends_on)
          and (v.cover_deployment_id is not null or v.cover_person_id is not null))
      group by us.unit_code, p.period
    ),
    open_schools as (
      select us.unit_code, p.period, count(distinct us.school_id)::int as schools
      from unit_schools us join school s on s.org_unit_id = us.school_id cross join periods p
      where (s.opened_on is null or s.opened_on <= p.ends_on) and (s.closed_on is null or s.closed_on > p.ends_on)
      group by us.unit_code, p.period
    )
    select u.unit_code, p.period,
      coalesce(hr.rounds, 0) as rounds, coalesce(hr.applications, 0) as applications,
      coalesce(hr.advertised, 0) as advertised, coalesce(f.filled, 0) as filled,
      coalesce(f.first_time, 0) as first_time, f.median_days,
      coalesce(i.interim_led, 0) as interim_led, coalesce(o.schools, 0) as schools
    from (select distinct unit_code from unit_schools) u cross join periods p
    left join headship_rounds hr on hr.unit_code = u.unit_code and hr.period = p.period
    left join filled f on f.unit_code = u.unit_code and f.period = p.period
    left join interim i on i.unit_code = u.unit_code and i.period = p.period
    left join open_schools o on o.unit_code = u.unit_code and o.period = p.period
    order by u.unit_code, p.period
-- parameters: [["A","A","S1"],[1,2,1],["2025-26"],["2025-09-01"],["2026-08-31"]]
