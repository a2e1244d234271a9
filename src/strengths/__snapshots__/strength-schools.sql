select o.code, o.name, s.phase, a.code as area, a.name as area_name
    from school s join org_unit o on o.id = s.org_unit_id
    left join lateral (
      select a.code, a.name from org_unit a where a.level = 'area'
        and a.id in (o.parent_id, (select p.parent_id from org_unit p where p.id = o.parent_id)) limit 1
    ) a on true
    where (s.opened_on is null or s.opened_on <= $1::date) and (s.closed_on is null or s.closed_on > $2::date)
    order by o.name, o.code
-- parameters: ["2026-11-27","2026-11-27"]
