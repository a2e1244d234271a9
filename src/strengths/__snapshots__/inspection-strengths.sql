with latest as (
      select distinct on (i.school_id) i.*
      from inspection i where i.inspected_on <= $1::date
      order by i.school_id, i.inspected_on desc, i.id desc
    ),
    graded as (
      select l.school_id, l.inspected_on, l.framework, g.key as area, g.value as grade
      from latest l cross join lateral jsonb_each_text(l.grades) g
      union all
      select l.school_id, l.inspected_on, l.framework, 'leadership', l.leadership
      from latest l where l.leadership is not null
    )
    select o.code as school, to_char(gr.inspected_on, 'YYYY-MM-DD') as inspected_on, gr.framework,
      gr.area, coalesce(a.name, initcap(replace(gr.area, '_', ' '))) as area_name, gr.grade, ig.name as grade_name
    from graded gr
    join org_unit o on o.id = gr.school_id
    join inspection_grade ig on ig.framework = gr.framework and ig.code = gr.grade
    left join inspection_area a on a.framework = gr.framework and a.code = gr.area
    where ig.position <= 2
    order by o.code, gr.area
-- parameters: ["2026-11-27"]
