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
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { authorityRoot } from '../registry/queries.ts';
import { findConcerns } from './concerns.ts';
import type {
  AnalyticsLevel,
  Concern,
  Indicator,
  IndicatorResult,
  SchoolIndicatorSeries,
} from './contract.ts';
import { indicatorByCode, listIndicators } from './indicators.ts';
import { parsePeriod } from './periods.ts';
import { ofPhase, resolveUnits, type UnitSelector } from './queries.ts';
import { rollupIndicator } from './rollup.ts';

export async function indicatorCatalogue(context: Context): Promise<Indicator[]> {
  requirePermission(context.actor, 'kpi:read');
  const indicators = await listIndicators(context.db);
  return indicators.map(({ parsed: _parsed, elements: _elements, id: _id, ...definition }) => definition);
}

/** Which indicator, period and units the caller asks for (the API's query, parsed). */
export interface AnalyticsRequest {
  indicator: string;
  period: string;
  level?: AnalyticsLevel;
  orgUnit?: string;
  children?: boolean;
  /** Only the schools of this phase count, at every level. */
  phase?: string;
  trendPeriods?: number;
}

function selectorFor(q: { level?: AnalyticsLevel; orgUnit?: string; children?: boolean }): UnitSelector {
  if (q.orgUnit) return q.children ? { childrenOf: q.orgUnit } : { codes: [q.orgUnit] };
  return { level: q.level ?? 'area' };
}

/**
 * What a caller with a limited scope may see of a list of results: their own units by name, the units
 * above them as they are, the trusts they hold a role at, and other schools without a name (to compare
 * with, ranked by value only).
 */
function withinScope(actor: Actor, results: IndicatorResult[]): IndicatorResult[] {
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

export async function indicatorAnalytics(context: Context, q: AnalyticsRequest): Promise<IndicatorResult[]> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'kpi:read');
  const indicator = await indicatorByCode(db, q.indicator);
  if (q.orgUnit) {
    requireComparable(actor, q.orgUnit, `Org unit ${q.orgUnit}`);
    await requireOrgUnit(db, q.orgUnit);
  }
  const units = q.phase ? await ofPhase(db, await resolveUnits(db, selectorFor(q)), q.phase) : selectorFor(q);
  const results = await rollupIndicator(
    db,
    indicator,
    units,
    parsePeriod(q.period, settings.academicYearStart),
    { academicYearStart: settings.academicYearStart, trendPeriods: q.trendPeriods },
  );
  return withinScope(actor, results);
}

/** Every indicator's monthly values for one school from one month to another. */
export async function schoolIndicatorSeries(
  context: Context,
  schoolCode: string,
  range: { from: string; to: string },
): Promise<SchoolIndicatorSeries> {
  const { db, actor, settings } = context;
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
  const series: SchoolIndicatorSeries['indicators'] = [];
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
  context: Context,
  q: { area?: string; period: string },
): Promise<Concern[]> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'kpi:read');
  if (q.area) {
    requireVisible(actor, q.area, `Org unit ${q.area}`);
    await requireOrgUnit(db, q.area);
  }
  const under = q.area ?? (await authorityRoot(db))?.code;
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
