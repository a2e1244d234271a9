with unit_schools as (
      select unnest($1::text[]) as unit_code, unnest($2::int[]) as school_id
    ),
    schools as (select distinct school_id from unit_schools),

    months as (select unnest($3::date[]) as month, unnest($4::text[]) as period),
    school_values as (
      select dv.org_unit_id as school_id, m.period,
        (array_agg(dv.value order by dv.month desc) filter (where e.code = 'pupils_enrolled'))[1] as pupils,
        (array_agg(dv.value order by dv.month desc) filter (where e.code = 'teachers_in_post'))[1] as teachers
      from data_value dv
      join months m on m.month = dv.month
      join data_element e on e.id = dv.element_id and e.code in ('pupils_enrolled', 'teachers_in_post')
      where dv.org_unit_id in (select school_id from schools)
      group by dv.org_unit_id, m.period
    ),
    period_ends as (
      select period, (max(month) + interval '1 month - 1 day')::date as day from months group by period
    ),
    post_teachers as (
      select p.org_unit_id as school_id, pe.period, sum(coalesce(p.fte, 1)) as teachers
      from post p join period_ends pe on p.starts_on <= pe.day and (p.ends_on is null or p.ends_on >= pe.day)
      where p.role = 'teacher' and p.org_unit_id in (select school_id from schools)
      group by p.org_unit_id, pe.period
    ),
    grade_values as (
      select dv.org_unit_id as school_id, m.period, o.code as grade,
        (array_agg(dv.value order by dv.month desc))[1] as pupils
      from data_value dv
      join months m on m.month = dv.month
      join data_element e on e.id = dv.element_id
      join category_option o on e.code = 'pupils_enrolled.' || o.code
      join category c on c.id = o.category_id and c.code = 'grade'
      where dv.org_unit_id in (select school_id from schools)
      group by dv.org_unit_id, m.period, o.code
    ),
    school_staff as (
      select sv.school_id, sv.period, sv.pupils, coalesce(sv.teachers, pt.teachers) as teachers,
        case when sv.teachers is not null then 'data' else 'posts' end as teachers_from
      from school_values sv left join post_teachers pt on pt.school_id = sv.school_id and pt.period = sv.period
    ),
    school_gaps as (
      select sv.school_id, sv.period, s.phase, sv.pupils::float8 as pupils, sv.teachers::float8 as teachers, sv.teachers_from,
        n.max_ratio::float8 as max_ratio, n.min_teachers, c.classes,
        greatest(n.min_teachers, ceil(sv.pupils::numeric / n.max_ratio), coalesce(c.classes, 0))::int as required,
        (greatest(n.min_teachers, ceil(sv.pupils::numeric / n.max_ratio), coalesce(c.classes, 0))
          - sv.teachers::numeric)::float8 as gap,
        case when sv.teachers > 0 then (sv.pupils / sv.teachers)::float8 end as ptr,
        (sv.pupils::numeric > sv.teachers::numeric * n.max_ratio) as above
      from school_staff sv
      join school s on s.org_unit_id = sv.school_id
      cross join lateral (
        select max_ratio, min_teachers, max_class_size from staffing_norm n
        where (n.phase is null or n.phase = s.phase) and (n.type is null or n.type = s.type)
        order by n.type is null, n.phase is null
        limit 1
      ) n
      -- A teacher per class where the norm sets a class size and the school reports pupils by grade.
      left join lateral (
        select sum(ceil(gv.pupils::numeric / n.max_class_size))::int as classes
        from grade_values gv
        where n.max_class_size is not null and gv.school_id = sv.school_id and gv.period = sv.period
      ) c on true
      where sv.pupils is not null and sv.teachers is not null
    ),
    phase_fits as (
      -- regr_r2 is null when pupils do not vary (nothing explained) and 1 when teachers do not vary.
      select us.unit_code, g.period, count(*) as schools,
        case when regr_syy(g.teachers, g.pupils) = 0 then 1 else coalesce(regr_r2(g.teachers, g.pupils), 0) end as r2
      from unit_schools us join school_gaps g on g.school_id = us.school_id
      group by us.unit_code, g.period, g.phase
      having count(*) >= 3
    ),
    pooled as (
      select unit_code, period, sum(schools * r2) / sum(schools) as r2 from phase_fits group by unit_code, period
    )
    select us.unit_code, g.period,
      count(*)::int as schools,
      (count(*) filter (where g.above))::int as schools_above,
      coalesce(sum(g.pupils) filter (where g.above), 0)::float8 as pupils_above,
      sum(g.pupils)::float8 as pupils,
      sum(g.teachers)::float8 as teachers,
      sum(g.required)::float8 as required,
      sum(greatest(g.gap, 0))::float8 as deficit,
      sum(greatest(-g.gap, 0))::float8 as surplus,
      percentile_cont(0.1) within group (order by g.ptr) as ptr_p10,
      percentile_cont(0.5) within group (order by g.ptr) as ptr_median,
      percentile_cont(0.9) within group (order by g.ptr) as ptr_p90,
      p.r2
    from unit_schools us join school_gaps g on g.school_id = us.school_id
    left join pooled p on p.unit_code = us.unit_code and p.period = g.period
    group by us.unit_code, g.period, p.r2
    order by us.unit_code, g.period
-- parameters: [["A","A"],[1,2],["2026-10-01","2026-09-01","2026-10-01","2026-11-01","2026-12-01"],["2026-10","2026-27T1","2026-27T1","2026-27T1","2026-27T1"]]
