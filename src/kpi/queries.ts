// The KPI capability's SQL: element totals per org unit and period (each element aggregated over the
// months of a period by its own rule, then summed over the schools beneath), reporting completeness,
// and targets. Everything heavy happens here; TypeScript gets one small row per unit, period and element.
import { type RawBuilder, sql } from 'kysely';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { isChallengeElement } from '../meetings/catalogue.ts';
import { challengeElementTotals } from '../meetings/measures.ts';
import type { Period } from './periods.ts';

/** Which org units (or trusts) to compute for. */
export type UnitSelector =
  | { level: 'authority' | 'area' | 'cluster' | 'school' }
  | { level: 'trust' }
  /** One trust or federation by its code: its member schools summed. */
  | { group: string }
  /** Each member school of one trust or federation, as its own unit. */
  | { schoolsOfGroup: string }
  | { codes: string[] }
  | { childrenOf: string }
  | { schoolsUnder: string };

export interface UnitRow {
  code: string;
  name: string;
  level: string;
}

/** CTEs `selected(id, code, name, level)` and `unit_schools(unit_code, school_id)` for a selector. */
function unitSchools(selector: UnitSelector): RawBuilder<unknown> {
  if (('level' in selector && selector.level === 'trust') || 'group' in selector) {
    const which = 'group' in selector ? sql`code = ${selector.group}` : sql`kind = 'trust'`;
    return sql`
      selected as (select id, code, name, kind as level from org_group where ${which}),
      unit_schools as (
        select sel.code as unit_code, m.org_unit_id as school_id
        from org_group_member m join selected sel on sel.id = m.group_id
      )`;
  }
  if ('schoolsOfGroup' in selector) {
    return sql`
      selected as (
        select o.id, o.code, o.name, o.level
        from org_group g join org_group_member m on m.group_id = g.id join org_unit o on o.id = m.org_unit_id
        where g.code = ${selector.schoolsOfGroup}
      ),
      unit_schools as (select code as unit_code, id as school_id from selected)`;
  }
  const filter =
    'level' in selector
      ? sql`level = ${selector.level}`
      : 'codes' in selector
        ? sql`code = any(${selector.codes}::text[])`
        : 'childrenOf' in selector
          ? sql`parent_id = (select id from org_unit where code = ${selector.childrenOf})`
          : sql`level = 'school' and id in (
              with recursive down(id) as (
                select id from org_unit where code = ${selector.schoolsUnder}
                union all select o.id from down join org_unit o on o.parent_id = down.id)
              select id from down)`;
  return sql`
    selected as (select id, code, name, level from org_unit where ${filter}),
    beneath (unit_id, id) as (
      select id, id from selected
      union all
      select b.unit_id, o.id from beneath b join org_unit o on o.parent_id = b.id
    ),
    unit_schools as (
      select sel.code as unit_code, b.id as school_id
      from beneath b join selected sel on sel.id = b.unit_id join school s on s.org_unit_id = b.id
    )`;
}

/** Maps each month of the periods to its period id, as a CTE `months(month, period)`. */
function monthsOf(periods: Period[]): RawBuilder<unknown> {
  const months = periods.flatMap((p) => p.months.map((m) => `${m}-01`));
  const ids = periods.flatMap((p) => p.months.map(() => p.id));
  return sql`months as (select unnest(${months}::date[]) as month, unnest(${ids}::text[]) as period)`;
}

/** The units a selector names, and which schools lie beneath each (a school counts for itself). */
export interface ResolvedUnits {
  units: UnitRow[];
  /** Parallel arrays: pair i says school schoolIds[i] lies beneath unit unitCodes[i]. */
  unitCodes: string[];
  schoolIds: number[];
}

/** Kept per data version: the registry changes far less often than pages are read. */
export function resolveUnits(db: Db, selector: UnitSelector): Promise<ResolvedUnits> {
  return computedOnce(db, `units ${JSON.stringify(selector)}`, () => unitsOf(db, selector));
}

async function unitsOf(db: Db, selector: UnitSelector): Promise<ResolvedUnits> {
  const [{ rows: units }, { rows: pairs }] = await Promise.all([
    sql<UnitRow>`with recursive ${unitSchools(selector)} select code, name, level from selected order by name, code`.execute(
      db,
    ),
    sql<{
      unit_code: string;
      school_id: number;
    }>`with recursive ${unitSchools(selector)} select unit_code, school_id from unit_schools`.execute(db),
  ]);
  return { units, unitCodes: pairs.map((p) => p.unit_code), schoolIds: pairs.map((p) => p.school_id) };
}

// The unit-to-school pairs go back to the server as arrays: their length is then known to the planner,
// which a recursive CTE's estimate is not (one authority over 1,142 schools was planned as 2 rows).
const pairsOf = (r: ResolvedUnits) =>
  sql`unit_schools as (select unnest(${r.unitCodes}::text[]) as unit_code, unnest(${r.schoolIds}::int[]) as school_id)`;
const schoolsOf = (r: ResolvedUnits) => [...new Set(r.schoolIds)];

export interface ElementTotal {
  unit_code: string;
  period: string;
  element: string;
  total: number;
}

/** Imported elements summed from data values; the challenge measures computed from the challenges log. */
export async function elementTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const imported = elements.filter((e) => !isChallengeElement(e));
  const [stored, computed] = await Promise.all([
    imported.length ? importedTotals(db, units, imported, periods) : [],
    challengeElementTotals(db, units, elements, periods),
  ]);
  return [...stored, ...computed];
}

async function importedTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const { rows } = await sql<ElementTotal>`
    with ${pairsOf(units)}, ${monthsOf(periods)},
    school_values as (
      -- each school's value of each element over each period, by the element's own rule
      select dv.org_unit_id as school_id, e.code as element, m.period,
        case e.aggregation
          when 'sum' then sum(dv.value)
          when 'average' then avg(dv.value)
          else (array_agg(dv.value order by dv.month desc))[1]
        end as value
      from data_value dv
      join months m on m.month = dv.month
      join data_element e on e.id = dv.element_id
      where e.code = any(${elements}::text[])
        and dv.org_unit_id = any(${schoolsOf(units)}::int[])
      group by dv.org_unit_id, e.code, e.aggregation, m.period
    )
    select us.unit_code, sv.period, sv.element, sum(sv.value) as total
    from unit_schools us join school_values sv on sv.school_id = us.school_id
    group by us.unit_code, sv.period, sv.element`.execute(db);
  return rows;
}

export interface ReportingCount {
  unit_code: string;
  period: string;
  /** School-months in which the school was open. */
  expected: number;
  /** Of those, school-months with a value for any of the elements. */
  reported: number;
}

/** Computed elements (the challenge measures) are never missing, so completeness counts imported ones only. */
export async function reportingCounts(
  db: Db,
  units: ResolvedUnits,
  allElements: string[],
  periods: Period[],
): Promise<ReportingCount[]> {
  const elements = allElements.filter((e) => !isChallengeElement(e));
  if (elements.length === 0) return [];
  const { rows } = await sql<ReportingCount>`
    with ${pairsOf(units)}, ${monthsOf(periods)},
    reported as (
      select distinct dv.org_unit_id as school_id, dv.month
      from data_value dv join data_element e on e.id = dv.element_id
      where e.code = any(${elements}::text[]) and dv.month in (select month from months)
        and dv.org_unit_id = any(${schoolsOf(units)}::int[])
    )
    select us.unit_code, m.period, count(*) as expected, count(r.school_id) as reported
    from unit_schools us
    cross join months m
    join school s on s.org_unit_id = us.school_id
    left join reported r on r.school_id = us.school_id and r.month = m.month
    where (s.opened_on is null or s.opened_on < m.month + interval '1 month')
      and (s.closed_on is null or s.closed_on >= m.month)
    group by us.unit_code, m.period`.execute(db);
  return rows;
}

/** Each unit's target for the year: its own, or else the nearest ancestor's. */
export async function targetsFor(
  db: Db,
  indicatorId: number,
  academicYear: string,
  unitCodes: string[],
): Promise<Map<string, number>> {
  const { rows } = await sql<{ unit_code: string; value: number }>`
    with recursive up (unit_code, id, depth) as (
      select code, id, 0 from org_unit where code = any(${unitCodes}::text[])
      union all
      select up.unit_code, o.parent_id, up.depth + 1 from up join org_unit o on o.id = up.id where o.parent_id is not null
    )
    select distinct on (up.unit_code) up.unit_code, t.value
    from up join target t on t.org_unit_id = up.id
    where t.indicator_id = ${indicatorId} and t.academic_year = ${academicYear}
    order by up.unit_code, up.depth`.execute(db);
  return new Map(rows.map((r) => [r.unit_code, r.value]));
}

/** The latest month with any data value, as YYYY-MM (null in an empty database). */
export async function latestMonth(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('data_value')
    .select((eb) => eb.fn.max('month').as('month'))
    .executeTakeFirst();
  return row?.month ? String(row.month).slice(0, 7) : null;
}
