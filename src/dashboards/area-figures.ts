// What an area's page and its monthly performance pack show: the area against the authority and target
// on each indicator over twelve months, its schools with bands and trends, who is improving or
// declining, the schools needing attention (the attention model's) and data completeness.

import { schoolsNeedingAttention } from '../attention/attention.ts';
import type { Attention } from '../attention/contract.ts';
import { requirePermission, requireVisible } from '../auth/actor.ts';
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
import { authorityUnit } from './authority-figures.ts';

const CHART_MONTHS = 12;

interface IndicatorSection {
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
  /** The area's watchlist from the attention model: its schools needing attention and its counts. */
  attention: Attention;
}

export async function buildAreaPack(context: Context, areaCode: string, periodId: string): Promise<AreaPack> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'kpi:read');
  requireVisible(actor, areaCode, `Area ${areaCode}`);
  const figures = await computedOnce(
    db,
    `area pack ${areaCode} ${periodId} ${settings.academicYearStart}`,
    () => areaPackFigures(db, areaCode, periodId, settings),
  );
  const attention = await schoolsNeedingAttention(context, { period: periodId, area: areaCode });
  return { generatedOn: context.today, ...figures, attention };
}

/** An area's pack as anyone allowed to see it sees it: computed once per data version, never changed after. */
async function areaPackFigures(
  db: Db,
  areaCode: string,
  periodId: string,
  settings: Settings,
): Promise<Omit<AreaPack, 'generatedOn' | 'attention'>> {
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
  }
  return {
    period,
    area: { code: area.code, name: area.name },
    authority,
    sections,
  };
}
