with schools as (
      select o.id, s.phase, a.code as area, a.name as area_name
      from school s join org_unit o on o.id = s.org_unit_id
      left join org_unit a on a.level = 'area'
        and a.id in (o.parent_id, (select parent_id from org_unit p where p.id = o.parent_id))
      where (s.opened_on is null or s.opened_on <= $1::date) and (s.closed_on is null or s.closed_on > $2::date)
        and ($3::text[] is null or o.code = any($4::text[]))
    ),
    starts as (select ($5::date - make_interval(years => k))::date as start_day from generate_series(1, 3) k)
    select count(*)::int as head_years,
      count(*) filter (where p.ends_on is not null and p.ends_on <= (t.start_day + interval '1 year')::date
        and not exists (select 1 from post n where n.person_id = p.person_id and n.org_unit_id = p.org_unit_id
          and n.role in ('headteacher', 'executive_headteacher') and n.starts_on = p.ends_on))::int as leavers
    from starts t
    join post p on p.role in ('headteacher', 'executive_headteacher') and "p"."starts_on" <= t.start_day and ("p"."ends_on" is null or "p"."ends_on" > t.start_day)
    join schools s on s.id = p.org_unit_id
-- parameters: ["2026-11-01","2026-11-01",null,null,"2026-11-01"]
