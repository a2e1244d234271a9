select ss.term, ss.stage, count(*)::int as schools
    from school_stage ss join org_unit o on o.id = ss.school_id
    where ss.term = any($1::text[])
      and ($2::text[] is null or o.code = any($3::text[]))
      and ($4::text is null or (select a.code from org_unit a where a.level = 'area' and a.id in ("o".parent_id, (select p.parent_id from org_unit p where p.id = "o".parent_id))) = $5)
    group by ss.term, ss.stage
    order by ss.term, ss.stage
-- parameters: [["2025-26T2","2025-26T3"],null,null,null,null]
