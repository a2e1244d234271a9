with section_scores as (
      select o.code as school, r.code as rubric, s.code as section, s.name as section_name, r.scale_max,
        avg(vs.level)::float8 as mean_level, count(*)::int as scores, count(distinct v.id)::int as visits,
        to_char(min(v.visit_on), 'YYYY-MM-DD') as first_on, to_char(max(v.visit_on), 'YYYY-MM-DD') as last_on
      from visit v
      join org_unit o on o.id = v.school_unit_id
      join visit_score vs on vs.visit_id = v.id
      join rubric_criterion c on c.id = vs.criterion_id
      join rubric_section s on s.id = c.section_id
      join rubric r on r.id = s.rubric_id
      where v.status = 'recorded' and v.visit_on <= $1::date
        and v.visit_on > $2::date - interval '1 year'
      group by o.code, r.code, s.code, s.name, r.scale_max
    )
    select * from section_scores
    where scores >= 2 and mean_level >= $3::float8 * scale_max
    order by school, rubric, section
-- parameters: ["2026-11-27","2026-11-27",0.85]
