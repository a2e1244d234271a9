select d.person_id, sum(d.days_agreed)::float8 as committed,
      array_agg(distinct o.code order by o.code) as schools,
      json_agg(json_build_object('school', o.code, 'kind', d.role) order by o.code, d.role) as supporting
    from deployment d join support_need n on n.id = d.need_id join org_unit o on o.id = n.school_id
    where d.status = 'active' group by d.person_id
-- parameters: []
