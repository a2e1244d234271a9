with recursive
      reach (challenge_id, id) as (
        select challenge_id, org_unit_id from challenge_unit where challenge_id = any($1::int[])
        union
        select r.challenge_id, o.parent_id from reach r join org_unit o on o.id = r.id where o.parent_id is not null
      ),
      groups (group_key, challenge_id) as (
        select distinct o.code, r.challenge_id from reach r join org_unit o on o.id = r.id where o.level = 'area'
      ),
    periods as (
      select period, starts_on, least(ends_on, current_date) as ends_on
      from unnest($2::text[], $3::date[],
        $4::date[]) as given(period, starts_on, ends_on)
    ),
    -- each challenge's status at the end of each period: its last status change on or before that day
    status_at as (
      select distinct on (p.period, u.challenge_id) p.period, u.challenge_id, u.to_status as status
      from periods p join challenge_update u on u.on_date <= p.ends_on and u.to_status is not null
      where u.challenge_id in (select challenge_id from groups)
      order by p.period, u.challenge_id, u.on_date desc, u.id desc
    ),
    measured as (
      select g.group_key, p.period, c.raised_on, c.due_on, c.resolved_on,
        (c.resolved_on between p.starts_on and p.ends_on) as resolved_in_period,
        (c.resolved_on - c.raised_on)::float8 as days,
        s.status in ('open', 'in_progress') as unresolved,
        p.starts_on, p.ends_on
      from groups g
      join challenge c on c.id = g.challenge_id
      cross join periods p
      left join status_at s on s.period = p.period and s.challenge_id = c.id
      where c.raised_on <= p.ends_on
    )
    select k.group_key, p.period,
      count(m.group_key) filter (where m.raised_on >= m.starts_on) as raised,
      count(m.group_key) filter (where m.unresolved) as open,
      count(m.group_key) filter (where m.unresolved and m.due_on < m.ends_on) as overdue,
      count(m.group_key) filter (where m.resolved_in_period) as resolved,
      percentile_cont(0.5) within group (order by m.days) filter (where m.resolved_in_period) as median_days,
      percentile_cont(0.9) within group (order by m.days) filter (where m.resolved_in_period) as p90_days,
      count(m.group_key) filter (where m.due_on between m.starts_on and m.ends_on) as due,
      count(m.group_key) filter (where m.due_on between m.starts_on and m.ends_on and m.resolved_on <= m.due_on) as due_met
    from unnest($5::text[]) as k(group_key)
    cross join periods p
    left join measured m on m.group_key = k.group_key and m.period = p.period
    group by k.group_key, p.period
-- parameters: [[1,2,3],["2025-02","2024-25T2"],["2025-02-01","2025-01-01"],["2025-02-28","2025-03-31"],["A","B"]]
