// The challenge measures, in one SQL statement per request: for each group (an org unit, an owner or a
// category) and period, how many challenges were raised, were open and overdue at the period's end,
// were resolved and how fast (median and 90th percentile of days from raised to resolved), and what
// share of those due in the period were resolved by their due date. The KPI roll-up reads them as
// data elements; the challenges board reads them by owner and category too.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { Period } from '../kpi/periods.ts';
import type { ElementTotal, ResolvedUnits } from '../kpi/unit-totals.ts';
import { personName } from '../registry/sql.ts';
import { isChallengeElement } from './catalogue.ts';
import type { MeasureDimension } from './challenge-contract.ts';

export interface MeasureRow {
  group_key: string;
  period: string;
  raised: number;
  open: number;
  overdue: number;
  resolved: number;
  median_days: number | null;
  p90_days: number | null;
  due: number;
  due_met: number;
}

/**
 * The measures of the challenges a `groups(group_key, challenge_id)` CTE assigns to each group, for
 * every group in `keys` (a group without challenges gets zeros, not nothing). A period still running
 * is measured up to today: nothing is overdue or due on a day that has not come.
 */
function measuresQuery(
  groups: RawBuilder<unknown>,
  keys: string[],
  periods: Period[],
): RawBuilder<MeasureRow> {
  return sql<MeasureRow>`
    with recursive ${groups},
    periods as (
      select period, starts_on, least(ends_on, current_date) as ends_on
      from unnest(${periods.map((p) => p.id)}::text[], ${periods.map((p) => p.start)}::date[],
        ${periods.map((p) => p.end)}::date[]) as given(period, starts_on, ends_on)
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
    from unnest(${keys}::text[]) as k(group_key)
    cross join periods p
    left join measured m on m.group_key = k.group_key and m.period = p.period
    group by k.group_key, p.period`;
}

/**
 * Each challenge's status at the end of `day` by its timeline (its last status change on or before it),
 * the rule the measures' "open" and "overdue" use, for the agenda to count the same way on the day a
 * meeting is held. A challenge raised after the day has none.
 */
export async function statusesOn(db: Db, challengeIds: number[], day: string): Promise<Map<number, string>> {
  if (challengeIds.length === 0) return new Map();
  const { rows } = await sql<{ challenge_id: number; status: string }>`
    select distinct on (u.challenge_id) u.challenge_id, u.to_status as status
    from challenge_update u
    where u.challenge_id = any(${challengeIds}::int[]) and u.on_date <= ${day}::date and u.to_status is not null
    order by u.challenge_id, u.on_date desc, u.id desc`.execute(db);
  return new Map(rows.map((r) => [r.challenge_id, r.status]));
}

/** The measures' rows with their counts as numbers (PostgreSQL counts are bigints, which pg reads as text). */
async function measureRows(db: Db, query: RawBuilder<MeasureRow>): Promise<MeasureRow[]> {
  const { rows } = await query.execute(db);
  return rows.map((r) => ({
    ...r,
    raised: Number(r.raised),
    open: Number(r.open),
    overdue: Number(r.overdue),
    resolved: Number(r.resolved),
    due: Number(r.due),
    due_met: Number(r.due_met),
  }));
}

/**
 * A CTE `groups(group_key, challenge_id)`: a challenge counts for every unit it affects and every unit
 * above those (a school's challenge is its area's and the authority's), and for a trust when it
 * affects one of the trust's schools. Each challenge counts once per unit however many it affects.
 */
function unitGroups(units: ResolvedUnits): RawBuilder<unknown> {
  return sql`
    reach (challenge_id, id) as (
      select challenge_id, org_unit_id from challenge_unit
      union
      select r.challenge_id, o.parent_id from reach r join org_unit o on o.id = r.id where o.parent_id is not null
    ),
    groups (group_key, challenge_id) as (
      select o.code, r.challenge_id from reach r join org_unit o on o.id = r.id
      where o.code = any(${units.units.map((u) => u.code)}::text[])
      union
      select pair.unit_code, cu.challenge_id
      from unnest(${units.unitCodes}::text[], ${units.schoolIds}::int[]) as pair(unit_code, school_id)
      join challenge_unit cu on cu.org_unit_id = pair.school_id
    )`;
}

const elementOf: Record<string, (r: MeasureRow) => number | null> = {
  challenges_raised: (r) => r.raised,
  challenges_open: (r) => r.open,
  challenges_overdue: (r) => r.overdue,
  challenges_resolved: (r) => r.resolved,
  challenge_days_median: (r) => r.median_days,
  challenge_days_p90: (r) => r.p90_days,
  challenges_due: (r) => r.due,
  challenges_due_met: (r) => r.due_met,
};

/** The measures of each unit (or trust) for each period: what the KPI roll-up reads as elements. */
export const unitMeasuresQuery = (units: ResolvedUnits, periods: Period[]) =>
  measuresQuery(
    unitGroups(units),
    units.units.map((u) => u.code),
    periods,
  );

/** The challenge elements' values for the KPI roll-up, in the shape of imported element totals. */
export async function challengeElementTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const wanted = elements.filter(isChallengeElement);
  if (wanted.length === 0 || units.units.length === 0) return [];
  const rows = await measureRows(db, unitMeasuresQuery(units, periods));
  const totals: ElementTotal[] = [];
  for (const row of rows)
    for (const element of wanted) {
      const total = elementOf[element]?.(row) ?? null;
      if (total !== null) totals.push({ unit_code: row.group_key, period: row.period, element, total });
    }
  return totals;
}

/**
 * A CTE `groups(group_key, challenge_id)` over the given challenges: by area (a challenge counts for
 * every area it affects, directly or through a school), by owner (person code), or by category.
 */
function dimensionGroups(dimension: MeasureDimension, challengeIds: number[]): RawBuilder<unknown> {
  const ids = sql`${challengeIds}::int[]`;
  return dimension === 'area'
    ? sql`
      reach (challenge_id, id) as (
        select challenge_id, org_unit_id from challenge_unit where challenge_id = any(${ids})
        union
        select r.challenge_id, o.parent_id from reach r join org_unit o on o.id = r.id where o.parent_id is not null
      ),
      groups (group_key, challenge_id) as (
        select distinct o.code, r.challenge_id from reach r join org_unit o on o.id = r.id where o.level = 'area'
      )`
    : dimension === 'owner'
      ? sql`groups (group_key, challenge_id) as (
          select coalesce(p.code, ''), c.id from challenge c left join person p on p.id = c.owner_person_id
          where c.id = any(${ids}))`
      : sql`groups (group_key, challenge_id) as (
          select c.category, c.id from challenge c where c.id = any(${ids}))`;
}

/** The measures of each group in `keys` of a dimension, over the given challenges, for each period. */
export const dimensionMeasuresQuery = (
  dimension: MeasureDimension,
  challengeIds: number[],
  keys: string[],
  periods: Period[],
) => measuresQuery(dimensionGroups(dimension, challengeIds), keys, periods);

/**
 * The measures by area, owner or category over the given challenges (already limited to what the
 * caller may see). An area counts a challenge affecting it or any school in it.
 */
export async function measuresBy(
  db: Db,
  dimension: MeasureDimension,
  challengeIds: number[],
  periods: Period[],
): Promise<(MeasureRow & { name: string })[]> {
  const ids = sql`${challengeIds}::int[]`;
  const { rows: names } = await sql<{ key: string; name: string }>`
    ${
      dimension === 'area'
        ? sql`select code as key, name from org_unit where level = 'area' and id in (
            with recursive reach (id) as (
              select org_unit_id from challenge_unit where challenge_id = any(${ids})
              union select o.parent_id from reach r join org_unit o on o.id = r.id where o.parent_id is not null)
            select id from reach)`
        : dimension === 'owner'
          ? sql`select distinct coalesce(p.code, '') as key,
              coalesce(${personName('p')}, 'No owner') as name
              from challenge c left join person p on p.id = c.owner_person_id where c.id = any(${ids})`
          : sql`select code as key, name from challenge_category where code in (
              select category from challenge where id = any(${ids}))`
    }
    order by name`.execute(db);
  const rows = await measureRows(
    db,
    dimensionMeasuresQuery(
      dimension,
      challengeIds,
      names.map((n) => n.key),
      periods,
    ),
  );
  const nameOf = new Map(names.map((n) => [n.key, n.name]));
  const order = new Map(names.map((n, i) => [n.key, i]));
  return rows
    .map((r) => ({ ...r, name: nameOf.get(r.group_key) ?? r.group_key }))
    .sort(
      (a, b) =>
        (order.get(a.group_key) ?? 0) - (order.get(b.group_key) ?? 0) || a.period.localeCompare(b.period),
    );
}
