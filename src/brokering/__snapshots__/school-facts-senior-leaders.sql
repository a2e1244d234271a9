select o.code as school_code, pe.code as person_code, "pe"."given_name" || ' ' || "pe"."family_name" as name, po.role,
      exists (select 1 from designation d where d.person_id = pe.id
        and d.kind = $1 and d.starts_on <= $2 and (d.ends_on is null or d.ends_on >= $3)) as npqh, exists (select 1 from deployment dp
        join support_need n on n.id = dp.need_id where n.kind = $4 and n.figures->>'person' = pe.code) as internship,
      exists (select 1 from designation d where d.person_id = pe.id
        and d.kind = $5 and d.starts_on <= $6 and (d.ends_on is null or d.ends_on >= $7)) as placement_requested, exists (select 1 from deployment dp
        join support_need n on n.id = dp.need_id where n.kind = $8 and n.figures->>'person' = pe.code) as placement
    from post po join person pe on pe.id = po.person_id join org_unit o on o.id = po.org_unit_id
    where po.role in ('deputy_headteacher', 'assistant_headteacher') and po.starts_on <= $9
      and (po.ends_on is null or po.ends_on >= $10)
    order by o.code, po.role desc, pe.code
-- parameters: ["npqh","2026-11-01","2026-11-01","npqh_internship","associate_head","2026-11-01","2026-11-01","leadership_placement","2026-11-01","2026-11-01"]
