// A strategy's measures as the caller reads them: each linked indicator's latest value from the KPI
// roll-up (in periods like its target's: months, terms or years), the trajectory's expected value then,
// and the judgement. Measures of units the caller may not compare with are left out.
import { sql } from 'kysely';
import { canCompareWith } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { type Indicator, listIndicators } from '../kpi/indicators.ts';
import { periodOrLatest } from '../kpi/latest-period.ts';
import { academicYearOf, parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import type { Measure } from './contract.ts';
import { expectedValue, judge } from './trajectory.ts';

/** How far back the latest value is looked for, in periods of the target's kind. */
const LOOK_BACK = 6;

/** The period of the same kind as `like` that holds `month`. */
export function periodHolding(like: string, month: string, academicYearStart: number): string {
  const kind = parsePeriod(like, academicYearStart).type;
  if (kind === 'month') return month;
  if (kind === 'calendar_year') return month.slice(0, 4);
  const year = academicYearOf(month, academicYearStart);
  if (kind === 'academic_year') return year;
  const term = (['T1', 'T2', 'T3'] as const).find((t) =>
    parsePeriod(`${year}${t}`, academicYearStart).months.includes(month),
  );
  return `${year}${term}`;
}

interface MeasureRow {
  id: number;
  strand_id: number | null;
  action_id: number | null;
  indicator_id: number;
  unit_code: string;
  unit_name: string;
  baseline_value: number;
  baseline_period: string;
  target_value: number;
  target_period: string;
  trajectory: Measure['trajectory'];
  tolerance: number;
}

/**
 * The measures of a strategy (or of one action), those the caller may compare with, in id order. With
 * `asOf`, each is judged on its latest value up to that day's month, as the plan then would have shown.
 */
export async function readMeasures(
  context: Context,
  where: { strategyId: number } | { actionId: number },
  options: { asOf?: string } = {},
): Promise<Measure[]> {
  const { db, actor } = context;
  const rows = await db
    .selectFrom('strategy_measure as m')
    .innerJoin('org_unit as u', 'u.id', 'm.org_unit_id')
    .select([
      'm.id',
      'm.strand_id',
      'm.action_id',
      'm.indicator_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'm.baseline_value',
      'm.baseline_period',
      'm.target_value',
      'm.target_period',
      'm.trajectory',
      'm.tolerance',
    ])
    .where(
      'strategyId' in where
        ? sql<boolean>`m.strategy_id = ${where.strategyId}`
        : sql<boolean>`m.action_id = ${where.actionId}`,
    )
    .orderBy('m.id')
    .execute();
  const shown = rows.filter((r) => canCompareWith(actor, r.unit_code));
  if (shown.length === 0) return [];
  const indicators = new Map((await listIndicators(db)).map((i) => [i.id, i]));
  const dataMonth = await periodOrLatest(context, undefined);
  const asOfMonth = options.asOf?.slice(0, 7);
  const latestMonth = asOfMonth !== undefined && asOfMonth < dataMonth ? asOfMonth : dataMonth;
  return Promise.all(
    shown.map((row) => judged(context, row, indicators.get(row.indicator_id) as Indicator, latestMonth)),
  );
}

async function judged(context: Context, row: MeasureRow, indicator: Indicator, latestMonth: string) {
  const { academicYearStart } = context.settings;
  const period = parsePeriod(
    periodHolding(row.target_period, latestMonth, academicYearStart),
    academicYearStart,
  );
  const [result] = await rollupIndicator(context.db, indicator, { codes: [row.unit_code] }, period, {
    academicYearStart,
    seriesPeriods: LOOK_BACK,
  });
  const point = [...(result?.series ?? [])].reverse().find((p) => p.value !== null);
  const latest = point?.value != null ? { period: point.period, value: point.value } : null;
  const expected = latest
    ? expectedValue(
        {
          baselineValue: row.baseline_value,
          baselinePeriod: row.baseline_period,
          targetValue: row.target_value,
          targetPeriod: row.target_period,
          trajectory: row.trajectory,
        },
        latest.period,
        academicYearStart,
      )
    : null;
  return {
    id: row.id,
    strand_id: row.strand_id,
    action_id: row.action_id,
    indicator: {
      code: indicator.code,
      name: indicator.name,
      unit: indicator.unit,
      decimals: indicator.decimals,
      direction: indicator.direction,
    },
    org_unit: { code: row.unit_code, name: row.unit_name },
    baseline_value: row.baseline_value,
    baseline_period: row.baseline_period,
    target_value: row.target_value,
    target_period: row.target_period,
    trajectory: row.trajectory,
    tolerance: row.tolerance,
    latest,
    expected,
    judgement:
      expected === null
        ? 'no_data'
        : judge(latest?.value ?? null, expected, indicator.direction, row.tolerance),
  } satisfies Measure;
}
