select c.code as competency, c.name, count(*)::int as leaders,
      count(*) filter (where r.validated_rating < $1)::int as weak_leaders,
      avg(r.validated_rating)::float8 as mean
    from skill_audit_leader al

  left join org_unit s on s.id = al.school_id
  left join org_unit sp on sp.id = s.parent_id
  left join org_unit ar on ar.level = 'area' and ar.id in (sp.id, sp.parent_id)
    join skill_rating r on r.audit_id = al.audit_id and r.person_id = al.person_id and r.validated_rating is not null
    join competency c on c.id = r.competency_id and c.retired_on is null
    where al.audit_id = $2 and ar.code = $3
    group by c.code, c.name, c.position
    order by avg(r.validated_rating), c.position
-- parameters: [3,7,"A"]
