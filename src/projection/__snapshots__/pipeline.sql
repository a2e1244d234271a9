with schools as (
      select o.id, s.phase, a.code as area, a.name as area_name
      from school s join org_unit o on o.id = s.org_unit_id
      left join org_unit a on a.level = 'area'
        and a.id in (o.parent_id, (select parent_id from org_unit p where p.id = o.parent_id))
      where (s.opened_on is null or s.opened_on <= $1::date) and (s.closed_on is null or s.closed_on > $2::date)
        and ($3::text[] is null or o.code = any($4::text[]))
    ),
    heads as (
      select distinct person_id from post p
      where p.role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher')
        and "p"."starts_on" <= $5::date and ("p"."ends_on" is null or "p"."ends_on" > $6::date)
    ),
    placed as (
      select distinct on (p.person_id) p.person_id, p.org_unit_id, p.role
      from post p join school s on s.org_unit_id = p.org_unit_id
      where "p"."starts_on" <= $7::date and ("p"."ends_on" is null or "p"."ends_on" > $8::date)
      order by p.person_id,
        case p.role when 'deputy_headteacher' then 0 when 'assistant_headteacher' then 1 else 2 end, p.starts_on desc
    ),
    npqh as (
      select distinct d.person_id from designation d where d.kind = 'npqh' and "d"."starts_on" <= $9::date and ("d"."ends_on" is null or "d"."ends_on" > $10::date)
    ),
    associate as (
      select distinct pp.person_id from placement pl
      join programme_participant pp on pp.id = pl.participant_id
      where pl.kind = 'leadership_placement' and pl.agreed_on <= $11::date
        and (pl.status = 'agreed' or (pl.status = 'finished' and pl.agreed_on >= ($12::date - make_interval(years => $13))::date))
    ),
    aspiring as (
      select distinct on (pp.person_id) pp.person_id, pp.school_id
      from programme_participant pp
      join programme_cohort c on c.id = pp.cohort_id
      join programme g on g.id = c.programme_id
      where g.placement is not null and c.starts_on <= $14::date
        and (pp.status = 'enrolled'
          or (pp.status = 'completed' and coalesce(pp.completed_on, c.ends_on) between ($15::date - make_interval(years => $16))::date and $17::date))
      order by pp.person_id, c.starts_on desc
    ),
    everyone as (
      select person_id from placed union select person_id from npqh
      union select person_id from associate union select person_id from aspiring
    ),
    people as (
      select e.person_id, coalesce(pl.org_unit_id, a.school_id) as org_unit_id,
        n.person_id is not null as npqh,
        e.person_id in (select person_id from associate) as associate_head,
        a.person_id is not null as aspiring,
        case pl.role when 'deputy_headteacher' then 'deputy_head'
          when 'assistant_headteacher' then 'assistant_head' end as role
      from everyone e
      left join placed pl on pl.person_id = e.person_id
      left join npqh n on n.person_id = e.person_id
      left join aspiring a on a.person_id = e.person_id
    )
    select s.phase, s.area, s.area_name, x.npqh, x.associate_head, x.aspiring, x.role, count(*)::int as people
    from people x left join schools s on s.id = x.org_unit_id
    where (x.npqh or x.associate_head or x.aspiring or x.role is not null)
      and x.person_id not in (select person_id from heads)
      and (s.id is not null or (x.org_unit_id is null and $18::text[] is null))
    group by 1, 2, 3, 4, 5, 6, 7
    order by 2, 1, 4, 5, 6, 7
-- parameters: ["2026-11-01","2026-11-01",null,null,"2026-11-01","2026-11-01","2026-11-01","2026-11-01","2026-11-01","2026-11-01","2026-11-01","2026-11-01",3,"2026-11-01","2026-11-01",3,"2026-11-01",null]
