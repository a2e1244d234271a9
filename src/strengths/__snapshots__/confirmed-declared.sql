select d.id, o.code as school, d.practice_area, d.evidence, to_char(d.decided_on, 'YYYY-MM-DD') as decided_on
    from declared_strength d join org_unit o on o.id = d.school_id
    where d.status = 'confirmed' and d.decided_on <= $1::date
    order by o.code, d.practice_area, d.id
-- parameters: ["2026-11-27"]
