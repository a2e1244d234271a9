with pair as (
      select * from unnest($1::text[], $2::text[]) as t(from_term, to_term)
    )
    select p.from_term, p.to_term, a.stage as from_stage, b.stage as to_stage, count(*)::int as schools
    from pair p
    join school_stage a on a.term = p.from_term
    join school_stage b on b.term = p.to_term and b.school_id = a.school_id
    join org_unit o on o.id = a.school_id
    where ($3::text[] is null or o.code = any($4::text[]))
      and ($5::text is null or (select a.code from org_unit a where a.level = 'area' and a.id in ("o".parent_id, (select p.parent_id from org_unit p where p.id = "o".parent_id))) = $6)
    group by p.from_term, p.to_term, a.stage, b.stage
    order by p.from_term, a.stage, b.stage
-- parameters: [["2025-26T2"],["2025-26T3"],null,null,"A","A"]
