// Give and receive, measured: a school's year (what it gave, what it received) and the roll-up by level
// with the share of schools that did both against its target, and the lists a director acts on (schools
// that only received, strong schools that never gave). Figures come from queries.ts; the share, its band
// and target from the KPI roll-up of the same elements, so the page and the packs agree.
import { type Actor, canSee, canSeeGroup, requirePermission, requireVisible } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { listIndicators } from '../kpi/indicators.ts';
import { academicYearOf, type Period, parsePeriod } from '../kpi/periods.ts';
import { resolveUnits, type UnitSelector } from '../kpi/queries.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import type { ResolvedUnits } from '../kpi/unit-totals.ts';
import type {
  GivingQuery,
  GivingRollup,
  GivingSchool,
  GivingStatus,
  GivingUnit,
  SchoolGiving,
  SupportFlow,
} from './contract.ts';
import { flowsQuery, type GivingTotalsRow, type SchoolStatusRow, schoolStatusQuery } from './queries.ts';
import { strongPairs, strongSchools } from './strong.ts';
import { givingTotals } from './totals.ts';

/** The indicator the page's share is: the principle as a KPI with a target. */
const SHARE_INDICATOR = 'schools_gave_and_received';

/**
 * A flow as the caller may read it: a school outside their scope is "another school" (code and name
 * null), as the deployments list keeps a supported school out of sight beyond the caller's schools.
 */
export function maskFlow<T extends SupportFlow>(actor: Actor, flow: T): T {
  const hide = (code: string | null) => code !== null && !canSee(actor, code);
  return {
    ...flow,
    ...(hide(flow.given_by) ? { given_by: null, given_by_name: null } : {}),
    ...(hide(flow.received_by) ? { received_by: null, received_by_name: null } : {}),
  };
}

/** The academic year asked for (the current one by default) as a KPI period. */
export function givingYear(context: Context, year: string | undefined): Period {
  const id = year ?? academicYearOf(context.today.slice(0, 7), context.settings.academicYearStart);
  const period = parsePeriod(id, context.settings.academicYearStart);
  if (period.type !== 'academic_year')
    throw new HeadwayError('invalid', `year: ${id} is not an academic year`);
  return period;
}

const span = (period: Period) => ({ year: period.id, starts_on: period.start, ends_on: period.end });

const statusOf = (gave: boolean, got: boolean): GivingStatus =>
  gave && got ? 'both' : gave ? 'only_gave' : got ? 'only_received' : 'neither';

/** A school's row as the API says it, with why it is strong. */
function schoolOf(row: SchoolStatusRow, strong: Map<string, string>): GivingSchool {
  return {
    code: row.code,
    name: row.name,
    area_code: row.area_code,
    area_name: row.area_name,
    status: statusOf(row.gave, row.got),
    deployments_given: row.given,
    placements_hosted: row.hosted,
    days_given: row.days_given,
    deployments_received: row.received,
    days_received: row.days_received,
    strong: row.strong ? (strong.get(row.code) ?? 'strong') : null,
  };
}

/** The schools (by id) with their status in the year, and why the strong ones are strong. */
export async function schoolRows(db: Db, schoolIds: number[], period: Period): Promise<GivingSchool[]> {
  if (schoolIds.length === 0) return [];
  const [pairs, strong] = await Promise.all([strongPairs(db, [period]), strongSchools(db, period.end)]);
  const { rows } = await schoolStatusQuery(schoolIds, period, pairs).execute(db);
  const ids = await db
    .selectFrom('org_unit')
    .select(['id', 'code'])
    .where('id', 'in', [...strong.keys(), 0])
    .execute();
  const why = new Map(ids.map((r) => [r.code, strong.get(r.id) as string]));
  return rows.map((row) => schoolOf(row, why));
}

/** What one school gave and received in the year: the support, each with its days. */
export async function schoolGiving(
  context: Context,
  code: string,
  query: { year?: string } = {},
): Promise<SchoolGiving> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  requireVisible(actor, code, `School ${code}`);
  const school = await db
    .selectFrom('org_unit')
    .select(['id', 'code'])
    .where('code', '=', code)
    .where('level', '=', 'school')
    .executeTakeFirst();
  if (!school) throw notFound(`School ${code}`);
  const period = givingYear(context, query.year);
  const [row] = await schoolRows(db, [school.id], period);
  if (!row) throw new HeadwayError('not_found', `School ${code} was not open in ${period.id}`);
  const { rows: flows } = await flowsQuery(period, [school.id]).execute(db);
  return {
    ...span(period),
    school: row,
    gave: flows.filter((f) => f.given_by === code).map((f) => maskFlow(actor, f)),
    received: flows.filter((f) => f.received_by === code).map((f) => maskFlow(actor, f)),
  };
}

/** The units at the level the caller may see (a trust: its own), within the area asked for. */
async function unitsAt(context: Context, query: ReturnType<typeof parseQuery>): Promise<ResolvedUnits> {
  const { db, actor } = context;
  const selector: UnitSelector =
    query.level === 'cluster' && query.area
      ? { childrenOf: query.area }
      : query.level === 'area' && query.area
        ? { codes: [query.area] }
        : { level: query.level };
  const all = await resolveUnits(db, selector);
  const seen = (code: string) => (query.level === 'trust' ? canSeeGroup(actor, code) : canSee(actor, code));
  return keepUnits(all, (code) => seen(code));
}

function keepUnits(units: ResolvedUnits, keep: (code: string) => boolean): ResolvedUnits {
  const pairs = units.unitCodes.flatMap((code, i) => (keep(code) ? [i] : []));
  return {
    units: units.units.filter((u) => keep(u.code)),
    unitCodes: pairs.map((i) => units.unitCodes[i] as string),
    schoolIds: pairs.map((i) => units.schoolIds[i] as number),
  };
}

const parseQuery = (query: GivingQuery) => ({
  level: query.level ?? 'area',
  area: query.area,
  year: query.year,
});

/** Where the caller's view starts: the authority, or the unit or trust their role is held at. */
function topSelector(actor: Actor, authority: string, area: string | undefined): UnitSelector {
  if (area) return { codes: [area] };
  if (actor.scope.all) return { codes: [authority] };
  const [grant] = actor.grants;
  if (!grant)
    throw new HeadwayError('forbidden', 'Your account has no role that lets you see support brokering');
  return grant.group ? { group: grant.org_unit } : { codes: [grant.org_unit] };
}

/** The units' counts with the share's band and target from the KPI roll-up. */
async function unitRows(context: Context, units: ResolvedUnits, period: Period): Promise<GivingUnit[]> {
  const { db, settings } = context;
  const indicator = (await listIndicators(db)).find((i) => i.code === SHARE_INDICATOR);
  if (!indicator)
    throw new HeadwayError('conflict', `The indicator ${SHARE_INDICATOR} is not in the catalogue`);
  const [totals, shares] = await Promise.all([
    givingTotals(db, units, [period]),
    rollupIndicator(db, indicator, units, period, { academicYearStart: settings.academicYearStart }),
  ]);
  const byUnit = new Map(totals.map((t) => [t.unit_code, t]));
  const shareOf = new Map(shares.map((s) => [s.org_unit, s]));
  const empty: Omit<GivingTotalsRow, 'unit_code' | 'period'> = {
    schools: 0,
    both: 0,
    only_gave: 0,
    only_received: 0,
    neither: 0,
    strong: 0,
    strong_never_gave: 0,
  };
  return units.units.map((unit) => {
    const {
      unit_code: _,
      period: __,
      ...counts
    } = byUnit.get(unit.code) ?? { ...empty, unit_code: '', period: '' };
    const share = shareOf.get(unit.code);
    return {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      ...counts,
      share_both: share?.value ?? null,
      band: share?.band ?? null,
      target: share?.target ?? null,
    };
  });
}

/** The roll-up by level, the caller's whole, and every school in scope with its status. */
export async function givingRollup(context: Context, input: GivingQuery = {}): Promise<GivingRollup> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  const query = parseQuery(input);
  if (query.area) requireVisible(actor, query.area, `Area ${query.area}`);
  const period = givingYear(context, query.year);
  const authority = await db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', 'authority')
    .executeTakeFirstOrThrow();
  const [units, top, schools] = await Promise.all([
    unitsAt(context, query),
    resolveUnits(db, topSelector(actor, authority.code, query.area)),
    resolveUnits(db, query.area ? { schoolsUnder: query.area } : { level: 'school' }),
  ]);
  const visibleSchools = keepUnits(schools, (code) => canSee(actor, code));
  const [unitList, [topRow], schoolList] = await Promise.all([
    unitRows(context, units, period),
    unitRows(context, top, period),
    schoolRows(db, [...new Set(visibleSchools.schoolIds)], period),
  ]);
  if (!topRow) throw notFound('Your schools');
  return { ...span(period), indicator: SHARE_INDICATOR, top: topRow, units: unitList, schools: schoolList };
}
