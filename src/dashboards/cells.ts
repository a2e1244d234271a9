// The compact shape a dashboard cell takes on the wire: the value with its band, trend and completeness,
// not the full roll-up (a page on a slow link gets what it shows and no more).
import type { Concern } from '../kpi/concerns.ts';
import type { Indicator } from '../kpi/indicators.ts';
import type { IndicatorResult } from '../kpi/rollup.ts';
import type { Trend } from '../kpi/trend.ts';
import type { findSchools } from '../registry/directory.ts';

export interface Cell {
  value: number | null;
  band: 'red' | 'amber' | 'green' | null;
  trend: Trend['direction'];
  slope: number | null;
  completeness: number | null;
  target: number | null;
}

export function cellOf(result: IndicatorResult | undefined): Cell {
  return {
    value: result?.value ?? null,
    band: result?.band ?? null,
    trend: result?.trend.direction ?? 'insufficient data',
    slope: result?.trend.slope ?? null,
    completeness: result?.completeness.rate ?? null,
    target: result?.target ?? null,
  };
}

export interface IndicatorHeading {
  code: string;
  name: string;
  unit: string;
  decimals: number;
  direction: 'higher' | 'lower';
  /** A count (no denominator): a school's figure cannot be set beside its area's total. */
  additive: boolean;
}

export function headingOf(indicator: Indicator): IndicatorHeading {
  const { code, name, unit, decimals, direction } = indicator;
  return { code, name, unit, decimals, direction, additive: indicator.denominator.trim() === '1' };
}

type RegistrySchool = Awaited<ReturnType<typeof findSchools>>['schools'][number];

/** A school's row on an area's or a trust's page: its registry facts, its cells and its concerns. */
export function schoolRowOf(
  school: RegistrySchool,
  cells: Map<string, Record<string, Cell>>,
  concerns: readonly Pick<Concern, 'school' | 'rule' | 'indicator' | 'reason'>[],
) {
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
    concerns: concerns
      .filter((c) => c.school === school.code)
      .map((c) => ({ rule: c.rule, indicator: c.indicator, reason: c.reason })),
  };
}
