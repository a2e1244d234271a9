// An indicator for org units and a period: numerator and denominator from element totals summed over
// the schools beneath (never the mean of school ratios), with band, target, completeness and trend.
import { computedOnceEach } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import type { IndicatorResult, PeriodValue } from './contract.ts';
import { evaluate } from './expression.ts';
import { bandOf, type Indicator } from './indicators.ts';
import { academicYearOf, type Period, periodsEndingWith } from './periods.ts';
import {
  elementTotals,
  reportingCountsEach,
  resolveUnits,
  targetsEach,
  type UnitSelector,
} from './queries.ts';
import { trendOf } from './trend.ts';
import type { ResolvedUnits } from './unit-totals.ts';

export interface RollupOptions {
  academicYearStart: number;
  /** Periods in the trend window, the period itself included (default: 6 months, 3 terms or 3 years). */
  trendPeriods?: number;
  /** Periods in the returned series, for charts (default: the trend window). */
  seriesPeriods?: number;
}

function defaultTrendPeriods(period: Period): number {
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
  const results = await rollupIndicators(db, [indicator], selector, period, options);
  return results.get(indicator.code) as IndicatorResult[];
}

/**
 * Several indicators for the same units, by indicator code: what rollupIndicator gives for each, with
 * the units and indicators nobody has asked for yet computed together (one query for all their elements,
 * one for the completeness of every indicator's elements, one for their targets).
 */
export async function rollupIndicators(
  db: Db,
  indicators: Indicator[],
  selector: UnitSelector | ResolvedUnits,
  period: Period,
  options: RollupOptions,
): Promise<Map<string, IndicatorResult[]>> {
  const resolved = 'unitCodes' in selector ? selector : await resolveUnits(db, selector);
  const asks = indicators.flatMap((indicator) => {
    const { parsed: _parsed, elements: _elements, ...definition } = indicator;
    const asked = askedId(JSON.stringify([definition, period.id, options]));
    return resolved.units.map((unit) => ({
      key: `rollup ${unit.level}${unit.phase ? ` ${unit.phase}` : ''} ${unit.code} ${asked}`,
      indicator,
      unit,
    }));
  });
  const results = await computedOnceEach(
    db,
    asks.map((a) => a.key),
    async (missing) => {
      const wanted = new Set(missing);
      const todo = asks.filter((a) => wanted.has(a.key));
      const units = new Set(todo.map((a) => a.unit.code));
      const computed = await computeRollups(
        db,
        [...new Set(todo.map((a) => a.indicator))],
        onlyUnits(resolved, units),
        period,
        options,
      );
      return new Map(
        todo.map((a) => [a.key, computed.get(a.indicator.code)?.get(a.unit.code) as IndicatorResult]),
      );
    },
  );
  // Every indicator asked for has its list, empty when the selector names no unit (a map of no schools).
  const byIndicator = new Map<string, IndicatorResult[]>(indicators.map((i) => [i.code, []]));
  for (const a of asks) byIndicator.get(a.indicator.code)?.push(results.get(a.key) as IndicatorResult);
  return byIndicator;
}

// Each distinct question (an indicator's definition, the period and the options) by a short number, so
// that the keys of 375,000 results (every school on every indicator, national size) stay short.
const askedIds = new Map<string, number>();
function askedId(asked: string): number {
  let id = askedIds.get(asked);
  if (id === undefined) {
    id = askedIds.size;
    askedIds.set(asked, id);
  }
  return id;
}

/** The units with these codes, in the same order, with the schools beneath them. */
function onlyUnits(resolved: ResolvedUnits, codes: Set<string>): ResolvedUnits {
  const units = resolved.units.filter((unit) => codes.has(unit.code));
  if (units.length === resolved.units.length) return resolved;
  const pairs = resolved.unitCodes.flatMap((code, i) => (codes.has(code) ? [i] : []));
  return {
    units,
    unitCodes: pairs.map((i) => resolved.unitCodes[i] as string),
    schoolIds: pairs.map((i) => resolved.schoolIds[i] as number),
  };
}

/** Each indicator's result for each unit: by indicator code, then by unit code. */
async function computeRollups(
  db: Db,
  indicators: Indicator[],
  resolved: ResolvedUnits,
  period: Period,
  options: RollupOptions,
): Promise<Map<string, Map<string, IndicatorResult>>> {
  const trendPeriods = options.trendPeriods ?? defaultTrendPeriods(period);
  const window = periodsEndingWith(
    period,
    Math.max(trendPeriods, options.seriesPeriods ?? 0),
    options.academicYearStart,
  );
  const units = resolved.units;
  const [totals, counts, targets] = await Promise.all([
    elementTotals(db, resolved, [...new Set(indicators.flatMap((i) => i.elements))], window),
    reportingCountsEach(
      db,
      resolved,
      indicators.map((i) => i.elements),
      window,
    ),
    targetsEach(
      db,
      indicators.map((i) => i.id),
      academicYearOf(period.months.at(-1) as string, options.academicYearStart),
      units.map((u) => u.code),
    ),
  ]);

  // Looked up by unit, then period: a page of every school asks 100,000 times.
  const totalsBy = new Map<string, Map<string, Map<string, number>>>();
  for (const t of totals)
    entry(
      entry(totalsBy, t.unit_code, () => new Map()),
      t.period,
      () => new Map(),
    ).set(t.element, t.total);
  const none = new Map<string, number>();

  return new Map(
    indicators.map((indicator, i) => {
      const countsBy = byUnitAndPeriod(counts[i] ?? []);
      const indicatorTargets = targets.get(indicator.id);
      const results = units.map((unit): [string, IndicatorResult] => {
        const unitTotals = totalsBy.get(unit.code);
        const unitCounts = countsBy.get(unit.code);
        const series = window.map((p): PeriodValue => {
          const elementValues = unitTotals?.get(p.id) ?? none;
          const numerator = evaluate(indicator.parsed.numerator, elementValues);
          const denominator = evaluate(indicator.parsed.denominator, elementValues);
          const value =
            numerator === null || denominator === null || denominator === 0
              ? null
              : (indicator.factor * numerator) / denominator;
          const count = unitCounts?.get(p.id);
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
        return [
          unit.code,
          {
            indicator: indicator.code,
            org_unit: unit.code,
            name: unit.name,
            level: unit.level,
            ...current,
            band: bandOf(indicator, current.value, indicatorTargets?.get(unit.code) ?? null),
            target: indicatorTargets?.get(unit.code) ?? null,
            trend: trendOf(
              series.slice(-trendPeriods).map((s) => s.value),
              indicator.direction,
              indicator.stable_slope,
            ),
            series,
          },
        ];
      });
      return [indicator.code, new Map(results)];
    }),
  );
}

function byUnitAndPeriod<T extends { unit_code: string; period: string }>(
  rows: T[],
): Map<string, Map<string, T>> {
  const map = new Map<string, Map<string, T>>();
  for (const row of rows) entry(map, row.unit_code, () => new Map()).set(row.period, row);
  return map;
}

/** The map's value for the key, made and kept if it has none. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
