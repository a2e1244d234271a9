// The KPI capability's SQL: element totals per org unit and period (each element aggregated over the
// months of a period by its own rule, then summed over the schools beneath), reporting completeness,
// and targets. Authorities, areas and clusters read totals the database maintains as values are written
// (migration 0009); TypeScript gets one small row per unit, period and element.
import { type RawBuilder, sql } from 'kysely';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { computedElementTotals, isComputedElement } from './computed-elements.ts';
import type { Period } from './periods.ts';
import type { ElementTotal, ResolvedUnits, UnitRow } from './unit-totals.ts';

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
  // The schools beneath a unit from the ancestors kept for every school (migration 0009), a table the
  // planner has figures for; walking the tree here, it took a recursive CTE for 100 million rows and
  // compiled the query (JIT) for a quarter of a second.
  return sql`
    selected as (select id, code, name, level from org_unit where ${filter}),
    unit_schools as (
      select sel.code as unit_code, a.school_id
      from selected sel join school_ancestor a on a.ancestor_id = sel.id
      union all
      select sel.code, sel.id from selected sel join school s on s.org_unit_id = sel.id
    )`;
}

/**
 * Maps each month of the periods to its period id, as a CTE `months(month, period, months_in_period)`.
 */
function monthsOf(periods: Period[]): RawBuilder<unknown> {
  const months = periods.flatMap((p) => p.months.map((m) => `${m}-01`));
  const ids = periods.flatMap((p) => p.months.map(() => p.id));
  const sizes = periods.flatMap((p) => p.months.map(() => p.months.length));
  return sql`months as (
    select unnest(${months}::date[]) as month, unnest(${ids}::text[]) as period,
      unnest(${sizes}::int[]) as months_in_period)`;
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

/** Imported elements summed from data values; computed ones (the challenge measures) from their sources. */
export async function elementTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const imported = elements.filter((e) => !isComputedElement(e));
  const [stored, computed] = await Promise.all([
    imported.length ? importedTotals(db, units, imported, periods) : [],
    computedElementTotals(db, units, elements, periods),
  ]);
  return [...stored, ...computed];
}

/**
 * Authorities, areas and clusters read the totals maintained per unit, element and month (migration
 * 0009); schools and groups (trusts, federations: a few schools each) read their schools' values.
 */
const MAINTAINED_LEVELS = new Set(['authority', 'area', 'cluster']);

/** The units of `units` that `keep` accepts, with their schools. */
function unitsWhere(units: ResolvedUnits, keep: (unit: UnitRow, schools: number) => boolean): ResolvedUnits {
  const schools = new Map<string, number>();
  for (const code of units.unitCodes) schools.set(code, (schools.get(code) ?? 0) + 1);
  const chosen = units.units.filter((u) => keep(u, schools.get(u.code) ?? 0));
  const codes = new Set(chosen.map((u) => u.code));
  const pairs = units.unitCodes.flatMap((code, i) => (codes.has(code) ? [i] : []));
  return {
    units: chosen,
    unitCodes: pairs.map((i) => units.unitCodes[i] as string),
    schoolIds: pairs.map((i) => units.schoolIds[i] as number),
  };
}

// The maintained totals are kept for all of a unit's schools, so a unit narrowed to a phase reads values.
const isMaintained = (unit: UnitRow) => MAINTAINED_LEVELS.has(unit.level) && unit.phase === undefined;

/**
 * The same units counting only their schools of one phase ("primary schools in area A"); a unit with
 * no school of the phase is left out. Read from the schools' values (a phase's totals are not kept).
 */
export async function ofPhase(db: Db, units: ResolvedUnits, phase: string): Promise<ResolvedUnits> {
  const { rows } = await sql<{ id: number }>`
    select org_unit_id as id from school where phase = ${phase} and org_unit_id = any(${schoolsOf(units)}::int[])`.execute(
    db,
  );
  const ofThePhase = new Set(rows.map((r) => r.id));
  const pairs = units.unitCodes.flatMap((_, i) => (ofThePhase.has(units.schoolIds[i] as number) ? [i] : []));
  const unitCodes = pairs.map((i) => units.unitCodes[i] as string);
  const kept = new Set(unitCodes);
  return {
    units: units.units.filter((u) => kept.has(u.code)).map((u) => ({ ...u, phase })),
    unitCodes,
    schoolIds: pairs.map((i) => units.schoolIds[i] as number),
  };
}

async function importedTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const maintained = unitsWhere(units, isMaintained);
  // A unit of one school (a school, or a trust of one) over one month: that school's values as they are.
  const oneSchool = unitsWhere(units, (unit, schools) => !isMaintained(unit) && schools === 1);
  const scanned = unitsWhere(units, (unit, schools) => !isMaintained(unit) && schools !== 1);
  const oneMonth = periods.filter((p) => p.months.length === 1);
  const longer = periods.filter((p) => p.months.length > 1);
  // The maintained monthly totals serve an element over a period when its rule adds up: `sum` over any
  // months, and every rule over a single month (a school's average or latest value over one month is
  // that month's value). A school's average or latest value over several months is not a sum of monthly
  // totals, so for those elements and periods the maintained units fall back to their schools' values.
  const unsummed = longer.length && maintained.units.length ? await notSummed(db, elements) : [];
  const parts = await Promise.all([
    maintained.units.length ? maintainedTotals(db, maintained, elements, periods) : [],
    unsummed.length ? scannedTotals(db, maintained, unsummed, longer) : [],
    oneSchool.units.length && oneMonth.length ? schoolValues(db, oneSchool, elements, oneMonth) : [],
    oneSchool.units.length && longer.length ? scannedTotals(db, oneSchool, elements, longer) : [],
    scanned.units.length ? scannedTotals(db, scanned, elements, periods) : [],
  ]);
  return parts.flat();
}

/** Of these elements, those whose rule over several months is not a sum. */
async function notSummed(db: Db, elements: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('data_element')
    .select('code')
    .where('code', 'in', elements)
    .where('aggregation', '<>', 'sum')
    .execute();
  return rows.map((r) => r.code);
}

async function maintainedTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const { rows } = await maintainedTotalsQuery(units, elements, periods).execute(db);
  return rows;
}

/** maintainedTotals' SQL, built apart so a test compiles it into a committed snapshot (__snapshots__/). */
export function maintainedTotalsQuery(units: ResolvedUnits, elements: string[], periods: Period[]) {
  return sql<ElementTotal>`
    with ${monthsOf(periods)}
    select u.code as unit_code, m.period, e.code as element, sum(t.total)::float8 as total
    from org_unit u
    join element_total t on t.org_unit_id = u.id
    join months m on m.month = t.month
    join data_element e on e.id = t.element_id
    where u.code = any(${units.units.map((unit) => unit.code)}::text[])
      and e.code = any(${elements}::text[])
      and (e.aggregation = 'sum' or m.months_in_period = 1)
    group by u.code, m.period, e.code`;
}

/**
 * Each school's value over each period by the element's rule, summed over each unit's schools. Sums are
 * exact (numeric, from each double's shortest exact text), as the maintained totals are, so a unit
 * reads the same figure whichever way it is computed.
 */
async function scannedTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const { rows } = await schoolRollupQuery(units, elements, periods).execute(db);
  return rows;
}

/** scannedTotals' SQL, built apart so a test compiles it into a committed snapshot (__snapshots__/). */
export function schoolRollupQuery(units: ResolvedUnits, elements: string[], periods: Period[]) {
  return sql<ElementTotal>`
    with ${pairsOf(units)}, ${monthsOf(periods)},
    school_values as (
      select dv.org_unit_id as school_id, e.code as element, m.period,
        case e.aggregation
          when 'sum' then sum(dv.value::text::numeric)
          when 'average' then avg(dv.value)::text::numeric
          else (array_agg(dv.value order by dv.month desc))[1]::text::numeric
        end as value
      from data_value dv
      join months m on m.month = dv.month
      join data_element e on e.id = dv.element_id
      where e.code = any(${elements}::text[])
        and dv.org_unit_id = any(${schoolsOf(units)}::int[])
      group by dv.org_unit_id, e.code, e.aggregation, m.period
    )
    select us.unit_code, sv.period, sv.element, sum(sv.value)::float8 as total
    from unit_schools us join school_values sv on sv.school_id = us.school_id
    group by us.unit_code, sv.period, sv.element`;
}

/** Units of one school each, over periods of one month: the school's values themselves. */
async function schoolValues(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const { rows } = await sql<ElementTotal>`
    with ${pairsOf(units)}, ${monthsOf(periods)}
    select us.unit_code, m.period, e.code as element, dv.value as total
    from unit_schools us
    join data_value dv on dv.org_unit_id = us.school_id
    join months m on m.month = dv.month
    join data_element e on e.id = dv.element_id
    where e.code = any(${elements}::text[])`.execute(db);
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
  elements: string[],
  periods: Period[],
): Promise<ReportingCount[]> {
  return (await reportingCountsEach(db, units, [elements], periods))[0] as ReportingCount[];
}

/** Completeness for several sets of elements at once (one per indicator), in the sets' order. */
export async function reportingCountsEach(
  db: Db,
  units: ResolvedUnits,
  elementSets: string[][],
  periods: Period[],
): Promise<ReportingCount[][]> {
  const bySet = elementSets.map((): ReportingCount[] => []);
  // Sets with no imported element get no counts (no completeness), as for a computed measure.
  const counted = elementSets.flatMap((set, i) => {
    const imported = set.filter((e) => !isComputedElement(e));
    return imported.length ? [{ i, imported }] : [];
  });
  if (counted.length === 0) return bySet;
  const sets = counted.map((c) => c.imported);
  const maintained = unitsWhere(units, isMaintained);
  const scanned = unitsWhere(units, (unit) => !isMaintained(unit));
  const parts = await Promise.all([
    maintained.units.length ? maintainedCounts(db, maintained, sets, periods) : [],
    scanned.units.length ? scannedCounts(db, scanned, sets, periods) : [],
  ]);
  for (const row of parts.flat()) {
    for (const [k, { i }] of counted.entries()) {
      bySet[i]?.push({
        unit_code: row.unit_code,
        period: row.period,
        expected: row.expected,
        reported: row.reported[k] as number,
      });
    }
  }
  return bySet;
}

/**
 * `array[n1, n2, ...]`: for each set of element codes, `count` over the rows whose `elements` (element
 * ids) meet the set. An unknown code matches nothing, as when the values are read one by one.
 */
function countsBySet(sets: string[][], elements: RawBuilder<unknown>, count: RawBuilder<unknown>) {
  return sql`array[${sql.join(
    sets.map(
      (set) => sql`coalesce(${count} filter (where ${elements} && (
        select coalesce(array_agg(id), '{}') from data_element where code = any(${set}::text[]))), 0)`,
    ),
  )}]::int[]`;
}

/** Expected school-months of a unit and period, and of those how many reported each set, in the sets' order. */
interface SetCounts {
  unit_code: string;
  period: string;
  expected: number;
  reported: number[];
}

/**
 * Expected school-months from the open schools counted by their months of opening and closing; reported
 * ones from the schools counted by the set of elements they reported, a set counting when it meets the
 * indicator's elements (a school that reported two of them is one school, as when counted one by one).
 */
async function maintainedCounts(
  db: Db,
  units: ResolvedUnits,
  sets: string[][],
  periods: Period[],
): Promise<SetCounts[]> {
  const { rows } = await sql<SetCounts>`
    with ${monthsOf(periods)},
    units as (select id, code from org_unit where code = any(${units.units.map((u) => u.code)}::text[])),
    expected as (
      select u.code as unit_code, m.period, sum(sp.schools) as expected
      from units u cross join months m
      join school_span sp on sp.org_unit_id = u.id and sp.opened <= m.month and sp.closed >= m.month
      group by u.code, m.period
    ),
    reported as (
      select u.code as unit_code, m.period, ${countsBySet(sets, sql`r.elements`, sql`sum(r.schools)`)} as reported
      from units u
      join reported_total r on r.org_unit_id = u.id
      join months m on m.month = r.month
      group by u.code, m.period
    )
    select x.unit_code, x.period, x.expected,
      coalesce(r.reported, array_fill(0, array[${sets.length}::int])) as reported
    from expected x left join reported r on r.unit_code = x.unit_code and r.period = x.period`.execute(db);
  return rows;
}

/** School-months counted one by one: each open school's month and the elements it reported then. */
async function scannedCounts(
  db: Db,
  units: ResolvedUnits,
  sets: string[][],
  periods: Period[],
): Promise<SetCounts[]> {
  const { rows } = await sql<SetCounts>`
    with ${pairsOf(units)}, ${monthsOf(periods)}
    select us.unit_code, m.period, count(*) as expected,
      ${countsBySet(sets, sql`r.elements`, sql`count(r.school_id)`)} as reported
    from unit_schools us
    cross join months m
    join school s on s.org_unit_id = us.school_id
    left join school_reported r on r.school_id = us.school_id and r.month = m.month
    where school_open_in(s.opened_on, s.closed_on, m.month)
    group by us.unit_code, m.period`.execute(db);
  return rows;
}

/** Each unit's target for each indicator for the year: its own, or else the nearest ancestor's. */
export async function targetsEach(
  db: Db,
  indicatorIds: number[],
  academicYear: string,
  unitCodes: string[],
): Promise<Map<number, Map<string, number>>> {
  const { rows } = await sql<{ indicator_id: number; unit_code: string; value: number }>`
    with recursive up (unit_code, id, depth) as (
      select code, id, 0 from org_unit where code = any(${unitCodes}::text[])
      union all
      select up.unit_code, o.parent_id, up.depth + 1 from up join org_unit o on o.id = up.id where o.parent_id is not null
    )
    select distinct on (t.indicator_id, up.unit_code) t.indicator_id, up.unit_code, t.value
    from up join target t on t.org_unit_id = up.id
    where t.indicator_id = any(${indicatorIds}::int[]) and t.academic_year = ${academicYear}
    order by t.indicator_id, up.unit_code, up.depth`.execute(db);
  const targets = new Map<number, Map<string, number>>();
  for (const row of rows) {
    if (!targets.has(row.indicator_id)) targets.set(row.indicator_id, new Map());
    targets.get(row.indicator_id)?.set(row.unit_code, row.value);
  }
  return targets;
}

/** The latest month with any data value, as YYYY-MM (null in an empty database). */
export async function latestMonth(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('data_value')
    .select((eb) => eb.fn.max('month').as('month'))
    .executeTakeFirst();
  return row?.month ? String(row.month).slice(0, 7) : null;
}
