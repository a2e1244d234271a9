// The programmes' heavy reads as named statements (each with a committed SQL snapshot): every
// participant with the post that made them promoted, read from posts; and, per school, the staff who
// moved from teaching into a leadership post.
import { type RawBuilder, sql } from 'kysely';
import { personName } from '../registry/sql.ts';

/** A post's place on the way to headship: 3 a head (any kind), 2 a deputy, 1 an assistant head, 0 the rest. */
export function roleRank(role: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(case when ${role} in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher') then 3
    when ${role} = 'deputy_headteacher' then 2 when ${role} = 'assistant_headteacher' then 1 else 0 end)`;
}

/** A school's area (its parent's or grandparent's unit at the area level): its code, or its name. */
const areaOf = (unit: string, column: 'code' | 'name' = 'code') =>
  sql<string | null>`(select ${sql.ref(`a.${column}`)} from org_unit a where a.level = 'area'
    and a.id in (${sql.ref(`${unit}.parent_id`)}, (select g.parent_id from org_unit g where g.id = ${sql.ref(`${unit}.parent_id`)})))`;

export interface ParticipantRow {
  id: number;
  cohort_id: number;
  person: string;
  name: string;
  school: string | null;
  school_name: string | null;
  area: string | null;
  post_role: string | null;
  entry_rank: number;
  status: 'enrolled' | 'completed' | 'withdrawn';
  completed_on: string | null;
  placement_days: number | null;
  promoted_role: string | null;
  promoted_school: string | null;
  promoted_school_name: string | null;
  promoted_on: string | null;
  host_school: string | null;
  host_school_name: string | null;
  host_name: string | null;
  placement_days_agreed: number | null;
}

/**
 * Every participant (of one cohort, or all) with the first deputy or headship post above their post at
 * entry that they took up from the cohort's start to `years` after completing (or, not yet completed,
 * up to the date), and their live placement.
 */
export function participantsQuery(asOf: string, years: number, cohortId: number | null) {
  return sql<ParticipantRow>`
    with part as (
      select pp.*, c.starts_on as cohort_starts, ${roleRank(sql`pp.post_role`)} as entry_rank
      from programme_participant pp join programme_cohort c on c.id = pp.cohort_id
      where ${cohortId === null ? sql`true` : sql`pp.cohort_id = ${cohortId}`}
    )
    select part.id, part.cohort_id, pe.code as person, ${personName('pe')} as name,
      s.code as school, s.name as school_name, ${areaOf('s')} as area, part.post_role, part.entry_rank,
      part.status, part.completed_on, part.placement_days::float8 as placement_days,
      promo.role as promoted_role, promo.school as promoted_school, promo.school_name as promoted_school_name,
      promo.starts_on as promoted_on,
      pl.host_school, pl.host_school_name, pl.host_name, pl.days as placement_days_agreed
    from part
    join person pe on pe.id = part.person_id
    left join org_unit s on s.id = part.school_id
    left join lateral (
      select po.role, o.code as school, o.name as school_name, po.starts_on
      from post po join org_unit o on o.id = po.org_unit_id
      where po.person_id = part.person_id and po.starts_on >= part.cohort_starts and po.starts_on <= ${asOf}::date
        and po.starts_on <= (coalesce(part.completed_on, ${asOf}::date) + make_interval(years => ${years}))::date
        and ${roleRank(sql`po.role`)} >= 2 and ${roleRank(sql`po.role`)} > part.entry_rank
      order by po.starts_on, po.id limit 1
    ) promo on true
    left join lateral (
      select h.code as host_school, h.name as host_school_name, ${personName('hp')} as host_name, p.days::float8 as days
      from placement p join org_unit h on h.id = p.host_school_id join person hp on hp.id = p.host_person_id
      where p.participant_id = part.id and p.status <> 'cancelled' limit 1
    ) pl on true
    order by pe.family_name, pe.given_name, pe.code`;
}

export interface GrownRow {
  school: string;
  school_name: string;
  phase: string;
  area: string | null;
  area_name: string | null;
  teachers: number;
  grown: number;
  grown_here: number;
}

/**
 * Per open school: the people who taught there and took up an assistant, deputy or headship post (there
 * or anywhere) in the window, after that teaching post began; those whose new post is at the school
 * itself; and how many taught there in the window (the base a rate is read against).
 */
export function grownQuery(from: string, to: string) {
  return sql<GrownRow>`
    with moves as (
      select distinct t.org_unit_id as school_id, t.person_id, (l.org_unit_id = t.org_unit_id) as here
      from post t join post l on l.person_id = t.person_id
      where t.role = 'teacher' and ${roleRank(sql`l.role`)} >= 1
        and l.starts_on between ${from}::date and ${to}::date
        and l.starts_on > t.starts_on and (t.ends_on is null or t.ends_on >= l.starts_on - 366)
    )
    select o.code as school, o.name as school_name, s.phase, ${areaOf('o')} as area,
      ${areaOf('o', 'name')} as area_name,
      (select count(distinct t.person_id)::int from post t where t.org_unit_id = o.id and t.role = 'teacher'
        and t.starts_on <= ${to}::date and (t.ends_on is null or t.ends_on >= ${from}::date)) as teachers,
      (select count(distinct m.person_id)::int from moves m where m.school_id = o.id) as grown,
      (select count(distinct m.person_id)::int from moves m where m.school_id = o.id and m.here) as grown_here
    from school s join org_unit o on o.id = s.org_unit_id
    where (s.opened_on is null or s.opened_on <= ${to}::date) and (s.closed_on is null or s.closed_on > ${to}::date)
    order by o.code`;
}
