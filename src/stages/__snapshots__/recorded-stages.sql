select o.code as school_code, o.name as school_name, a.code as area, a.name as area_name, ss.term,
      to_char(ss.term_end, 'YYYY-MM-DD') as term_end, ss.stage, ss.rule, ss.reasons,
      to_char(ss.recorded_on, 'YYYY-MM-DD') as recorded_on
    from school_stage ss
    join org_unit o on o.id = ss.school_id
    left join org_unit a on a.code = (select a.code from org_unit a where a.level = 'area' and a.id in ("o".parent_id, (select p.parent_id from org_unit p where p.id = "o".parent_id)))
    where ($1::text[] is null or ss.term = any($2::text[]))
      and ($3::text[] is null or o.code = any($4::text[]))
      and ($5::text is null or a.code = $6)
      and ($7::text[] is null or o.code = any($8::text[]))
    order by o.code, ss.term
-- parameters: [["2025-26T2","2025-26T3"],["2025-26T2","2025-26T3"],["S1","S2"],["S1","S2"],"A","A",null,null]
