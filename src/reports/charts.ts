// Charts for reports, drawn by Observable Plot on the server into SVG (with linkedom's document), so a
// pack is one self-contained file that prints and needs no script.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { PeriodValue } from '../kpi/contract.ts';
import type { Indicator } from '../kpi/indicators.ts';

export interface Line {
  label: string;
  series: PeriodValue[];
  dashed?: boolean;
}

/** A small chart of an indicator over months: one line per org unit, the target as a rule. */
export function indicatorChart(indicator: Indicator, lines: Line[], target: number | null): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const points = lines.flatMap((line) =>
    line.series
      .filter((p) => p.value !== null && /^\d{4}-\d{2}$/.test(p.period))
      .map((p) => ({
        label: line.label,
        month: new Date(`${p.period}-01T00:00:00Z`),
        value: p.value as number,
      })),
  );
  const colours = ['#123a63', '#8a8f98'];
  // Ticks on months that have data, at most four, so a short series does not repeat a month's label.
  const months = [...new Set(points.map((p) => p.month.getTime()))]
    .sort((a, b) => a - b)
    .map((t) => new Date(t));
  const step = Math.max(1, Math.ceil(months.length / 4));
  const ticks = months.filter((_, i) => i % step === 0);
  const chart = Plot.plot({
    document: document as unknown as Document,
    width: 320,
    height: 170,
    marginLeft: 42,
    style: { fontSize: '10px', background: 'transparent' },
    x: { type: 'utc', tickFormat: '%b %y', ticks, label: null },
    y: { grid: true, label: indicator.unit === '%' ? '%' : indicator.unit, nice: true },
    color: { domain: lines.map((l) => l.label), range: colours },
    marks: [
      ...(target === null ? [] : [Plot.ruleY([target], { stroke: '#2f7d32', strokeDasharray: '2,3' })]),
      ...lines.map((line, i) =>
        Plot.line(
          points.filter((p) => p.label === line.label),
          {
            x: 'month',
            y: 'value',
            stroke: colours[i % colours.length],
            strokeWidth: 2,
            strokeDasharray: line.dashed ? '5,3' : undefined,
          },
        ),
      ),
      Plot.dot(
        points.filter((p) => p.label === lines[0]?.label),
        { x: 'month', y: 'value', fill: colours[0], r: 2 },
      ),
    ],
  });
  chart.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  chart.setAttribute('role', 'img');
  chart.setAttribute(
    'aria-label',
    `${indicator.name} by month: ${lines.map((l) => l.label).join(' and ')}${target === null ? '' : `, target ${target}`}`,
  );
  return chart.outerHTML;
}
