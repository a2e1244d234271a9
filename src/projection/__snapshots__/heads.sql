with schools as (
      select o.id, s.phase, a.code as area, a.name as area_name
      from school s join org_unit o on o.id = s.org_unit_id
      left join org_unit a on a.level = 'area'
        and a.id in (o.parent_id, (select parent_id from org_unit p where p.id = o.parent_id))
      where (s.opened_on is null or s.opened_on <= $1::date) and (s.closed_on is null or s.closed_on > $2::date)
        and ($3::text[] is null or o.code = any($4::text[]))
    ),
    heads as (
      select p.person_id, p.org_unit_id,
        (select min(e.starts_on) from post e
          where e.person_id = p.person_id and e.org_unit_id = p.org_unit_id
            and e.role in ('headteacher', 'executive_headteacher') and e.starts_on <= $5::date) as since
      from post p
      where p.role in ('headteacher', 'executive_headteacher') and "p"."starts_on" <= $6::date and ("p"."ends_on" is null or "p"."ends_on" > $7::date)
    )
    select s.phase, s.area, s.area_name,
      extract(year from age($8::date, h.since))::int as years, count(*)::int as heads
    from heads h join schools s on s.id = h.org_unit_id
    group by 1, 2, 3, 4
    order by 2, 1, 4
-- parameters: ["2026-11-01","2026-11-01",["A"],["A"],"2026-11-01","2026-11-01","2026-11-01","2026-11-01"]
