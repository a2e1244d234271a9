select o.id, o.code, o.name, a.code as area, a.name as area_name
    from school s
    join org_unit o on o.id = s.org_unit_id
    left join org_unit p on p.id = o.parent_id
    left join org_unit a on a.level = 'area' and a.id in (p.id, p.parent_id)
    where (s.opened_on is null or s.opened_on <= $1) and (s.closed_on is null or s.closed_on > $2)
    order by o.code
-- parameters: ["2026-10-31","2026-10-31"]
