// Gathers what an area's monthly performance pack shows: the area against the authority and target on
// each indicator over twelve months, its schools with bands and trends, who is improving or declining,
// the causes for concern and data completeness. Also the director's overview of every area.
import { type Actor, canSee, requirePermission, requireVisible } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { type Concern, indicatorConcerns, missingDataConcerns, sortConcerns } from '../kpi/concerns.ts';
import { type Indicator, listIndicators } from '../kpi/indicators.ts';
import { type Period, parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { type IndicatorResult, rollupIndicators } from '../kpi/rollup.ts';

export const CHART_MONTHS = 12;

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
): Promise<AreaPack> {
  requirePermission(actor, 'kpi:read');
  requireVisible(actor, areaCode, `Area ${areaCode}`);
  const figures = await computedOnce(
    db,
    `area pack ${areaCode} ${periodId} ${settings.academicYearStart}`,
    () => areaPackFigures(db, areaCode, periodId, settings),
  );
  return { generatedOn, ...figures };
}

/** An area's pack as anyone allowed to see it sees it: computed once per data version, never changed after. */
async function areaPackFigures(
  db: Db,
  areaCode: string,
  periodId: string,
  settings: Settings,
): Promise<Omit<AreaPack, 'generatedOn'>> {
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
  const [areaUnit, authorityUnits, areaSchools] = await Promise.all([
    resolveUnits(db, { codes: [area.code] }),
    resolveUnits(db, { codes: [authority.code] }),
    resolveUnits(db, { schoolsUnder: area.code }),
  ]);
  const [areaResults, authorityResults, schoolResults] = await Promise.all([
    rollupIndicators(db, indicators, areaUnit, period, options),
    rollupIndicators(db, indicators, authorityUnits, period, options),
    rollupIndicators(db, indicators, areaSchools, period, {
      academicYearStart: settings.academicYearStart,
    }),
  ]);
  for (const indicator of indicators) {
    const [areaResult] = areaResults.get(indicator.code) as IndicatorResult[];
    const [authorityResult] = authorityResults.get(indicator.code) as IndicatorResult[];
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
    generatedOn,
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
