with grouped as (select al.person_id, ar.code as group_code, ar.name as group_name, ar.code as sort_key
          from skill_audit_leader al
  left join org_unit s on s.id = al.school_id
  left join org_unit sp on sp.id = s.parent_id
  left join org_unit ar on ar.level = 'area' and ar.id in (sp.id, sp.parent_id)
          where al.audit_id = $1 and ar.code is not null
          union all
          select al.person_id, 'all', 'Whole authority', '~' from skill_audit_leader al where al.audit_id = $2),
    leader as (
      select al.person_id from skill_audit_leader al
      where al.audit_id = $3 and true
    ),
    value as (
      select r.person_id, r.competency_id, coalesce(r.validated_rating, r.self_rating) as rating,
        r.validated_rating is not null as is_validated
      from skill_rating r join leader l on l.person_id = r.person_id
      where r.audit_id = $4 and coalesce(r.validated_rating, r.self_rating) is not null
    )
    select g.group_code, g.group_name, c.code as competency, count(*)::int as leaders,
      count(*) filter (where v.is_validated)::int as validated, avg(v.rating)::float8 as mean
    from grouped g
    join value v on v.person_id = g.person_id
    join competency c on c.id = v.competency_id and c.retired_on is null
    group by g.group_code, g.group_name, g.sort_key, c.code
    order by g.sort_key, g.group_code, c.code
-- parameters: [7,7,7,7]
