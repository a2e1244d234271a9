with months as (
    select unnest($1::date[]) as month, unnest($2::text[]) as period,
      unnest($3::int[]) as months_in_period)
    select u.code as unit_code, m.period, e.code as element, sum(t.total)::float8 as total
    from org_unit u
    join element_total t on t.org_unit_id = u.id
    join months m on m.month = t.month
    join data_element e on e.id = t.element_id
    where u.code = any($4::text[])
      and e.code = any($5::text[])
      and (e.aggregation = 'sum' or m.months_in_period = 1)
    group by u.code, m.period, e.code
-- parameters: [["2026-09-01","2026-09-01","2026-10-01","2026-11-01","2026-12-01"],["2026-09","2026-27T1","2026-27T1","2026-27T1","2026-27T1"],[1,4,4,4,4],["A","TR"],["sessions_attended","sessions_possible"]]
