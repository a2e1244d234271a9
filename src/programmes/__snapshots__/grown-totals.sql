with unit_schools as (
      select unnest($1::text[]) as unit_code, unnest($2::int[]) as school_id
    ),
    periods as (
      select unnest($3::text[]) as period,
        unnest($4::date[]) as starts_on,
        unnest($5::date[]) as ends_on
    ),
    -- Set-based, not a subquery per unit and period: each of those scanned the units' schools again.
    grown as (
      select us.unit_code, p.period, count(distinct (t.org_unit_id, t.person_id))::int as n
      from unit_schools us
      join post t on t.org_unit_id = us.school_id and t.role = 'teacher'
      join post l on l.person_id = t.person_id and (case when l.role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher') then 3
    when l.role = 'deputy_headteacher' then 2 when l.role = 'assistant_headteacher' then 1 else 0 end) >= 1 and l.starts_on > t.starts_on
        and (t.ends_on is null or t.ends_on >= l.starts_on - 366)
      join periods p on l.starts_on between p.starts_on and p.ends_on
      group by us.unit_code, p.period
    ),
    taught as (
      select us.unit_code, p.period, count(distinct (t.org_unit_id, t.person_id))::int as n
      from unit_schools us
      join post t on t.org_unit_id = us.school_id and t.role = 'teacher'
      join periods p on t.starts_on <= p.ends_on and (t.ends_on is null or t.ends_on >= p.starts_on)
      group by us.unit_code, p.period
    )
    select us.unit_code, p.period, coalesce(g.n, 0) as grown, coalesce(t.n, 0) as teachers
    from (select distinct unit_code from unit_schools) us cross join periods p
    left join grown g on g.unit_code = us.unit_code and g.period = p.period
    left join taught t on t.unit_code = us.unit_code and t.period = p.period
    order by us.unit_code, p.period
-- parameters: [["A","A"],[1,2],["2025-26"],["2025-09-01"],["2026-08-31"]]
