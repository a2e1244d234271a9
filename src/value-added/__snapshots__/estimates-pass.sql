with recursive school_pupils as (
      select pr.school_id, count(*)::int as results, (count(*) filter (where pr.outcome is not null and pr.prior_attainment is not null and "c"."disadvantaged" is not null))::int as pupils,
        avg(pr.outcome) filter (where pr.outcome is not null and pr.prior_attainment is not null and "c"."disadvantaged" is not null) as outcome, array[avg(pr.prior_attainment) filter (where pr.outcome is not null and pr.prior_attainment is not null and "c"."disadvantaged" is not null), avg("c"."disadvantaged") filter (where pr.outcome is not null and pr.prior_attainment is not null and "c"."disadvantaged" is not null)]::float8[] as means
      from pupil_result pr cross join lateral jsonb_to_record(pr.context) as c("disadvantaged" float8)
      where pr.stage = $1 and pr.academic_year = $2
      group by pr.school_id
    ), ancestry as (
      select school_id, school_id as unit_id from school_pupils
      union all
      select a.school_id, o.parent_id from ancestry a join org_unit o on o.id = a.unit_id where o.parent_id is not null
    )
    select s.code as school, s.name, ar.code as area, ar.name as area_name, sp.results, sp.pupils,
      sp.outcome, sp.means
    from school_pupils sp join org_unit s on s.id = sp.school_id
      left join (ancestry an join org_unit ar on ar.id = an.unit_id and ar.level = 'area') on an.school_id = sp.school_id
    order by s.code
-- parameters: ["KS4","2025-26"]
