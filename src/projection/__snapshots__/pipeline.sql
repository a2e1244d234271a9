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
    people as (
      select coalesce(pl.person_id, n.person_id) as person_id, pl.org_unit_id,
        case when n.person_id is not null then 'npqh'
          when pl.role = 'deputy_headteacher' then 'deputy_head'
          when pl.role = 'assistant_headteacher' then 'assistant_head' end as kind
      from placed pl full join npqh n on n.person_id = pl.person_id
    )
    select s.phase, s.area, s.area_name, x.kind, count(*)::int as people
    from people x left join schools s on s.id = x.org_unit_id
    where x.kind is not null and x.person_id not in (select person_id from heads)
      and (s.id is not null or (x.org_unit_id is null and $11::text[] is null))
    group by 1, 2, 3, 4
    order by 2, 1, 4
-- parameters: ["2026-11-01","2026-11-01",null,null,"2026-11-01","2026-11-01","2026-11-01","2026-11-01","2026-11-01","2026-11-01",null]
