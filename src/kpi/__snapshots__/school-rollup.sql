with unit_schools as (select unnest($1::text[]) as unit_code, unnest($2::int[]) as school_id), months as (
    select unnest($3::date[]) as month, unnest($4::text[]) as period,
      unnest($5::int[]) as months_in_period),
    school_values as (
      select dv.org_unit_id as school_id, e.code as element, m.period,
        case e.aggregation
          when 'sum' then sum(dv.value::text::numeric)
          when 'average' then avg(dv.value)::text::numeric
          else (array_agg(dv.value order by dv.month desc))[1]::text::numeric
        end as value
      from data_value dv
      join months m on m.month = dv.month
      join data_element e on e.id = dv.element_id
      where e.code = any($6::text[])
        and dv.org_unit_id = any($7::int[])
      group by dv.org_unit_id, e.code, e.aggregation, m.period
    )
    select us.unit_code, sv.period, sv.element, sum(sv.value)::float8 as total
    from unit_schools us join school_values sv on sv.school_id = us.school_id
    group by us.unit_code, sv.period, sv.element
-- parameters: [["A","A","TR","TR"],[1,2,2,3],["2026-09-01","2026-09-01","2026-10-01","2026-11-01","2026-12-01"],["2026-09","2026-27T1","2026-27T1","2026-27T1","2026-27T1"],[1,4,4,4,4],["sessions_attended","sessions_possible"],[1,2,3]]
