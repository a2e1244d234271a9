// The SQL the attention model reads besides the KPI roll-up: the schools open on a date with their area,
// and the challenges overdue on a date that name a school among the units they affect.
import { sql } from 'kysely';

export interface OpenSchool {
  id: number;
  code: string;
  name: string;
  area: string | null;
  area_name: string | null;
}

/** Every school open on the date, with its area (its parent or its parent's parent). */
export function openSchoolsWithAreaQuery(asOf: string) {
  return sql<OpenSchool>`
    select o.id, o.code, o.name, a.code as area, a.name as area_name
    from school s
    join org_unit o on o.id = s.org_unit_id
    left join org_unit p on p.id = o.parent_id
    left join org_unit a on a.level = 'area' and a.id in (p.id, p.parent_id)
    where (s.opened_on is null or s.opened_on <= ${asOf}) and (s.closed_on is null or s.closed_on > ${asOf})
    order by o.code`;
}

export interface OverdueChallenge {
  school: string;
  id: number;
  title: string;
  due_on: string;
  status: string;
}

/**
 * Challenges naming a school that are open or in progress at the end of the day and past their due
 * date: the status is the timeline's last move on or before the day, as the challenge measures read it,
 * so a later resolution does not rewrite a past month. A challenge about a whole area is the area's,
 * not each of its schools'.
 */
export function overdueChallengesQuery(asOf: string) {
  return sql<OverdueChallenge>`
    select o.code as school, c.id, c.title, to_char(c.due_on, 'YYYY-MM-DD') as due_on, status_then.status
    from challenge c
    join challenge_unit cu on cu.challenge_id = c.id
    join org_unit o on o.id = cu.org_unit_id and o.level = 'school'
    join lateral (
      select u.to_status as status from challenge_update u
      where u.challenge_id = c.id and u.to_status is not null and u.on_date <= ${asOf}
      order by u.on_date desc, u.id desc limit 1
    ) status_then on true
    where c.raised_on <= ${asOf} and c.due_on < ${asOf}
      and status_then.status in ('open', 'in_progress')
    order by o.code, c.due_on, c.id`;
}
