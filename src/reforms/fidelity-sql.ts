// The reforms' heavy SQL, each a named query with a committed snapshot (fidelity-sql.test.ts): the
// schools a reform covers with their latest check, and implementation by area over time.
import { type RawBuilder, sql } from 'kysely';
import { unitsBeneath } from '../registry/sql.ts';

/**
 * The schools beneath the reform's units, limited to `units` (null: all), each with its area at any depth
 * (most schools sit in a cluster under the area), and each recorded check's counts: `with recursive` tables.
 */
function coveredSchools(reformId: number, units: string[] | null): RawBuilder<unknown> {
  const limit = units ? sql`and o.code = any(${units}::text[])` : sql``;
  return sql`${unitsBeneath('covered', sql`id in (select org_unit_id from reform_unit where reform_id = ${reformId})`)},
    in_area (unit_id, area_id) as (
      select id, id from org_unit where level = 'area'
      union all select o.id, up.area_id from org_unit o join in_area up on up.unit_id = o.parent_id
    ),
    school as (
      select o.id, o.code, o.name, ia.area_id from org_unit o
      left join in_area ia on ia.unit_id = o.id
      where o.level = 'school' and o.id in (select id from covered) ${limit}
    ),
    finding as (
      select v.id as visit_id, v.school_unit_id, v.visit_on,
        count(*) filter (where p.status = 'in_place')::int as in_place,
        count(*) filter (where p.status = 'partly')::int as partly,
        count(*) filter (where p.status = 'not_yet')::int as not_yet,
        count(*)::int as practices
      from reform_check rc
      join visit v on v.id = rc.visit_id and v.status = 'recorded'
      join reform_check_practice p on p.visit_id = rc.visit_id
      where rc.reform_id = ${reformId}
      group by v.id
    )`;
}

export interface SchoolFidelityRow {
  code: string;
  name: string;
  area_code: string | null;
  area_name: string | null;
  checks: number;
  visit_id: number | null;
  checked_on: string | null;
  in_place: number | null;
  partly: number | null;
  not_yet: number | null;
  practices: number | null;
}

/** Each covered school in scope (of one area, if named) with its check count and latest check's counts. */
export function schoolFidelityQuery(
  reformId: number,
  units: string[] | null,
  area: string | null,
): RawBuilder<SchoolFidelityRow> {
  return sql<SchoolFidelityRow>`with recursive ${coveredSchools(reformId, units)}
    select s.code, s.name, a.code as area_code, a.name as area_name,
      (select count(*)::int from finding f where f.school_unit_id = s.id) as checks,
      l.visit_id, to_char(l.visit_on, 'YYYY-MM-DD') as checked_on, l.in_place, l.partly, l.not_yet, l.practices
    from school s
    left join org_unit a on a.id = s.area_id
    left join lateral (
      select * from finding f where f.school_unit_id = s.id order by f.visit_on desc, f.visit_id desc limit 1
    ) l on true
    where ${area === null ? sql`true` : sql`a.code = ${area}`}
    order by a.name nulls last, s.name`;
}

export interface Period {
  period: string;
  start: string;
  end: string;
}

export interface ImplementationRow {
  period: string;
  area_code: string | null;
  area_name: string | null;
  /** 1 for the all-areas row of a period (grouping sets). */
  whole: number;
  schools: number;
  checked: number;
  in_place: number;
  practices: number;
}

/**
 * Per period and area (and for all areas): the covered schools in scope, how many had been checked by
 * the period's end, and the practices in place and checked at each one's latest check by then.
 */
export function implementationQuery(
  reformId: number,
  units: string[] | null,
  periods: Period[],
): RawBuilder<ImplementationRow> {
  return sql<ImplementationRow>`with recursive ${coveredSchools(reformId, units)},
    period as (
      select * from unnest(${periods.map((p) => p.period)}::text[], ${periods.map((p) => p.end)}::date[])
        as t(period, ends_on)
    )
    select p.period, a.code as area_code, a.name as area_name, grouping(a.code)::int as whole,
      count(*)::int as schools, count(l.visit_id)::int as checked,
      coalesce(sum(l.in_place), 0)::int as in_place, coalesce(sum(l.practices), 0)::int as practices
    from period p
    cross join school s
    left join org_unit a on a.id = s.area_id
    left join lateral (
      select f.visit_id, f.in_place, f.practices from finding f
      where f.school_unit_id = s.id and f.visit_on <= p.ends_on
      order by f.visit_on desc, f.visit_id desc limit 1
    ) l on true
    group by grouping sets ((p.period, a.code, a.name), (p.period))
    order by p.period, whole desc, a.name`;
}
