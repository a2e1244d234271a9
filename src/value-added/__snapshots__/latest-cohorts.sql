select stage, max(academic_year) as academic_year from pupil_result
    where (substr(academic_year, 1, 4)::int + 1)::text || '-07-01' <= $1
    group by stage order by stage
-- parameters: ["2026-11-01"]
