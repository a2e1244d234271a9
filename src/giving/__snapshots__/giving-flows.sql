with periods as (
  select unnest($1::text[]) as period,
    unnest($2::date[]) as starts_on,
    unnest($3::date[]) as ends_on
), flows as (
  select 'deployment'::text as source, d.id, d.role::text as kind, giver.school_id as given_by,
    n.school_id as received_by, d.person_id, d.starts_on, d.ends_on, d.days_agreed::float8 as days_agreed,
    d.status::text as status
  from deployment d join support_need n on n.id = d.need_id
  left join lateral (
    select po.org_unit_id as school_id from post po join org_unit h on h.id = po.org_unit_id and h.level = 'school'
    where po.person_id = d.person_id and po.starts_on <= d.starts_on and (po.ends_on is null or po.ends_on >= d.starts_on)
    order by po.starts_on desc, po.id desc limit 1
  ) giver on true
  where giver.school_id is distinct from n.school_id
  union all
  select 'placement', pl.id, pl.kind::text, pl.host_school_id, null, pl.host_person_id, pl.agreed_on,
    greatest(c.ends_on, pl.agreed_on), pl.days::float8, pl.status::text
  from placement pl join programme_participant pp on pp.id = pl.participant_id
  join programme_cohort c on c.id = pp.cohort_id
  where pl.status <> 'cancelled' and pl.host_school_id is distinct from pp.school_id
)
    select f.source, f.id, f.kind, g.code as given_by, g.name as given_by_name, r.code as received_by,
      r.name as received_by_name, pe.code as person, "pe"."given_name" || ' ' || "pe"."family_name" as person_name,
      to_char(f.starts_on, 'YYYY-MM-DD') as starts_on, to_char(f.ends_on, 'YYYY-MM-DD') as ends_on, f.status,
      f.days_agreed, case when f.source = 'deployment' then coalesce((select sum(x.days) from deployment_day x
    where x.deployment_id = f.id and x.on_date between p.starts_on and p.ends_on), 0) else f.days_agreed end::float8 as days_in_period
    from flows f cross join periods p
    left join org_unit g on g.id = f.given_by left join org_unit r on r.id = f.received_by
    join person pe on pe.id = f.person_id
    where f.starts_on <= p.ends_on and f.ends_on >= p.starts_on
      and ($4::int[] is null or f.given_by = any($5::int[]) or f.received_by = any($6::int[]))
    order by f.starts_on, f.source, f.id
-- parameters: [["2025-26"],["2025-09-01"],["2026-08-31"],[1],[1],[1]]
