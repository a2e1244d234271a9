// An indicator for org units and a period: numerator and denominator from element totals summed over
// the schools beneath (never the mean of school ratios), with band, target, completeness and trend.
import { computedOnceEach } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { evaluate } from './expression.ts';
import { type Band, bandOf, type Indicator } from './indicators.ts';
import { academicYearOf, type Period, periodsEndingWith } from './periods.ts';
import {
  elementTotals,
  type ResolvedUnits,
  reportingCounts,
  resolveUnits,
  targetsFor,
  type UnitRow,
  type UnitSelector,
} from './queries.ts';
import { type Trend, trendOf } from './trend.ts';

export interface Completeness {
  reported: number;
  expected: number;
  /** reported / expected, or null when no school-months were expected. */
  rate: number | null;
}

export interface PeriodValue {
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  completeness: Completeness;
}

export interface IndicatorResult extends PeriodValue {
  indicator: string;
  org_unit: string;
  name: string;
  level: string;
  band: Band | null;
  target: number | null;
  trend: Trend;
  /** The trend window (or the longer series asked for), oldest first, the period itself last. */
  series: PeriodValue[];
}

export interface RollupOptions {
  academicYearStart: number;
  /** Periods in the trend window, the period itself included (default: 6 months, 3 terms or 3 years). */
  trendPeriods?: number;
  /** Periods in the returned series, for charts (default: the trend window). */
  seriesPeriods?: number;
}

export function defaultTrendPeriods(period: Period): number {
  return period.type === 'month' ? 6 : 3;
}

/**
 * An indicator for each unit, in the selector's order. Each unit's result is computed once per data
 * version and shared (the authority's row computed for the overview serves every school's profile);
 * the units nobody has asked for yet are computed together.
 */
export async function rollupIndicator(
  db: Db,
  indicator: Indicator,
  /** Which units; resolve once with resolveUnits when rolling up several indicators for the same units. */
  selector: UnitSelector | ResolvedUnits,
  period: Period,
  options: RollupOptions,
): Promise<IndicatorResult[]> {
  const resolved = 'unitCodes' in selector ? selector : await resolveUnits(db, selector);
  const { parsed: _parsed, elements: _elements, ...definition } = indicator;
  const asked = JSON.stringify([definition, period.id, options]);
  const keyOf = (unit: UnitRow) => `rollup ${unit.level} ${unit.code} ${asked}`;
  const keys = resolved.units.map(keyOf);
  const results = await computedOnceEach(db, keys, async (missing) => {
    const wanted = new Set(missing);
    const rows = await computeRollup(db, indicator, onlyUnits(resolved, wanted, keyOf), period, options);
    return new Map(rows.map((row, i) => [missing[i] as string, row]));
  });
  return keys.map((key) => results.get(key) as IndicatorResult);
}

/** The units whose keys are wanted, in the same order, with the schools beneath them. */
function onlyUnits(
  resolved: ResolvedUnits,
  wanted: Set<string>,
  keyOf: (unit: UnitRow) => string,
): ResolvedUnits {
  const units = resolved.units.filter((unit) => wanted.has(keyOf(unit)));
  if (units.length === resolved.units.length) return resolved;
  const codes = new Set(units.map((u) => u.code));
  const pairs = resolved.unitCodes.flatMap((code, i) => (codes.has(code) ? [i] : []));
  return {
    units,
    unitCodes: pairs.map((i) => resolved.unitCodes[i] as string),
    schoolIds: pairs.map((i) => resolved.schoolIds[i] as number),
  };
}

async function computeRollup(
  db: Db,
  indicator: Indicator,
  resolved: ResolvedUnits,
  period: Period,
  options: RollupOptions,
): Promise<IndicatorResult[]> {
  const trendPeriods = options.trendPeriods ?? defaultTrendPeriods(period);
  const window = periodsEndingWith(
    period,
    Math.max(trendPeriods, options.seriesPeriods ?? 0),
    options.academicYearStart,
  );
  const units = resolved.units;
  const [totals, counts] = await Promise.all([
    elementTotals(db, resolved, indicator.elements, window),
    reportingCounts(db, resolved, indicator.elements, window),
  ]);
  const targets = await targetsFor(
    db,
    indicator.id,
    academicYearOf(period.months.at(-1) as string, options.academicYearStart),
    units.map((u) => u.code),
  );

  const totalsBy = new Map<string, Map<string, number>>();
  for (const t of totals) {
    const key = `${t.unit_code}|${t.period}`;
    if (!totalsBy.has(key)) totalsBy.set(key, new Map());
    totalsBy.get(key)?.set(t.element, t.total);
  }
  const countsBy = new Map(counts.map((c) => [`${c.unit_code}|${c.period}`, c]));

  return units.map((unit) => {
    const series = window.map((p): PeriodValue => {
      const elementValues = totalsBy.get(`${unit.code}|${p.id}`) ?? new Map<string, number>();
      const numerator = evaluate(indicator.parsed.numerator, elementValues);
      const denominator = evaluate(indicator.parsed.denominator, elementValues);
      const value =
        numerator === null || denominator === null || denominator === 0
          ? null
          : (indicator.factor * numerator) / denominator;
      const count = countsBy.get(`${unit.code}|${p.id}`);
      const expected = count?.expected ?? 0;
      const reported = count?.reported ?? 0;
      return {
        period: p.id,
        numerator,
        denominator,
        value,
        completeness: { reported, expected, rate: expected ? reported / expected : null },
      };
    });
    const current = series.at(-1) as PeriodValue;
    return {
      indicator: indicator.code,
      org_unit: unit.code,
      name: unit.name,
      level: unit.level,
      ...current,
      band: bandOf(indicator, current.value),
      target: targets.get(unit.code) ?? null,
      trend: trendOf(
        series.slice(-trendPeriods).map((s) => s.value),
        indicator.direction,
        indicator.stable_slope,
      ),
      series,
    };
  });
}
