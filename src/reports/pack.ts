// Gathers what an area's monthly performance pack shows: the area against the authority and target on
// each indicator over twelve months, its schools with bands and trends, who is improving or declining,
// the causes for concern and data completeness. Also the director's overview of every area.
import { type Actor, canSee, requirePermission, requireVisible } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { type Concern, indicatorConcerns, missingDataConcerns, sortConcerns } from '../kpi/concerns.ts';
import { type Indicator, listIndicators } from '../kpi/indicators.ts';
import { type Period, parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { type IndicatorResult, rollupIndicator, rollupIndicators } from '../kpi/rollup.ts';

export const CHART_MONTHS = 12;

/**
 * Roll-ups shared across the packs of one run: every area's pack compares with the same authority
 * figures, so an authority run computes them once.
 */
export type RollupCache = Map<string, Promise<IndicatorResult[]>>;

function rollup(
  cache: RollupCache | undefined,
  ...args: Parameters<typeof rollupIndicator>
): Promise<IndicatorResult[]> {
  if (!cache) return rollupIndicator(...args);
  const [, indicator, selector, period, options] = args;
  const key = JSON.stringify([indicator.code, selector, period.id, options]);
  let result = cache.get(key);
  if (!result) {
    result = rollupIndicator(...args);
    cache.set(key, result);
  }
  return result;
}

export interface IndicatorSection {
  indicator: Indicator;
  area: IndicatorResult;
  authority: IndicatorResult;
  schools: IndicatorResult[];
}

export interface AreaPack {
  generatedOn: string;
  period: Period;
  area: { code: string; name: string };
  authority: { code: string; name: string };
  sections: IndicatorSection[];
  concerns: Concern[];
}

async function authorityUnit(db: Db) {
  const authority = await db
    .selectFrom('org_unit')
    .select(['code', 'name'])
    .where('level', '=', 'authority')
    .executeTakeFirst();
  if (!authority) throw notFound('The authority');
  return authority;
}

export async function buildAreaPack(
  db: Db,
  actor: Actor,
  areaCode: string,
  periodId: string,
  settings: Settings,
  generatedOn: string,
  cache?: RollupCache,
): Promise<AreaPack> {
  requirePermission(actor, 'kpi:read');
  requireVisible(actor, areaCode, `Area ${areaCode}`);
  const area = await db
    .selectFrom('org_unit')
    .select(['code', 'name', 'level'])
    .where('code', '=', areaCode)
    .executeTakeFirst();
  if (area?.level !== 'area') throw notFound(`Area ${areaCode}`);
  const authority = await authorityUnit(db);
  const period = parsePeriod(periodId, settings.academicYearStart);
  const indicators = await listIndicators(db);
  const options = {
    academicYearStart: settings.academicYearStart,
    seriesPeriods: period.type === 'month' ? CHART_MONTHS : undefined,
  };
  const sections: IndicatorSection[] = [];
  const concerns: Concern[] = [];
  const [areaUnit, areaSchools] = await Promise.all([
    resolveUnits(db, { codes: [area.code] }),
    resolveUnits(db, { schoolsUnder: area.code }),
  ]);
  const [areaResults, schoolResults, authorityResults] = await Promise.all([
    rollupIndicators(db, indicators, areaUnit, period, options),
    rollupIndicators(db, indicators, areaSchools, period, {
      academicYearStart: settings.academicYearStart,
    }),
    Promise.all(
      indicators.map((indicator) =>
        rollup(cache, db, indicator, { codes: [authority.code] }, period, options),
      ),
    ),
  ]);
  for (const [i, indicator] of indicators.entries()) {
    const [areaResult] = areaResults.get(indicator.code) as IndicatorResult[];
    const [authorityResult] = authorityResults[i] as IndicatorResult[];
    const schools = schoolResults.get(indicator.code) as IndicatorResult[];
    sections.push({
      indicator,
      area: areaResult as IndicatorResult,
      authority: authorityResult as IndicatorResult,
      schools,
    });
    concerns.push(...indicatorConcerns(indicator, schools));
  }
  concerns.push(
    ...(await missingDataConcerns(db, indicators, areaSchools, period, settings.academicYearStart)),
  );
  return {
    generatedOn,
    period,
    area: { code: area.code, name: area.name },
    authority,
    sections,
    concerns: sortConcerns(concerns),
  };
}

export interface AuthorityOverview {
  generatedOn: string;
  period: Period;
  authority: { code: string; name: string };
  indicators: Indicator[];
  /** Per indicator code: the authority's result and each area's. */
  results: Map<string, { authority: IndicatorResult; areas: IndicatorResult[] }>;
  areas: { code: string; name: string; concerns: number; schoolsOfConcern: number }[];
}

/** The director's page: every area on every indicator, and how many of its schools cause concern. */
export async function buildAuthorityOverview(
  db: Db,
  actor: Actor,
  periodId: string,
  settings: Settings,
  generatedOn: string,
): Promise<AuthorityOverview> {
  requirePermission(actor, 'kpi:read');
  const authority = await authorityUnit(db);
  const period = parsePeriod(periodId, settings.academicYearStart);
  const indicators = await listIndicators(db);
  const options = { academicYearStart: settings.academicYearStart };
  const results: AuthorityOverview['results'] = new Map();
  const concerns: Concern[] = [];
  const [authorityUnits, areaUnits, allSchools] = await Promise.all([
    resolveUnits(db, { codes: [authority.code] }),
    resolveUnits(db, { level: 'area' }),
    resolveUnits(db, { schoolsUnder: authority.code }),
  ]);
  const [authorityResults, areaResults, schoolResults] = await Promise.all([
    rollupIndicators(db, indicators, authorityUnits, period, options),
    rollupIndicators(db, indicators, areaUnits, period, options),
    rollupIndicators(db, indicators, allSchools, period, options),
  ]);
  for (const indicator of indicators) {
    const [authorityResult] = authorityResults.get(indicator.code) as IndicatorResult[];
    const areas = areaResults.get(indicator.code) as IndicatorResult[];
    const schools = schoolResults.get(indicator.code) as IndicatorResult[];
    results.set(indicator.code, {
      authority: authorityResult as IndicatorResult,
      areas: areas.filter((a) => canSee(actor, a.org_unit)),
    });
    concerns.push(...indicatorConcerns(indicator, schools));
  }
  concerns.push(
    ...(await missingDataConcerns(db, indicators, allSchools, period, settings.academicYearStart)),
  );
  const areaOfSchool = await schoolAreas(db);
  const areaList = results.get(indicators[0]?.code ?? '')?.areas ?? [];
  return {
    generatedOn,
    period,
    authority,
    indicators,
    results,
    // A caller with a limited scope sees their own areas beside the authority.
    areas: areaList.map((a) => {
      const mine = concerns.filter((c) => areaOfSchool.get(c.school) === a.org_unit);
      return {
        code: a.org_unit,
        name: a.name,
        concerns: mine.length,
        schoolsOfConcern: new Set(mine.map((c) => c.school)).size,
      };
    }),
  };
}

/** Each school's area code (a school sits under its area directly or through a cluster). */
export async function schoolAreas(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('org_unit as s')
    .innerJoin('org_unit as p', 'p.id', 's.parent_id')
    .leftJoin('org_unit as g', 'g.id', 'p.parent_id')
    .select(['s.code', 'p.code as parent_code', 'p.level as parent_level', 'g.code as grandparent_code'])
    .where('s.level', '=', 'school')
    .execute();
  return new Map(
    rows.map((r) => [r.code, r.parent_level === 'area' ? r.parent_code : (r.grandparent_code as string)]),
  );
}
