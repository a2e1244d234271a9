// The growing-your-own elements for any units and periods in one statement: per unit and period, the
// staff who moved from teaching at one of its schools into a leadership post that started in the period,
// and the people who held a teacher post at one of its schools during it.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { Period } from '../kpi/periods.ts';
import type { ElementTotal, ResolvedUnits } from '../kpi/unit-totals.ts';
import { roleRank } from './queries.ts';

export function grownTotalsQuery(units: ResolvedUnits, periods: Period[]) {
  return sql<{ unit_code: string; period: string; grown: number; teachers: number }>`
    with unit_schools as (
      select unnest(${units.unitCodes}::text[]) as unit_code, unnest(${units.schoolIds}::int[]) as school_id
    ),
    periods as (
      select unnest(${periods.map((p) => p.id)}::text[]) as period,
        unnest(${periods.map((p) => p.start)}::date[]) as starts_on,
        unnest(${periods.map((p) => p.end)}::date[]) as ends_on
    ),
    -- Set-based, not a subquery per unit and period: each of those scanned the units' schools again.
    grown as (
      select us.unit_code, p.period, count(distinct (t.org_unit_id, t.person_id))::int as n
      from unit_schools us
      join post t on t.org_unit_id = us.school_id and t.role = 'teacher'
      join post l on l.person_id = t.person_id and ${roleRank(sql`l.role`)} >= 1 and l.starts_on > t.starts_on
        and (t.ends_on is null or t.ends_on >= l.starts_on - 366)
      join periods p on l.starts_on between p.starts_on and p.ends_on
      group by us.unit_code, p.period
    ),
    taught as (
      select us.unit_code, p.period, count(distinct (t.org_unit_id, t.person_id))::int as n
      from unit_schools us
      join post t on t.org_unit_id = us.school_id and t.role = 'teacher'
      join periods p on t.starts_on <= p.ends_on and (t.ends_on is null or t.ends_on >= p.starts_on)
      group by us.unit_code, p.period
    )
    select us.unit_code, p.period, coalesce(g.n, 0) as grown, coalesce(t.n, 0) as teachers
    from (select distinct unit_code from unit_schools) us cross join periods p
    left join grown g on g.unit_code = us.unit_code and g.period = p.period
    left join taught t on t.unit_code = us.unit_code and t.period = p.period
    order by us.unit_code, p.period`;
}

/** The growing-your-own elements among `elements` for the units and periods, as element totals. */
export async function grownTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  if (units.unitCodes.length === 0 || periods.length === 0) return [];
  const { rows } = await grownTotalsQuery(units, periods).execute(db);
  const wanted = new Set(elements);
  return rows.flatMap((r) => [
    ...(wanted.has('leaders_grown')
      ? [{ unit_code: r.unit_code, period: r.period, element: 'leaders_grown', total: r.grown }]
      : []),
    // A unit with no teachers recorded has no figure rather than a zero base.
    ...(wanted.has('teachers_taught_here') && r.teachers > 0
      ? [{ unit_code: r.unit_code, period: r.period, element: 'teachers_taught_here', total: r.teachers }]
      : []),
  ]);
}
