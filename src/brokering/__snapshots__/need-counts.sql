with needs as (
      select n.id, o.code as school, o.name as school_name, area.code as area,
        n.kind, n.rule, n.indicator, n.specialism,
        (select sp.name from specialism sp where sp.code = n.specialism) as specialism_name,
        n.evidence, n.figures, n.days, n.status,
        case
          when n.rule = 'inspection_category' and n.figures->>'category' = 'special_measures' then 'critical'
          when n.rule = 'inspection_category' and (n.figures->>'overall' = 'inadequate' or n.figures->>'category' is not null) then 'high'
          when n.rule in ('headship_vacant', 'va_below') then 'high'
          when n.rule in ('first_year_head', 'npqh_candidate', 'placement_requested') then 'low'
          else 'medium'
        end as severity,
        coalesce(latest.outcome, 'none') as inspection,
        ($1::date - n.raised_on) as age_days,
        n.raised_on, n.raised_by
      from support_need n
      join org_unit o on o.id = n.school_id
      left join lateral (
        select a.code from org_unit a
        where a.level = 'area' and a.id in (o.parent_id, (select p.parent_id from org_unit p where p.id = o.parent_id))
        limit 1
      ) area on true
      left join lateral (
        -- the legacy overall grade as outcome.ts says it: a report card's worst area, inadequate when unsafe
        select case
            when f.form = 'overall' then coalesce(g.legacy::text, 'inadequate')
            when f.safeguarding and i.safeguarding = 'not_met' then 'inadequate'
            else coalesce((
              select ag.legacy::text from jsonb_each_text(i.grades) graded
              join inspection_grade ag on ag.framework = i.framework and ag.code = graded.value
              order by array_position($2::text[], ag.legacy::text) desc limit 1), 'outstanding')
          end as outcome
        from inspection i
        join inspection_framework f on f.code = i.framework
        left join inspection_grade g on g.framework = i.framework and g.code = i.overall
        where i.school_id = o.id and i.inspected_on <= $3::date
        order by i.inspected_on desc, i.id desc limit 1
      ) latest on true
      where ($4::text[] is null or o.code = any($5::text[]))
        and ($6::int is null or n.id = $7)
        and ($8::text is null or o.code = $9)
        and ($10::text is null
          or ($11 = 'any' and n.specialism is not null) or n.specialism = $12)
        and ($13::text is null
          or strpos(lower(o.name), lower($14)) > 0 or strpos(lower(o.code), lower($15)) > 0)
    ),
    marked as (
      select needs.*,
        ($16::text[] is null or status = any($17::text[])) as by_status,
        ($18::text[] is null or kind = any($19::text[])) as by_kind,
        ($20::text[] is null or severity = any($21::text[])) as by_severity,
        ($22::text[] is null or inspection = any($23::text[])) as by_inspection,
        ($24::text is null or area = $25) as by_area,
        ($26::int is null or age_days > $27) as by_age
      from needs
    )
    select 'severity' as facet, severity as value, count(*)::int as count from marked
      where by_status and by_kind and by_inspection and by_area and by_age group by severity
    union all
    select 'kind', kind, count(*)::int from marked
      where by_status and by_severity and by_inspection and by_area and by_age group by kind
    union all
    select 'area', coalesce(area, ''), count(*)::int from marked
      where by_status and by_kind and by_severity and by_inspection and by_age group by area
    union all
    select 'inspection', inspection, count(*)::int from marked
      where by_status and by_kind and by_severity and by_area and by_age group by inspection
    union all
    select 'status', status, count(*)::int from marked
      where by_kind and by_severity and by_inspection and by_area and by_age group by status
    union all
    select 'older_than', band::text, count(*) filter (where age_days > band)::int
      from marked cross join unnest(array[30, 60, 90]) band
      where by_status and by_kind and by_severity and by_inspection and by_area group by band
    union all
    select 'total', '', count(*)::int from marked
      where by_status and by_kind and by_severity and by_inspection and by_area and by_age
    order by 1, 2
-- parameters: ["2026-11-01",["outstanding","good","satisfactory","requires_improvement","inadequate"],"2026-11-01",["A","S1","S2"],["A","S1","S2"],null,null,null,null,null,null,null,null,null,null,["open"],["open"],null,null,["high"],["high"],null,null,null,null,30,30]
