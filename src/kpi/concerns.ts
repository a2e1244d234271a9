// Causes for concern: a school is flagged when an indicator is red for two periods running, when it is
// declining by more than the indicator's concern_drop over the trend window, or when it has sent no
// data for two periods. Each flag names the rule, the indicator and the figures behind it.
import type { Db } from '../db/types.ts';
import { describesNoSchool } from './computed-elements.ts';
import type { Concern, IndicatorResult } from './contract.ts';
import { bandOf, formatValue, type Indicator } from './indicators.ts';
import { type Period, shiftPeriod } from './periods.ts';
import { reportingCounts, resolveUnits, type UnitSelector } from './queries.ts';
import { rollupIndicator } from './rollup.ts';
import type { ResolvedUnits } from './unit-totals.ts';

/** A value with its unit, for a sentence: "87.9%", "31.0 pupils". */
const shown = (indicator: Indicator, value: number | null) =>
  value === null
    ? 'no value'
    : `${formatValue(indicator, value)}${indicator.unit === '%' ? '' : ` ${indicator.unit}`}`.trim();

/** Concerns that follow from one indicator's results for schools (with their trend windows). */
export function indicatorConcerns(indicator: Indicator, results: IndicatorResult[]): Concern[] {
  // The challenges log's measures describe how work is run, a percentile of schools no one school.
  if (describesNoSchool(indicator)) return [];
  const concerns: Concern[] = [];
  for (const r of results) {
    const [previous, current] = r.series.slice(-2);
    if (previous && current && r.band === 'red' && bandOf(indicator, previous.value) === 'red') {
      concerns.push({
        school: r.org_unit,
        school_name: r.name,
        rule: 'red_two_periods',
        indicator: indicator.code,
        period: r.period,
        figures: { [previous.period]: previous.value, [current.period]: current.value, red: indicator.red },
        reason: `${indicator.name} red in ${previous.period} (${shown(indicator, previous.value)}) and ${current.period} (${shown(indicator, current.value)})`,
      });
    }
    if (indicator.concern_drop !== null && r.trend.direction === 'declining' && r.trend.slope !== null) {
      const drop = Math.abs(r.trend.slope) * (r.trend.periods - 1);
      if (drop > indicator.concern_drop) {
        concerns.push({
          school: r.org_unit,
          school_name: r.name,
          rule: 'declining',
          indicator: indicator.code,
          period: r.period,
          figures: {
            slope_per_period: r.trend.slope,
            periods: r.trend.periods,
            drop,
            concern_drop: indicator.concern_drop,
          },
          reason: `${indicator.name} declining by ${drop.toFixed(indicator.decimals)} ${indicator.unit === '%' ? 'points' : indicator.unit} over ${r.trend.periods} periods (Theil-Sen slope ${r.trend.slope.toFixed(2)} per period)`,
        });
      }
    }
  }
  return concerns;
}

/** Schools with no value for any element in this period and the one before. */
async function missingDataConcerns(
  db: Db,
  indicators: Indicator[],
  schools: UnitSelector | ResolvedUnits,
  period: Period,
  academicYearStart: number,
): Promise<Concern[]> {
  const previous = shiftPeriod(period, -1, academicYearStart);
  const allElements = [...new Set(indicators.flatMap((i) => i.elements))];
  const resolved = 'unitCodes' in schools ? schools : await resolveUnits(db, schools);
  const counts = await reportingCounts(db, resolved, allElements, [previous, period]);
  const silentPeriods = new Map<string, number>();
  for (const c of counts) {
    if (c.expected > 0 && c.reported === 0)
      silentPeriods.set(c.unit_code, (silentPeriods.get(c.unit_code) ?? 0) + 1);
  }
  const silent = [...silentPeriods].filter(([, n]) => n === 2).map(([code]) => code);
  if (silent.length === 0) return [];
  const names = await db
    .selectFrom('org_unit')
    .select(['code', 'name'])
    .where('code', 'in', silent)
    .execute();
  return names.map((school) => ({
    school: school.code,
    school_name: school.name,
    rule: 'missing_data' as const,
    indicator: null,
    period: period.id,
    figures: { periods_without_data: 2 },
    reason: `no data for ${previous.id} or ${period.id}`,
  }));
}

function sortConcerns(concerns: Concern[]): Concern[] {
  return concerns.sort(
    (a, b) =>
      a.school_name.localeCompare(b.school_name) ||
      a.school.localeCompare(b.school) ||
      a.rule.localeCompare(b.rule) ||
      (a.indicator ?? '').localeCompare(b.indicator ?? ''),
  );
}

export async function findConcerns(
  db: Db,
  indicators: Indicator[],
  schools: UnitSelector,
  period: Period,
  academicYearStart: number,
): Promise<Concern[]> {
  const concerns: Concern[] = [];
  const resolved = await resolveUnits(db, schools);
  for (const indicator of indicators) {
    const results = await rollupIndicator(db, indicator, resolved, period, { academicYearStart });
    concerns.push(...indicatorConcerns(indicator, results));
  }
  concerns.push(...(await missingDataConcerns(db, indicators, resolved, period, academicYearStart)));
  return sortConcerns(concerns);
}
