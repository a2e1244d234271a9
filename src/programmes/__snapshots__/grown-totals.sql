with unit_schools as (
      select unnest($1::text[]) as unit_code, unnest($2::int[]) as school_id
    ),
    periods as (
      select unnest($3::text[]) as period,
        unnest($4::date[]) as starts_on,
        unnest($5::date[]) as ends_on
    )
    select us.unit_code, p.period,
      (select count(distinct (t.org_unit_id, t.person_id))::int
        from post t join post l on l.person_id = t.person_id
        join unit_schools u2 on u2.unit_code = us.unit_code and u2.school_id = t.org_unit_id
        where t.role = 'teacher' and (case when l.role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher') then 3
    when l.role = 'deputy_headteacher' then 2 when l.role = 'assistant_headteacher' then 1 else 0 end) >= 1 and l.starts_on between p.starts_on and p.ends_on
          and l.starts_on > t.starts_on and (t.ends_on is null or t.ends_on >= l.starts_on - 366)) as grown,
      (select count(distinct (t.org_unit_id, t.person_id))::int
        from post t join unit_schools u2 on u2.unit_code = us.unit_code and u2.school_id = t.org_unit_id
        where t.role = 'teacher' and t.starts_on <= p.ends_on and (t.ends_on is null or t.ends_on >= p.starts_on)) as teachers
    from (select distinct unit_code from unit_schools) us cross join periods p
    order by us.unit_code, p.period
-- parameters: [["A","A"],[1,2],["2025-26"],["2025-09-01"],["2026-08-31"]]
