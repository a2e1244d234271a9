with boards as (
      select b.id, b.code, b.name,
        (select json_build_object('code', g.code, 'name', g.name) from org_group g where g.id = b.group_id) as "group",
        (select coalesce(json_agg(json_build_object('code', o.code, 'name', o.name) order by o.name), '[]')
          from governing_board_school bs join org_unit o on o.id = bs.school_unit_id where bs.board_id = b.id) as schools,
        (select coalesce(json_agg(distinct jsonb_build_object('code', a.code, 'name', a.name)), '[]')
          from governing_board_school bs join org_unit o on o.id = bs.school_unit_id
          join org_unit a on "a"."level" = 'area' and "a"."id" in ("o"."parent_id",
    (select ap.parent_id from org_unit ap where ap.id = "o"."parent_id")) where bs.board_id = b.id) as areas,
        (select coalesce(sum(bp.places), 0)::int from governing_board_place bp where bp.board_id = b.id) as places,
        (select count(*)::int from governor g where g.board_id = b.id and ("g"."appointed_on" <= $1::date and "g"."term_ends_on" >= $2::date
    and ("g"."resigned_on" is null or "g"."resigned_on" > $3::date))) as serving,
        (select coalesce(sum(greatest(vp.places - (select count(*) from governor vg
    where vg.board_id = vp.board_id and vg.category = vp.category and ("vg"."appointed_on" <= $4::date and "vg"."term_ends_on" >= $5::date
    and ("vg"."resigned_on" is null or "vg"."resigned_on" > $6::date))), 0)), 0)::int
    from governing_board_place vp where vp.board_id = b.id) as vacancies,
        (select json_build_object('name', g.name, 'term_ends_on', to_char(g.term_ends_on, 'YYYY-MM-DD'))
          from governor g where g.board_id = b.id and 'chair' = any(g.roles) and ("g"."appointed_on" <= $7::date and "g"."term_ends_on" >= $8::date
    and ("g"."resigned_on" is null or "g"."resigned_on" > $9::date))
          order by g.appointed_on desc limit 1) as chair,
        coalesce(s.has_plan, false) as has_plan,
        to_char(s.reviewed_on, 'YYYY-MM-DD') as plan_reviewed_on,
        (select count(*)::int from governor g where g.board_id = b.id and ("g"."appointed_on" <= $10::date and "g"."term_ends_on" >= $11::date
    and ("g"."resigned_on" is null or "g"."resigned_on" > $12::date))
          and g.term_ends_on < ($13::date + make_interval(months => $14))::date) as terms_ending,
        (select count(*)::int from governor g where g.board_id = b.id and ("g"."appointed_on" <= $15::date and "g"."term_ends_on" >= $16::date
    and ("g"."resigned_on" is null or "g"."resigned_on" > $17::date))
          and not exists (select 1 from governance_course mc where mc.mandatory and not exists (
    select 1 from governor_training mt where mt.governor_id = "g"."id" and mt.course_code = mc.code
      and ("mt"."attended_on" <= $18::date and ("mc"."renew_months" is null
    or "mt"."attended_on" + make_interval(months => "mc"."renew_months") > $19::date))))) as trained,
        (select count(*)::int from governor g where g.board_id = b.id and ("g"."appointed_on" <= $20::date and "g"."term_ends_on" >= $21::date
    and ("g"."resigned_on" is null or "g"."resigned_on" > $22::date)) and exists (
          select 1 from governor_training t join governance_course c on c.code = t.course_code
          where t.governor_id = g.id and c.code = 'headteacher_recruitment' and ("t"."attended_on" <= $23::date and ("c"."renew_months" is null
    or "t"."attended_on" + make_interval(months => "c"."renew_months") > $24::date))))
          as recruitment_trained,
        s.has_plan is true and s.reviewed_on < ($25::date - make_interval(months => $26))::date as stale_plan
      from governing_board b
      left join board_succession s on s.board_id = b.id
      where true and exists (select 1 from governing_board_school vs join org_unit vo on vo.id = vs.school_unit_id
      where vs.board_id = b.id and vo.code = any($27::text[])) and exists (select 1 from governing_board_school fs join org_unit fo on fo.id = fs.school_unit_id
      join org_unit fa on "fa"."level" = 'area' and "fa"."id" in ("fo"."parent_id",
    (select ap.parent_id from org_unit ap where ap.id = "fo"."parent_id")) where fs.board_id = b.id and fa.code = $28) and (b.name ilike $29 or exists (select 1 from governing_board_school fs
      join org_unit fo on fo.id = fs.school_unit_id where fs.board_id = b.id and fo.name ilike $30))
    ),
    judged as (
      select boards.*, array_remove(array[
        case when not has_plan then 'no_plan' end,
        case when stale_plan then 'plan_out_of_date' end,
        case when chair is null then 'no_chair' end,
        case when (chair->>'term_ends_on')::date < ($31::date + make_interval(months => $32))::date then 'chair_term_ending' end,
        case when places > 0 and vacancies * 100 >= places * $33 then 'many_vacancies' end,
        case when recruitment_trained = 0 then 'no_recruitment_training' end
      ], null) as reasons
      from boards
    )
    select id, code, name, "group", schools, areas, places, serving, vacancies, chair, has_plan, plan_reviewed_on,
      terms_ending, trained, recruitment_trained, reasons,
      count(*) over ()::int as total,
      (count(*) filter (where cardinality(reasons) > 0) over ())::int as f_not_ready,
      (count(*) filter (where has_plan) over ())::int as f_with_plan,
      (sum(places) over ())::int as f_places,
      (sum(vacancies) over ())::int as f_vacancies,
      (sum(serving) over ())::int as f_serving,
      (sum(trained) over ())::int as f_trained
    from judged
    where true and cardinality(reasons) > 0 and vacancies > 0
    order by cardinality(reasons) desc, vacancies desc, name asc, code
    limit $34 offset $35
-- parameters: ["2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20",6,"2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20","2026-11-20",12,["A","S1"],"A","%big%","%big%","2026-11-20",6,25,50,0]
