with scored as (
      select pr.school_id, pr.outcome - e.expected_outcome as difference
      from pupil_result pr
      left join national_expectation e on e.reference = $1 and e.stage = pr.stage
        and e.academic_year = pr.academic_year and pr.prior_attainment >= e.prior_from
        and (e.prior_to is null or pr.prior_attainment < e.prior_to)
      where pr.stage = $2 and pr.academic_year = $3
    )
    select o.code as school, count(difference)::int as pupils, coalesce(sum(difference), 0) as total,
      coalesce(sum(difference * difference), 0) as sum_squares,
      (count(*) - count(difference))::int as unmatched
    from scored join org_unit o on o.id = scored.school_id
    group by o.code order by o.code
-- parameters: ["National KS4 2026","KS4","2025-26"]
