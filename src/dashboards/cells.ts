// From the KPI capability's results to the dashboards' compact shapes (dashboards/contract.ts): a cell,
// an indicator's heading, a school's row.
import type { SchoolAttention } from '../attention/contract.ts';
import type { IndicatorResult } from '../kpi/contract.ts';
import type { Indicator } from '../kpi/indicators.ts';
import type { findSchools } from '../registry/directory.ts';
import type { Cell, IndicatorHeading, SchoolRow } from './contract.ts';

/**
 * The latest period with a value when the asked-for one has none, for an indicator measured only in
 * some months (assessments: a value in at most half of the series' periods). A monthly figure that is
 * missing stays missing: last month's attendance is no stand-in for a return not sent.
 */
export function latestOf(result: IndicatorResult | undefined): Cell['latest'] {
  if (!result || result.value !== null) return null;
  const measured = result.series.filter((p) => p.value !== null);
  if (measured.length === 0 || measured.length > result.series.length / 2) return null;
  const last = measured.at(-1) as (typeof measured)[number];
  return { period: last.period, value: last.value as number, completeness: last.completeness.rate };
}

export function cellOf(result: IndicatorResult | undefined): Cell {
  return {
    value: result?.value ?? null,
    band: result?.band ?? null,
    trend: result?.trend.direction ?? 'insufficient data',
    arrow: result?.trend.arrow ?? null,
    slope: result?.trend.slope ?? null,
    completeness: result?.completeness.rate ?? null,
    target: result?.target ?? null,
    latest: latestOf(result),
  };
}

export function headingOf(indicator: Indicator): IndicatorHeading {
  const { code, name, unit, decimals, direction, below_target } = indicator;
  // A count (no denominator): a school's figure cannot be set beside its area's total.
  return {
    code,
    name,
    unit,
    decimals,
    direction,
    below_target,
    additive: indicator.denominator.trim() === '1',
  };
}

type RegistrySchool = Awaited<ReturnType<typeof findSchools>>['schools'][number];

/** A school's row on an area's or a trust's page: its registry facts, its cells and its reasons for attention. */
export function schoolRowOf(
  school: RegistrySchool,
  cells: Map<string, Record<string, Cell>>,
  attention: ReadonlyMap<string, SchoolAttention>,
): SchoolRow {
  const mine = attention.get(school.code);
  return {
    code: school.code,
    name: school.name,
    phase: school.phase,
    cluster_code: school.cluster_code,
    headship_status: school.headship_status,
    headteacher: school.headteacher && {
      name: school.headteacher.name,
      role: school.headteacher.role,
      since: school.headteacher.since,
      tenure_years: school.headteacher.tenure_years,
    },
    cells: cells.get(school.code) ?? {},
    severity: mine?.severity ?? null,
    concerns: mine?.reasons ?? [],
  };
}
