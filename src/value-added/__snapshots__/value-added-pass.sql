select o.code as school, s.n, s.sums
    from (
      select pr.school_id, count(*)::int as n, array[sum(1.0 * 1.0), sum(pr.prior_attainment * 1.0), sum(pr.prior_attainment * pr.prior_attainment), sum("c"."disadvantaged" * 1.0), sum("c"."disadvantaged" * pr.prior_attainment), sum("c"."disadvantaged" * "c"."disadvantaged"), sum(1.0 * pr.outcome), sum(pr.prior_attainment * pr.outcome), sum("c"."disadvantaged" * pr.outcome), sum(pr.outcome * pr.outcome)]::float8[] as sums
      from pupil_result pr cross join lateral jsonb_to_record(pr.context) as c("disadvantaged" float8)
      where pr.stage = $1 and pr.academic_year = $2 and pr.outcome is not null and pr.prior_attainment is not null and "c"."disadvantaged" is not null
      group by pr.school_id
    ) s join org_unit o on o.id = s.school_id
    order by o.code
-- parameters: ["KS4","2025-26"]
