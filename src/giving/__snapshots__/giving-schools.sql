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
), strong as (
  select unnest($4::text[]) as period, unnest($5::int[]) as school_id
),
active as (
  select f.*, p.period, case when f.source = 'deployment' then coalesce((select sum(x.days) from deployment_day x
    where x.deployment_id = f.id and x.on_date between p.starts_on and p.ends_on), 0) else f.days_agreed end::float8 as days_in_period
  from flows f join periods p on f.starts_on <= p.ends_on and f.ends_on >= p.starts_on
),
given as (
  select a.given_by as school_id, a.period, count(*) filter (where a.source = 'deployment') as given,
    count(*) filter (where a.source = 'placement') as hosted, sum(a.days_in_period) as days
  from active a where a.given_by is not null group by a.given_by, a.period
),
got as (
  select a.received_by as school_id, a.period, count(*) as received, sum(a.days_in_period) as days
  from active a where a.received_by is not null group by a.received_by, a.period
),
-- Joined, not looked up per school and period: a lookup into a CTE scans it each time.
school_status as (
  select s.org_unit_id as school_id, p.period,
    coalesce(g.given, 0)::int as given, coalesce(g.hosted, 0)::int as hosted, coalesce(g.days, 0)::float8 as days_given,
    coalesce(r.received, 0)::int as received, coalesce(r.days, 0)::float8 as days_received,
    coalesce(g.given, 0) + coalesce(g.hosted, 0) > 0 as gave, coalesce(r.received, 0) > 0 as got,
    st.school_id is not null as strong
  from school s cross join periods p
  left join given g on g.school_id = s.org_unit_id and g.period = p.period
  left join got r on r.school_id = s.org_unit_id and r.period = p.period
  left join strong st on st.school_id = s.org_unit_id and st.period = p.period
  where s.org_unit_id = any($6::int[])
    and (s.opened_on is null or s.opened_on <= p.ends_on) and (s.closed_on is null or s.closed_on > p.ends_on)
)
    select o.code, o.name, a.code as area_code, a.name as area_name, st.given, st.hosted, st.days_given,
      st.received, st.days_received, st.gave, st.got, st.strong
    from school_status st join org_unit o on o.id = st.school_id
    left join lateral (
      select u.code, u.name from org_unit u where u.level = 'area'
        and u.id in (o.parent_id, (select c.parent_id from org_unit c where c.id = o.parent_id))
      limit 1
    ) a on true
    order by o.name, o.code
-- parameters: [["2025-26"],["2025-09-01"],["2026-08-31"],["2025-26"],[2],[1,2]]
