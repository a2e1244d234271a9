// Each school's teachers against its staffing norm, and the same figures rolled up by cluster, area and
// authority, for one month. schoolGaps is also the redeployment plan's input: each school's gap, the
// floor it may not be taken below (the teachers its own norm requires) and its coordinates.

import { sql } from 'kysely';
import { requirePermission, requireVisible, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { ofPhase, resolveUnits, type UnitSelector } from '../kpi/queries.ts';
import type { ResolvedUnits } from '../kpi/unit-totals.ts';
import type { Gaps, GapsQuery, SchoolGap, UnitGap } from './contract.ts';
import {
  type SchoolGapFilter,
  type SchoolGapRow,
  schoolGapsQuery,
  type UnitGapRow,
  unitGapsQuery,
} from './queries.ts';

/** Months with teachers reported anywhere in the authority, latest first (YYYY-MM): months with a
 * teachers_in_post value, and, where the registry records teacher posts, months with pupils reported. */
export function staffingMonths(db: Db): Promise<string[]> {
  return computedOnce(db, 'teachers: months', async () => {
    const { rows } = await sql<{ month: string }>`
      select distinct to_char(t.month, 'YYYY-MM') as month
      from element_total t
      join data_element e on e.id = t.element_id
      join org_unit o on o.id = t.org_unit_id and o.level = 'authority'
      where t.schools > 0 and (e.code = 'teachers_in_post'
        or (e.code = 'pupils_enrolled' and exists (select 1 from post where role = 'teacher')))
      order by month desc`.execute(db);
    return rows.map((r) => r.month);
  });
}

/** The month asked, or the latest with teachers reported (this month when there is none). */
export async function monthOrLatest(context: Context, month: string | undefined): Promise<string> {
  return month ?? (await staffingMonths(context.db))[0] ?? context.today.slice(0, 7);
}

const toSchoolGap = ({ total: _, ...row }: SchoolGapRow): SchoolGap => ({
  ...row,
  phase: row.phase as SchoolGap['phase'],
});

export function toUnitGap(
  unit: { code: string; name: string; level: string },
  row: UnitGapRow | undefined,
): UnitGap {
  const spread = row?.ptr_p10 && row.ptr_p90 !== null && row.ptr_p10 > 0 ? row.ptr_p90 / row.ptr_p10 : null;
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    schools: row?.schools ?? 0,
    schools_above: row?.schools_above ?? 0,
    pupils_above: row?.pupils_above ?? 0,
    pupils: row?.pupils ?? 0,
    teachers: row?.teachers ?? 0,
    required: row?.required ?? 0,
    deficit: row?.deficit ?? 0,
    surplus: row?.surplus ?? 0,
    ptr_p10: row?.ptr_p10 ?? null,
    ptr_median: row?.ptr_median ?? null,
    ptr_p90: row?.ptr_p90 ?? null,
    ptr_spread: spread,
    randomness: row?.r2 === null || row?.r2 === undefined ? null : 1 - row.r2,
  };
}

/** The units of a roll-up, limited to those the caller may see, narrowed to a phase if asked. */
export async function gapUnits(
  context: Context,
  level: 'cluster' | 'area' | 'authority',
  filter: { area?: string; cluster?: string; phase?: string },
): Promise<ResolvedUnits> {
  const { db, actor } = context;
  const selector: UnitSelector = filter.cluster
    ? { codes: [filter.cluster] }
    : filter.area && level === 'area'
      ? { codes: [filter.area] }
      : filter.area && level === 'cluster'
        ? { childrenOf: filter.area }
        : { level };
  const all = await resolveUnits(db, selector);
  const keep = new Set(
    all.units
      .filter((u) => visibleUnits(actor) === null || visibleUnits(actor)?.includes(u.code))
      .map((u) => u.code),
  );
  const pairs = all.unitCodes.flatMap((code, i) => (keep.has(code) ? [i] : []));
  const units: ResolvedUnits = {
    units: all.units.filter((u) => keep.has(u.code)),
    unitCodes: pairs.map((i) => all.unitCodes[i] as string),
    schoolIds: pairs.map((i) => all.schoolIds[i] as number),
  };
  return filter.phase ? ofPhase(db, units, filter.phase) : units;
}

function checkScope(context: Context, filter: { area?: string; cluster?: string; school?: string }) {
  requirePermission(context.actor, 'kpi:read');
  if (filter.school) requireVisible(context.actor, filter.school, `School ${filter.school}`);
  if (filter.area) requireVisible(context.actor, filter.area, `Area ${filter.area}`);
  if (filter.cluster) requireVisible(context.actor, filter.cluster, `Cluster ${filter.cluster}`);
}

/** The roll-up of every school the caller sees (within the area, cluster and phase asked) as one unit. */
async function summaryOf(context: Context, query: GapsQuery, month: string): Promise<UnitGap | null> {
  const { actor } = context;
  const code = query.cluster ?? query.area ?? (actor.scope.all ? null : undefined);
  if (code === undefined) return null;
  const level = query.cluster ? 'cluster' : query.area ? 'area' : 'authority';
  const units = await gapUnits(context, level, query);
  const unit = units.units[0];
  if (!unit) return null;
  const { rows } = await unitGapsQuery(units, [parsePeriod(month)]).execute(context.db);
  return toUnitGap(
    unit,
    rows.find((r) => r.unit_code === unit.code),
  );
}

/** GET /teachers/gaps: one page of schools, or the roll-up by cluster, area or authority. */
export async function teacherGaps(context: Context, query: GapsQuery): Promise<Gaps> {
  checkScope(context, query);
  const { db, actor } = context;
  const months = await staffingMonths(db);
  const month = await monthOrLatest(context, query.month);
  const period = parsePeriod(month);
  const base = { month, months, level: query.level, page: query.page, page_size: query.page_size };
  if (query.level !== 'school') {
    const units = await gapUnits(context, query.level, query);
    const { rows } = await unitGapsQuery(units, [period]).execute(db);
    const byCode = new Map(rows.map((r) => [r.unit_code, r]));
    const all = units.units.map((u) => toUnitGap(u, byCode.get(u.code)));
    const start = (query.page - 1) * query.page_size;
    return {
      ...base,
      summary: await summaryOf(context, query, month),
      units: all.slice(start, start + query.page_size),
      schools: [],
      total: all.length,
    };
  }
  const filter: SchoolGapFilter = {
    visible: visibleUnits(actor),
    area: query.area,
    cluster: query.cluster,
    school: query.school,
    phase: query.phase,
    above: query.above === undefined ? undefined : query.above === 'true',
    status: query.status,
    sort: query.sort,
    desc: query.dir === 'desc',
    page: { size: query.page_size, offset: (query.page - 1) * query.page_size },
  };
  const [{ rows }, summary] = await Promise.all([
    schoolGapsQuery(filter, period).execute(db),
    summaryOf(context, query, month),
  ]);
  return { ...base, summary, units: [], schools: rows.map(toSchoolGap), total: rows[0]?.total ?? 0 };
}

/**
 * Every school of an area (or the whole authority the caller sees) in a month with its gap (above 0 a
 * deficit, below 0 a surplus), the floor its own norm sets (`required`) and its coordinates: the
 * redeployment plan's input.
 */
export async function schoolGaps(
  context: Context,
  options: { area?: string; month?: string; phase?: string; school?: string } = {},
): Promise<{ month: string; schools: SchoolGap[] }> {
  checkScope(context, options);
  const month = await monthOrLatest(context, options.month);
  const { rows } = await schoolGapsQuery(
    {
      visible: visibleUnits(context.actor),
      area: options.area,
      phase: options.phase,
      school: options.school,
      sort: 'school',
      desc: false,
      page: null,
    },
    parsePeriod(month),
  ).execute(context.db);
  return { month, schools: rows.map(toSchoolGap) };
}
