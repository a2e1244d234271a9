// A measure's chart for the termly report, drawn by Observable Plot on the server into SVG: the
// trajectory from baseline to target, the tolerance band on the side that counts as off track, and the
// actual values by period up to the term's end.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { parsePeriod } from '../kpi/periods.ts';
import type { ReportMeasure } from './report-contract.ts';
import { expectedValue } from './trajectory.ts';

export function trajectoryChart(measure: ReportMeasure, academicYearStart: number): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const plan = {
    baselineValue: measure.baseline_value,
    baselinePeriod: measure.baseline_period,
    targetValue: measure.target_value,
    targetPeriod: measure.target_period,
    trajectory: measure.trajectory,
  };
  // A time axis: each period (month, term or year) placed at its last month, so gaps are to scale.
  const at = (period: string) => {
    const month = parsePeriod(period, academicYearStart).months.at(-1) as string;
    return new Date(`${month}-01T00:00:00Z`);
  };
  const periods = [
    ...new Set([measure.baseline_period, ...measure.series.map((p) => p.period), measure.target_period]),
  ].sort((a, b) => at(a).getTime() - at(b).getTime());
  // The tolerance's edge lies on the worse side: below when higher is better, away from 1 for parity.
  const worseSide = (expected: number) =>
    measure.indicator.direction === 'higher' || (measure.indicator.direction === 'parity' && expected < 1)
      ? -1
      : 1;
  const line = periods.map((period) => {
    const expected = expectedValue(plan, period, academicYearStart);
    return { when: at(period), expected, edge: expected + worseSide(expected) * measure.tolerance };
  });
  const actual = measure.series.filter((p) => p.value !== null).map((p) => ({ ...p, when: at(p.period) }));
  const chart = Plot.plot({
    document: document as unknown as Document,
    width: 340,
    height: 180,
    marginLeft: 44,
    style: { fontSize: '10px', background: 'transparent' },
    x: { type: 'utc', tickFormat: '%b %y', ticks: 4, label: null },
    y: { grid: true, label: measure.indicator.unit, nice: true },
    marks: [
      Plot.areaY(line, { x: 'when', y1: 'expected', y2: 'edge', fill: '#2f7d32', fillOpacity: 0.15 }),
      Plot.line(line, { x: 'when', y: 'expected', stroke: '#2f7d32', strokeDasharray: '5,3' }),
      Plot.line(actual, { x: 'when', y: 'value', stroke: '#123a63', strokeWidth: 2 }),
      Plot.dot(actual, { x: 'when', y: 'value', fill: '#123a63', r: 2.5 }),
    ],
  });
  // One label for the whole chart (below); Plot's per-mark labels are not allowed inside role="img".
  for (const marked of chart.querySelectorAll('[aria-label]')) marked.removeAttribute('aria-label');
  chart.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  chart.setAttribute('role', 'img');
  const values = actual.map((p) => `${p.period} ${p.value}`).join(', ') || 'no values';
  chart.setAttribute(
    'aria-label',
    `${measure.indicator.name} for ${measure.org_unit.name}: trajectory from ${measure.baseline_value} (${measure.baseline_period}) to ${measure.target_value} (${measure.target_period}), tolerance ${measure.tolerance}; actual ${values}`,
  );
  return chart.outerHTML;
}
