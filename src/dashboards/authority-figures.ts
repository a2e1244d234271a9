// The director's figures: every area on every indicator beside the authority, and how many of each
// area's schools cause concern. The overview page and the authority's report pack both read them.
import { canSee, requirePermission } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { indicatorConcerns, missingDataConcerns } from '../kpi/concerns.ts';
import type { Concern, IndicatorResult } from '../kpi/contract.ts';
import { type Indicator, listIndicators } from '../kpi/indicators.ts';
import { type Period, parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { rollupIndicators } from '../kpi/rollup.ts';
import { schoolAreas } from '../registry/lookups.ts';

export interface AuthorityOverview {
  generatedOn: string;
  period: Period;
  authority: { code: string; name: string };
  indicators: Indicator[];
  /** Per indicator code: the authority's result and each area's. */
  results: Map<string, { authority: IndicatorResult; areas: IndicatorResult[] }>;
  areas: { code: string; name: string; concerns: number; schoolsOfConcern: number }[];
}

export async function authorityUnit(db: Db) {
  const authority = await db
    .selectFrom('org_unit')
    .select(['code', 'name'])
    .where('level', '=', 'authority')
    .executeTakeFirst();
  if (!authority) throw notFound('The authority');
  return authority;
}

/** The director's page: every area on every indicator, and how many of its schools cause concern. */
export async function buildAuthorityOverview(context: Context, periodId: string): Promise<AuthorityOverview> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'kpi:read');
  const figures = await computedOnce(db, `authority overview ${periodId} ${settings.academicYearStart}`, () =>
    authorityFigures(db, periodId, settings),
  );
  // A caller with a limited scope sees their own areas beside the authority.
  const results: AuthorityOverview['results'] = new Map();
  for (const [code, result] of figures.results)
    results.set(code, {
      authority: result.authority,
      areas: result.areas.filter((a) => canSee(actor, a.org_unit)),
    });
  return {
    generatedOn: context.today,
    period: figures.period,
    authority: figures.authority,
    indicators: figures.indicators,
    results,
    areas: figures.areas.filter((a) => canSee(actor, a.code)),
  };
}

/** Every area on every indicator, for the whole authority: computed once per data version. */
async function authorityFigures(db: Db, periodId: string, settings: Settings) {
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
    results.set(indicator.code, { authority: authorityResult as IndicatorResult, areas });
    concerns.push(...indicatorConcerns(indicator, schools));
  }
  concerns.push(
    ...(await missingDataConcerns(db, indicators, allSchools, period, settings.academicYearStart)),
  );
  const areaOfSchool = await schoolAreas(db);
  const areaList = results.get(indicators[0]?.code ?? '')?.areas ?? [];
  return {
    period,
    authority,
    indicators,
    results,
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
