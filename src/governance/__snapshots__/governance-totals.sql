with unit_schools as (
      select unnest($1::text[]) as unit_code, unnest($2::int[]) as school_id
    ),
    periods as (
      select unnest($3::text[]) as period,
        unnest($4::date[]) as ends_on
    ),
    unit_boards as (
      select distinct us.unit_code, bs.board_id
      from unit_schools us join governing_board_school bs on bs.school_unit_id = us.school_id
    )
    select ub.unit_code, p.period,
      count(*)::int as boards,
      count(*) filter (where s.has_plan and s.reviewed_on <= p.ends_on)::int as with_plan,
      coalesce(sum((select sum(bp.places) from governing_board_place bp where bp.board_id = ub.board_id)), 0)::int
        as places,
      coalesce(sum((select coalesce(sum(greatest(vp.places - (select count(*) from governor vg
    where vg.board_id = vp.board_id and vg.category = vp.category and ("vg"."appointed_on" <= p.ends_on and "vg"."term_ends_on" >= p.ends_on
    and ("vg"."resigned_on" is null or "vg"."resigned_on" > p.ends_on))), 0)), 0)::int
    from governing_board_place vp where vp.board_id = ub.board_id)), 0)::int as vacancies,
      coalesce(sum((select count(*) from governor g where g.board_id = ub.board_id and ("g"."appointed_on" <= p.ends_on and "g"."term_ends_on" >= p.ends_on
    and ("g"."resigned_on" is null or "g"."resigned_on" > p.ends_on)))), 0)::int
        as serving,
      coalesce(sum((select count(*) from governor g where g.board_id = ub.board_id and ("g"."appointed_on" <= p.ends_on and "g"."term_ends_on" >= p.ends_on
    and ("g"."resigned_on" is null or "g"."resigned_on" > p.ends_on))
        and not exists (select 1 from governance_course mc where mc.mandatory and not exists (
    select 1 from governor_training mt where mt.governor_id = "g"."id" and mt.course_code = mc.code
      and ("mt"."attended_on" <= p.ends_on and ("mc"."renew_months" is null
    or "mt"."attended_on" + make_interval(months => "mc"."renew_months") > p.ends_on)))))), 0)::int as trained
    from unit_boards ub cross join periods p
    left join board_succession s on s.board_id = ub.board_id
    group by ub.unit_code, p.period
    order by ub.unit_code, p.period
-- parameters: [["A","A"],[1,2],["2025-26"],["2026-08-31"]]
