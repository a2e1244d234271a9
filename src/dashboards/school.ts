// A school's profile figures: each indicator over twelve months beside its area, the authority and
// the target, with band and trend, and why the school needs attention (the attention model's reasons).

import { attentionOf } from '../attention/attention.ts';
import { requirePermission, requireVisible } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { listIndicators } from '../kpi/indicators.ts';
import { periodOrLatest } from '../kpi/latest-period.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { ancestorsOf, orgUnitByCode } from '../registry/queries.ts';
import { isStageIndicator } from '../value-added/catalogue.ts';
import { cellOf, headingOf } from './cells.ts';
import type { SchoolDashboard } from './contract.ts';

const PROFILE_MONTHS = 12;

export async function schoolDashboard(
  context: Context,
  code: string,
  periodId: string | undefined,
): Promise<SchoolDashboard> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'kpi:read');
  requireVisible(actor, code, `School ${code}`);
  const periodOrDefault = await periodOrLatest(context, periodId);
  const [figures, attention] = await Promise.all([
    computedOnce(db, `school profile ${code} ${periodOrDefault} ${settings.academicYearStart}`, () =>
      schoolFigures(db, code, periodOrDefault, settings),
    ),
    attentionOf(context, code, periodOrDefault),
  ]);
  return {
    ...figures,
    attention: {
      severity: attention?.severity ?? null,
      rank: attention?.rank ?? null,
      reasons: attention?.reasons ?? [],
    },
  };
}

const hasValue = (r: { value: number | null; series: { value: number | null }[] }) =>
  r.value !== null || r.series.some((s) => s.value !== null);

/** A school's profile as anyone allowed to see it sees it: computed once per data version. */
async function schoolFigures(
  db: Db,
  code: string,
  periodId: string,
  settings: Settings,
): Promise<Omit<SchoolDashboard, 'attention'>> {
  const school = await orgUnitByCode(db, code);
  if (school?.level !== 'school') throw notFound(`School ${code}`);
  const ancestors = await ancestorsOf(db, school.id);
  const area = ancestors.find((a) => a.level === 'area');
  const authority = ancestors.find((a) => a.level === 'authority');
  const period = parsePeriod(periodId, settings.academicYearStart);
  const comparisons = [area, authority].filter((u) => u !== undefined).map((u) => u.code);
  const units = await resolveUnits(db, { codes: [code, ...comparisons] });
  const indicators = await listIndicators(db);
  const options = {
    academicYearStart: settings.academicYearStart,
    seriesPeriods: period.type === 'month' ? PROFILE_MONTHS : undefined,
  };
  const sections = [];
  for (const indicator of indicators) {
    const results = await rollupIndicator(db, indicator, units, period, options);
    const mine = results.find((r) => r.org_unit === code);
    const seriesOf = (unit: string | undefined) =>
      results.find((r) => r.org_unit === unit)?.series.map((s) => ({ period: s.period, value: s.value })) ??
      [];
    // A stage's results belong on the pages of schools with pupils in that stage: a primary school's
    // page has no KS4 rows, and no stage shows a measure it does not publish (NEET for KS2).
    if (isStageIndicator(indicator.code) && !results.some((r) => r.org_unit === code && hasValue(r)))
      continue;
    sections.push({
      indicator: headingOf(indicator),
      school: cellOf(mine),
      area: cellOf(results.find((r) => r.org_unit === area?.code)),
      authority: cellOf(results.find((r) => r.org_unit === authority?.code)),
      series: { school: seriesOf(code), area: seriesOf(area?.code), authority: seriesOf(authority?.code) },
    });
  }
  return {
    period: period.id,
    school: { code: school.code, name: school.name },
    area: area ?? null,
    authority: authority ?? null,
    indicators: sections,
  };
}
