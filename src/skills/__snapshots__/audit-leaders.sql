select al.person_id, pe.code as person, "pe"."given_name" || ' ' || "pe"."family_name" as name, s.code as school, s.name as school_name,
      ar.code as area, al.post_role,
      count(r.self_rating) filter (where c.retired_on is null)::int as self_rated,
      count(r.validated_rating) filter (where c.retired_on is null)::int as validated,
      round(avg(r.self_rating - r.validated_rating), 2)::float8 as gap
    from skill_audit_leader al
    join person pe on pe.id = al.person_id

  left join org_unit s on s.id = al.school_id
  left join org_unit sp on sp.id = s.parent_id
  left join org_unit ar on ar.level = 'area' and ar.id in (sp.id, sp.parent_id)
    left join skill_rating r on r.audit_id = al.audit_id and r.person_id = al.person_id
    left join competency c on c.id = r.competency_id
    where al.audit_id = $1 and true
    group by al.person_id, pe.code, pe.given_name, pe.family_name, s.code, s.name, ar.code, al.post_role
    order by s.name nulls last, pe.family_name, pe.given_name, pe.code
-- parameters: [7]
