with unit_schools as (
      select unnest($1::text[]) as unit_code, unnest($2::int[]) as school_id
    ),
    periods as (
      select unnest($3::text[]) as period,
        unnest($4::date[]) as starts_on,
        unnest($5::date[]) as ends_on
    )
    select us.unit_code, p.period, s.code as section,
      sum(vs.level)::int as levels, count(*)::int as scores
    from unit_schools us
    join visit v on v.school_unit_id = us.school_id and v.status = 'recorded'
    join periods p on v.visit_on between p.starts_on and p.ends_on
    join rubric r on r.id = v.rubric_id and r.code = $6
    join visit_score vs on vs.visit_id = v.id
    join rubric_criterion c on c.id = vs.criterion_id
    join rubric_section s on s.id = c.section_id
    group by us.unit_code, p.period, s.code
    order by us.unit_code, p.period, s.code
-- parameters: [["A","A","S1"],[11,12,11],["2026-11"],["2026-11-01"],["2026-11-30"],"LEADERSHIP"]
