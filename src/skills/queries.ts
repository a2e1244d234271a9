// The skills audit's heavy reads as named statements, each with a committed SQL snapshot: an audit's
// leaders with their progress and gap, and the heat map's cells (mean rating per group and competency,
// validated where there is one and self otherwise, with the counts behind it), computed in the database.
import { type RawBuilder, sql } from 'kysely';
import { personName } from '../registry/sql.ts';

/** The leader's school (alias s) and its area: the school's parent or grandparent at the area level. */
const schoolAndArea = sql`
  left join org_unit s on s.id = al.school_id
  left join org_unit sp on sp.id = s.parent_id
  left join org_unit ar on ar.level = 'area' and ar.id in (sp.id, sp.parent_id)`;

export interface LeaderRow {
  person_id: number;
  person: string;
  name: string;
  school: string | null;
  school_name: string | null;
  area: string | null;
  post_role: string | null;
  self_rated: number;
  validated: number;
  gap: number | null;
}

/** The leaders of an audit (or one of them), with how many live competencies each has rated and had validated. */
export function auditLeadersQuery(auditId: number, personId: number | null) {
  return sql<LeaderRow>`
    select al.person_id, pe.code as person, ${personName('pe')} as name, s.code as school, s.name as school_name,
      ar.code as area, al.post_role,
      count(r.self_rating) filter (where c.retired_on is null)::int as self_rated,
      count(r.validated_rating) filter (where c.retired_on is null)::int as validated,
      round(avg(r.self_rating - r.validated_rating), 2)::float8 as gap
    from skill_audit_leader al
    join person pe on pe.id = al.person_id
    ${schoolAndArea}
    left join skill_rating r on r.audit_id = al.audit_id and r.person_id = al.person_id
    left join competency c on c.id = r.competency_id
    where al.audit_id = ${auditId} and ${personId === null ? sql`true` : sql`al.person_id = ${personId}`}
    group by al.person_id, pe.code, pe.given_name, pe.family_name, s.code, s.name, ar.code, al.post_role
    order by s.name nulls last, pe.family_name, pe.given_name, pe.code`;
}

export interface HeatmapRow {
  group_code: string;
  group_name: string;
  competency: string;
  leaders: number;
  validated: number;
  mean: number;
}

/**
 * Per group (an area, or a programme cohort the leader took part in) and live competency: the leaders
 * with a rating, how many of those are validated, and the mean of the validated rating or, where there
 * is none yet, the self rating. Each leader counts once per cell; `role` keeps only leaders in that post.
 * A row for the whole authority ('all') comes with the areas.
 */
export function heatmapQuery(auditId: number, by: 'area' | 'cohort', role: string | null) {
  const groups: RawBuilder<unknown> =
    by === 'area'
      ? sql`select al.person_id, ar.code as group_code, ar.name as group_name, ar.code as sort_key
          from skill_audit_leader al ${schoolAndArea}
          where al.audit_id = ${auditId} and ar.code is not null
          union all
          select al.person_id, 'all', 'Whole authority', '~' from skill_audit_leader al where al.audit_id = ${auditId}`
      : sql`select distinct al.person_id, pc.code as group_code, pc.name as group_name, pc.starts_on::text || pc.code as sort_key
          from skill_audit_leader al
          join programme_participant pp on pp.person_id = al.person_id and pp.status <> 'withdrawn'
          join programme_cohort pc on pc.id = pp.cohort_id
          where al.audit_id = ${auditId}`;
  return sql<HeatmapRow>`
    with grouped as (${groups}),
    leader as (
      select al.person_id from skill_audit_leader al
      where al.audit_id = ${auditId} and ${role === null ? sql`true` : sql`al.post_role = ${role}`}
    ),
    value as (
      select r.person_id, r.competency_id, coalesce(r.validated_rating, r.self_rating) as rating,
        r.validated_rating is not null as is_validated
      from skill_rating r join leader l on l.person_id = r.person_id
      where r.audit_id = ${auditId} and coalesce(r.validated_rating, r.self_rating) is not null
    )
    select g.group_code, g.group_name, c.code as competency, count(*)::int as leaders,
      count(*) filter (where v.is_validated)::int as validated, avg(v.rating)::float8 as mean
    from grouped g
    join value v on v.person_id = g.person_id
    join competency c on c.id = v.competency_id and c.retired_on is null
    group by g.group_code, g.group_name, g.sort_key, c.code
    order by g.sort_key, g.group_code, c.code`;
}

export interface AreaWeaknessRow {
  competency: string;
  name: string;
  leaders: number;
  weak_leaders: number;
  mean: number;
}

/** Per live competency, the validated ratings of an area's leaders in an audit: how many, how many weak, the mean. */
export function areaWeaknessQuery(auditId: number, area: string, weakBelow: number) {
  return sql<AreaWeaknessRow>`
    select c.code as competency, c.name, count(*)::int as leaders,
      count(*) filter (where r.validated_rating < ${weakBelow})::int as weak_leaders,
      avg(r.validated_rating)::float8 as mean
    from skill_audit_leader al
    ${schoolAndArea}
    join skill_rating r on r.audit_id = al.audit_id and r.person_id = al.person_id and r.validated_rating is not null
    join competency c on c.id = r.competency_id and c.retired_on is null
    where al.audit_id = ${auditId} and ar.code = ${area}
    group by c.code, c.name, c.position
    order by avg(r.validated_rating), c.position`;
}
