with recursive "covered" (id) as (
      select id from org_unit where id in (select org_unit_id from reform_unit where reform_id = $1)
      union select o.id from org_unit o join "covered" b on o.parent_id = b.id
    ),
    in_area (unit_id, area_id) as (
      select id, id from org_unit where level = 'area'
      union all select o.id, up.area_id from org_unit o join in_area up on up.unit_id = o.parent_id
    ),
    school as (
      select o.id, o.code, o.name, ia.area_id from org_unit o
      left join in_area ia on ia.unit_id = o.id
      where o.level = 'school' and o.id in (select id from covered)
    ),
    finding as (
      select v.id as visit_id, v.school_unit_id, v.visit_on,
        count(*) filter (where p.status = 'in_place')::int as in_place,
        count(*) filter (where p.status = 'partly')::int as partly,
        count(*) filter (where p.status = 'not_yet')::int as not_yet,
        count(*)::int as practices
      from reform_check rc
      join visit v on v.id = rc.visit_id and v.status = 'recorded'
      join reform_check_practice p on p.visit_id = rc.visit_id
      where rc.reform_id = $2
      group by v.id
    ),
    period as (
      select * from unnest($3::text[], $4::date[])
        as t(period, ends_on)
    )
    select p.period, a.code as area_code, a.name as area_name, grouping(a.code)::int as whole,
      count(*)::int as schools, count(l.visit_id)::int as checked,
      coalesce(sum(l.in_place), 0)::int as in_place, coalesce(sum(l.practices), 0)::int as practices
    from period p
    cross join school s
    left join org_unit a on a.id = s.area_id
    left join lateral (
      select f.visit_id, f.in_place, f.practices from finding f
      where f.school_unit_id = s.id and f.visit_on <= p.ends_on
      order by f.visit_on desc, f.visit_id desc limit 1
    ) l on true
    group by grouping sets ((p.period, a.code, a.name), (p.period))
    order by p.period, whole desc, a.name
-- parameters: [7,7,["2026-09","2026-10"],["2026-09-30","2026-10-20"]]
