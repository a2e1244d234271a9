// The analytics rows as a spreadsheet to download: one row per unit, the figures a person would check
// by hand (the series and the rest of the trend are left to the JSON).
import { type TableFormat, writeTable } from '../tabular/write.ts';
import type { IndicatorResult } from './contract.ts';

const analyticsColumns = [
  'org_unit',
  'name',
  'level',
  'indicator',
  'period',
  'value',
  'numerator',
  'denominator',
  'band',
  'target',
  'trend',
  'trend_slope',
  'reported',
  'expected',
];

const analyticsRow = (r: IndicatorResult) => ({
  org_unit: r.org_unit,
  name: r.name,
  level: r.level,
  indicator: r.indicator,
  period: r.period,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  band: r.band,
  target: r.target,
  trend: r.trend.direction,
  trend_slope: r.trend.slope,
  reported: r.completeness.reported,
  expected: r.completeness.expected,
});

export function analyticsSheet(results: IndicatorResult[], format: TableFormat) {
  return writeTable(analyticsColumns, results.map(analyticsRow), format);
}

export const sheetContentType: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
