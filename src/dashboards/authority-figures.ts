// The director's figures: every area on every indicator beside the authority, and how many of each
// area's schools need attention (the attention model's). The overview page and the authority's report
// pack both read them.

import { schoolsNeedingAttention } from '../attention/attention.ts';
import type { Attention } from '../attention/contract.ts';
import { canSee, requirePermission } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import type { IndicatorResult } from '../kpi/contract.ts';
import { type Indicator, listIndicators } from '../kpi/indicators.ts';
import { type Period, parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { rollupIndicators } from '../kpi/rollup.ts';
import { authorityRoot } from '../registry/queries.ts';

export interface AuthorityOverview {
  generatedOn: string;
  period: Period;
  authority: { code: string; name: string };
  indicators: Indicator[];
  /** Per indicator code: the authority's result and each area's. */
  results: Map<string, { authority: IndicatorResult; areas: IndicatorResult[] }>;
  /** Each area with how many of its schools need attention and their reasons (the attention model's). */
  areas: { code: string; name: string; concerns: number; schoolsOfConcern: number }[];
  attention: Attention;
}

export async function authorityUnit(db: Db) {
  const authority = await authorityRoot(db);
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
  const attention = await schoolsNeedingAttention(context, { period: periodId });
  const reasonsIn = new Map<string, number>();
  for (const s of attention.schools)
    if (s.area) reasonsIn.set(s.area, (reasonsIn.get(s.area) ?? 0) + s.reasons.length);
  const needingIn = new Map(attention.areas.map((a) => [a.code, a.needing_attention]));
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
    areas: figures.areas
      .filter((a) => canSee(actor, a.code))
      .map((a) => ({
        ...a,
        concerns: reasonsIn.get(a.code) ?? 0,
        schoolsOfConcern: needingIn.get(a.code) ?? 0,
      })),
    attention,
  };
}

/** Every area on every indicator, for the whole authority: computed once per data version. */
async function authorityFigures(db: Db, periodId: string, settings: Settings) {
  const authority = await authorityUnit(db);
  const period = parsePeriod(periodId, settings.academicYearStart);
  const indicators = await listIndicators(db);
  const options = { academicYearStart: settings.academicYearStart };
  const results: AuthorityOverview['results'] = new Map();
  const [authorityUnits, areaUnits] = await Promise.all([
    resolveUnits(db, { codes: [authority.code] }),
    resolveUnits(db, { level: 'area' }),
  ]);
  const [authorityResults, areaResults] = await Promise.all([
    rollupIndicators(db, indicators, authorityUnits, period, options),
    rollupIndicators(db, indicators, areaUnits, period, options),
  ]);
  for (const indicator of indicators) {
    const [authorityResult] = authorityResults.get(indicator.code) as IndicatorResult[];
    const areas = areaResults.get(indicator.code) as IndicatorResult[];
    results.set(indicator.code, { authority: authorityResult as IndicatorResult, areas });
  }
  const areaList = results.get(indicators[0]?.code ?? '')?.areas ?? [];
  return {
    period,
    authority,
    indicators,
    results,
    areas: areaList.map((a) => ({ code: a.org_unit, name: a.name, concerns: 0, schoolsOfConcern: 0 })),
  };
}
