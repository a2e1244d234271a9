select o.id, o.code, o.name, s.phase, s.latitude, s.longitude,
      (select a.code from org_unit a where a.level = 'area' and a.id in (o.parent_id, (select parent_id from org_unit p where p.id = o.parent_id))) as area,
      (select g.code from org_group_member m join org_group g on g.id = m.group_id and g.kind = 'trust' where m.org_unit_id = o.id limit 1) as trust,
      (select g.code from org_group_member m join org_group g on g.id = m.group_id and g.kind = 'federation' where m.org_unit_id = o.id limit 1) as federation
    from school s join org_unit o on o.id = s.org_unit_id
    where (s.opened_on is null or s.opened_on <= $1) and (s.closed_on is null or s.closed_on > $2)
    order by o.code
-- parameters: ["2026-11-01","2026-11-01"]
