select school_id, to_char(inspected_on, 'YYYY-MM-DD') as inspected_on, overall, leadership, category, n from (
      select i.*, row_number() over (partition by school_id order by inspected_on desc) as n
      from inspection i where inspected_on <= $1
    ) ranked where n <= 2 order by school_id, n
-- parameters: ["2026-10-31"]
