// Causes for concern: a school is flagged when an indicator is red for two periods running, when it is
// declining by more than the indicator's concern_drop over the trend window, or when it has sent no
// data for two periods. Each flag names the rule, the indicator and the figures behind it.
import type { Db } from '../db/types.ts';
import { bandOf, type Indicator } from './indicators.ts';
import { type Period, shiftPeriod } from './periods.ts';
import { reportingCounts, type UnitSelector } from './queries.ts';
import { type IndicatorResult, rollupIndicator } from './rollup.ts';

export interface Concern {
  school: string;
  school_name: string;
  rule: 'red_two_periods' | 'declining' | 'missing_data';
  indicator: string | null;
  period: string;
  figures: Record<string, number | string | null>;
  reason: string;
}

const shown = (indicator: Indicator, value: number | null) =>
  value === null
    ? 'no value'
    : `${value.toFixed(indicator.decimals)}${indicator.unit === '%' ? '%' : ` ${indicator.unit}`}`.trim();

/** Concerns that follow from one indicator's results for schools (with their trend windows). */
export function indicatorConcerns(indicator: Indicator, results: IndicatorResult[]): Concern[] {
  const concerns: Concern[] = [];
  for (const r of results) {
    const [previous, current] = r.series.slice(-2);
    if (previous && current && r.band === 'red') {
      if (bandOf(indicator, previous.value) === 'red') {
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

export async function findConcerns(
  db: Db,
  indicators: Indicator[],
  schools: UnitSelector,
  period: Period,
  academicYearStart: number,
): Promise<Concern[]> {
  const concerns: Concern[] = [];
  for (const indicator of indicators) {
    const results = await rollupIndicator(db, indicator, schools, period, { academicYearStart });
    concerns.push(...indicatorConcerns(indicator, results));
  }
  // Missing data: no value for any element in this period and the one before.
  const previous = shiftPeriod(period, -1, academicYearStart);
  const allElements = [...new Set(indicators.flatMap((i) => i.elements))];
  const counts = await reportingCounts(db, schools, allElements, [previous, period]);
  const silent = new Map<string, number>();
  for (const c of counts)
    if (c.expected > 0 && c.reported === 0) silent.set(c.unit_code, (silent.get(c.unit_code) ?? 0) + 1);
  const names = new Map<string, string>();
  if (silent.size > 0) {
    const rows = await db
      .selectFrom('org_unit')
      .select(['code', 'name'])
      .where('code', 'in', [...silent.keys()])
      .execute();
    for (const r of rows) names.set(r.code, r.name);
  }
  for (const [school, periods] of silent) {
    if (periods < 2) continue;
    concerns.push({
      school,
      school_name: names.get(school) ?? school,
      rule: 'missing_data',
      indicator: null,
      period: period.id,
      figures: { periods_without_data: 2 },
      reason: `no data for ${previous.id} or ${period.id}`,
    });
  }
  return concerns.sort(
    (a, b) =>
      a.school_name.localeCompare(b.school_name) ||
      a.school.localeCompare(b.school) ||
      a.rule.localeCompare(b.rule),
  );
}
