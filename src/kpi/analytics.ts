// What the KPI capability answers, each function checking the actor first: an indicator for org units
// and a period, a school's monthly series, and the schools causing concern.
import {
  type Actor,
  canCompareWith,
  canSee,
  canSeeGroup,
  requireComparable,
  requirePermission,
  requireVisible,
} from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { type Concern, findConcerns } from './concerns.ts';
import { indicatorByCode, listIndicators } from './indicators.ts';
import { parsePeriod } from './periods.ts';
import type { UnitSelector } from './queries.ts';
import { type IndicatorResult, rollupIndicator } from './rollup.ts';

export async function indicatorCatalogue(db: Db, actor: Actor) {
  requirePermission(actor, 'kpi:read');
  const indicators = await listIndicators(db);
  return indicators.map(({ parsed: _parsed, elements: _elements, id: _id, ...definition }) => definition);
}

export interface AnalyticsQuery {
  indicator: string;
  period: string;
  level?: 'authority' | 'area' | 'cluster' | 'school' | 'trust';
  orgUnit?: string;
  children?: boolean;
  trendPeriods?: number;
}

function selectorFor(q: {
  level?: AnalyticsQuery['level'];
  orgUnit?: string;
  children?: boolean;
}): UnitSelector {
  if (q.orgUnit) return q.children ? { childrenOf: q.orgUnit } : { codes: [q.orgUnit] };
  return { level: q.level ?? 'area' };
}

/**
 * What a caller with a limited scope may see of a list of results: their own units by name, the units
 * above them as they are, the trusts they hold a role at, and other schools without a name (to compare
 * with, ranked by value only).
 */
export function withinScope(actor: Actor, results: IndicatorResult[]): IndicatorResult[] {
  if (actor.scope.all) return results;
  const isGroup = (r: IndicatorResult) => r.level === 'trust' || r.level === 'federation';
  const named = results.filter((r) =>
    isGroup(r) ? canSeeGroup(actor, r.org_unit) : canCompareWith(actor, r.org_unit),
  );
  const others = results
    .filter((r) => r.level === 'school' && !canSee(actor, r.org_unit))
    // Counts would tell a school's size, which with the value can name it: only the rate is shown.
    .map((r) => ({
      ...r,
      org_unit: '',
      name: 'Another school',
      numerator: null,
      denominator: null,
      series: r.series.map((p) => ({ ...p, numerator: null, denominator: null })),
    }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  return [...named, ...others];
}

async function requireOrgUnit(db: Db, code: string, level?: string) {
  const unit = await db
    .selectFrom('org_unit')
    .select(['id', 'level', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!unit || (level && unit.level !== level))
    throw notFound(`${level === 'school' ? 'School' : 'Org unit'} ${code}`);
  return unit;
}

export async function indicatorAnalytics(
  db: Db,
  actor: Actor,
  q: AnalyticsQuery,
  settings: Settings,
): Promise<IndicatorResult[]> {
  requirePermission(actor, 'kpi:read');
  const indicator = await indicatorByCode(db, q.indicator);
  if (q.orgUnit) {
    requireComparable(actor, q.orgUnit, `Org unit ${q.orgUnit}`);
    await requireOrgUnit(db, q.orgUnit);
  }
  const results = await rollupIndicator(
    db,
    indicator,
    selectorFor(q),
    parsePeriod(q.period, settings.academicYearStart),
    { academicYearStart: settings.academicYearStart, trendPeriods: q.trendPeriods },
  );
  return withinScope(actor, results);
}

/** Every indicator's monthly values for one school from one month to another. */
export async function schoolIndicatorSeries(
  db: Db,
  actor: Actor,
  schoolCode: string,
  range: { from: string; to: string },
  settings: Settings,
) {
  requirePermission(actor, 'kpi:read');
  requireVisible(actor, schoolCode, `School ${schoolCode}`);
  await requireOrgUnit(db, schoolCode, 'school');
  const from = parsePeriod(range.from, settings.academicYearStart);
  const to = parsePeriod(range.to, settings.academicYearStart);
  if (from.type !== 'month' || to.type !== 'month' || from.start > to.start) {
    throw new HeadwayError('invalid', 'from and to are months (YYYY-MM), from no later than to');
  }
  const monthNumber = (p: typeof from) => Number(p.id.slice(0, 4)) * 12 + Number(p.id.slice(5, 7));
  const months = monthNumber(to) - monthNumber(from) + 1;
  if (months > 120) throw new HeadwayError('invalid', 'Ask for at most 120 months at a time');
  const indicators = await listIndicators(db);
  const series = [];
  for (const indicator of indicators) {
    const [result] = await rollupIndicator(db, indicator, { codes: [schoolCode] }, to, {
      academicYearStart: settings.academicYearStart,
      trendPeriods: months,
    });
    series.push({
      indicator: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      values: (result?.series ?? []).map(({ period, value, numerator, denominator }) => ({
        period,
        value,
        numerator,
        denominator,
      })),
    });
  }
  return { school: schoolCode, from: from.id, to: to.id, indicators: series };
}

export async function schoolsCausingConcern(
  db: Db,
  actor: Actor,
  q: { area?: string; period: string },
  settings: Settings,
): Promise<Concern[]> {
  requirePermission(actor, 'kpi:read');
  if (q.area) {
    requireVisible(actor, q.area, `Org unit ${q.area}`);
    await requireOrgUnit(db, q.area);
  }
  const under =
    q.area ??
    (await db.selectFrom('org_unit').select('code').where('level', '=', 'authority').executeTakeFirst())
      ?.code;
  if (!under) return [];
  const concerns = await findConcerns(
    db,
    await listIndicators(db),
    { schoolsUnder: under },
    parsePeriod(q.period, settings.academicYearStart),
    settings.academicYearStart,
  );
  return concerns.filter((c) => canSee(actor, c.school));
}
