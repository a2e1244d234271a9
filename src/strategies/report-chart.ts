// A measure's chart for the termly report, drawn by Observable Plot on the server into SVG: the
// trajectory from baseline to target, the tolerance band on the side that counts as off track, and the
// actual values by period up to the term's end.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
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
  // One category axis: the baseline, the periods with values, the target, in time order.
  const periods = [
    ...new Set([measure.baseline_period, ...measure.series.map((p) => p.period), measure.target_period]),
  ].sort();
  const sign = measure.indicator.direction === 'higher' ? -1 : 1;
  const line = periods.map((period) => {
    const expected = expectedValue(plan, period, academicYearStart);
    return { period, expected, edge: expected + sign * measure.tolerance };
  });
  const actual = measure.series.filter((p) => p.value !== null);
  const chart = Plot.plot({
    document: document as unknown as Document,
    width: 340,
    height: 180,
    marginLeft: 44,
    marginBottom: 34,
    style: { fontSize: '10px', background: 'transparent' },
    x: { type: 'point', domain: periods, label: null, tickRotate: -20 },
    y: { grid: true, label: measure.indicator.unit, nice: true },
    marks: [
      Plot.areaY(line, { x: 'period', y1: 'expected', y2: 'edge', fill: '#2f7d32', fillOpacity: 0.15 }),
      Plot.line(line, { x: 'period', y: 'expected', stroke: '#2f7d32', strokeDasharray: '5,3' }),
      Plot.line(actual, { x: 'period', y: 'value', stroke: '#123a63', strokeWidth: 2 }),
      Plot.dot(actual, { x: 'period', y: 'value', fill: '#123a63', r: 2.5 }),
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
