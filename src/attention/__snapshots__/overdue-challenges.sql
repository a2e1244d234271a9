select o.code as school, c.id, c.title, to_char(c.due_on, 'YYYY-MM-DD') as due_on, status_then.status
    from challenge c
    join challenge_unit cu on cu.challenge_id = c.id
    join org_unit o on o.id = cu.org_unit_id and o.level = 'school'
    join lateral (
      select u.to_status as status from challenge_update u
      where u.challenge_id = c.id and u.to_status is not null and u.on_date <= $1
      order by u.on_date desc, u.id desc limit 1
    ) status_then on true
    where c.raised_on <= $2 and c.due_on < $3
      and status_then.status in ('open', 'in_progress')
    order by o.code, c.due_on, c.id
-- parameters: ["2026-10-31","2026-10-31","2026-10-31"]
