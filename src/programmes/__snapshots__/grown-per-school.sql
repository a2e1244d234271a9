with moves as (
      select distinct t.org_unit_id as school_id, t.person_id, (l.org_unit_id = t.org_unit_id) as here
      from post t join post l on l.person_id = t.person_id
      where t.role = 'teacher' and (case when l.role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher') then 3
    when l.role = 'deputy_headteacher' then 2 when l.role = 'assistant_headteacher' then 1 else 0 end) >= 1
        and l.starts_on between $1::date and $2::date
        and l.starts_on > t.starts_on and (t.ends_on is null or t.ends_on >= l.starts_on - 366)
    )
    select o.code as school, o.name as school_name, s.phase, (select "a"."code" from org_unit a where a.level = 'area'
    and a.id in ("o"."parent_id", (select g.parent_id from org_unit g where g.id = "o"."parent_id"))) as area,
      (select "a"."name" from org_unit a where a.level = 'area'
    and a.id in ("o"."parent_id", (select g.parent_id from org_unit g where g.id = "o"."parent_id"))) as area_name,
      (select count(distinct t.person_id)::int from post t where t.org_unit_id = o.id and t.role = 'teacher'
        and t.starts_on <= $3::date and (t.ends_on is null or t.ends_on >= $4::date)) as teachers,
      (select count(distinct m.person_id)::int from moves m where m.school_id = o.id) as grown,
      (select count(distinct m.person_id)::int from moves m where m.school_id = o.id and m.here) as grown_here
    from school s join org_unit o on o.id = s.org_unit_id
    where (s.opened_on is null or s.opened_on <= $5::date) and (s.closed_on is null or s.closed_on > $6::date)
    order by o.code
-- parameters: ["2023-11-01","2026-11-01","2026-11-01","2023-11-01","2026-11-01","2026-11-01"]
