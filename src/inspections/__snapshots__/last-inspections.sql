select school_id, inspected_on, framework, overall, leadership, category, grades, safeguarding from (
      select i.*, row_number() over (partition by school_id order by inspected_on desc) as n
      from inspection i where inspected_on <= $1
    ) ranked where n <= $2 order by school_id, inspected_on desc
-- parameters: ["2026-11-01",2]
