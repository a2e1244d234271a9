with schools as (
      select s.org_unit_id as school_id
      from school s join org_unit o on o.id = s.org_unit_id
      where (s.closed_on is null or s.closed_on >= $1::date) and o.code = any($2::text[]) and exists (
  select 1 from school_ancestor a join org_unit u on u.id = a.ancestor_id
  where a.school_id = s.org_unit_id and u.code = $3 and u.level = $4) and o.code = $5 and s.phase = $6
    ),

    months as (select unnest($7::date[]) as month, unnest($8::text[]) as period),
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
    placed as (
      select o.code, o.name, s.phase, s.type, ar.code as area, ar.name as area_name,
        cl.code as cluster, cl.name as cluster_name, s.latitude::float8 as latitude,
        s.longitude::float8 as longitude, g.pupils, g.teachers, g.teachers_from, g.ptr, g.max_ratio, g.min_teachers,
        g.classes, g.required, g.gap, g.above
      from school_gaps g
      join org_unit o on o.id = g.school_id
      join school s on s.org_unit_id = g.school_id
      left join lateral (
        select u.code, u.name from school_ancestor a join org_unit u on u.id = a.ancestor_id
        where a.school_id = g.school_id and u.level = 'area' limit 1) ar on true
      left join lateral (
        select u.code, u.name from school_ancestor a join org_unit u on u.id = a.ancestor_id
        where a.school_id = g.school_id and u.level = 'cluster' limit 1) cl on true
    )
    select *, (count(*) over ())::int as total from placed
    where true and above and gap > 0
    order by gap desc nulls last, code
    limit $9 offset $10
-- parameters: ["2026-10-01",["A","S1"],"A","area","S1","primary",["2026-10-01"],["2026-10"],50,0]
