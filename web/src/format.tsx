// How figures are shown: a value in its indicator's decimals and unit, its band in words as well as
// colour (colour alone does not tell everyone), and the trend as an arrow with its meaning spelled out.
import type { Cell, IndicatorHeading } from '../../src/dashboards/contract.ts';
import type { Band } from '../../src/kpi/contract.ts';

export function formatValue(
  heading: Pick<IndicatorHeading, 'decimals' | 'unit'>,
  value: number | null,
): string {
  if (value === null) return '–';
  const number = value.toLocaleString('en-GB', {
    minimumFractionDigits: heading.decimals,
    maximumFractionDigits: heading.decimals,
  });
  return heading.unit === '%' ? `${number}%` : number;
}

/** A share as a percentage to one decimal (0.147 is 14.7%), or "?" when it is not known. */
export const percentOrUnknown = (x: number | null) => (x === null ? '?' : `${(100 * x).toFixed(1)}%`);

/** A change with its sign (+1.5, -0.3), or a dash when there is none. */
export const signed = (x: number | null, digits = 1) =>
  x === null ? '–' : `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;

/**
 * The trend as the API decided it (kpi/trend.ts, the one rule): the arrow is the way the value moved,
 * the word and its colour whether that is better. Both shown, so "▲ declining" reads as "rose, worse".
 */
function Trend({ cell }: { cell: Pick<Cell, 'trend' | 'arrow'> }) {
  if (!cell.arrow || cell.trend === 'insufficient data') return null;
  const moved = cell.arrow === '▲' ? 'rising' : cell.arrow === '▼' ? 'falling' : 'level';
  return (
    <span className={`trend ${cell.trend}`} title={`${moved}, ${cell.trend}`}>
      <span aria-hidden="true">{cell.arrow}</span>
      <span className="sr-only">{`${moved}, ${cell.trend}`}</span>
    </span>
  );
}

const monthName = (period: string) =>
  /^\d{4}-\d{2}$/.test(period)
    ? new Date(`${period}-01T00:00:00Z`).toLocaleDateString('en-GB', {
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : period;

/** No figure for the period, but an earlier one (an assessment month): that, with its date, not "no data". */
function LatestValue({
  heading,
  latest,
}: {
  heading: Pick<IndicatorHeading, 'decimals' | 'unit'>;
  latest: NonNullable<Cell['latest']>;
}) {
  return (
    <span className="latest" title={`No figure for this period; the latest, ${latest.period}`}>
      {formatValue(heading, latest.value)} <small className="muted">{monthName(latest.period)}</small>
    </span>
  );
}

export function BandedValue({
  heading,
  cell,
}: {
  heading: Pick<IndicatorHeading, 'decimals' | 'unit'>;
  cell: Cell | undefined;
}) {
  if (cell?.value === null && cell.latest) return <LatestValue heading={heading} latest={cell.latest} />;
  if (!cell || cell.value === null) return <span className="muted">no data</span>;
  return (
    <>
      <span className={`band ${cell.band ?? 'none'}`}>
        {formatValue(heading, cell.value)}
        {cell.band && <span className="sr-only"> ({cell.band})</span>}
      </span>{' '}
      <Trend cell={cell} />
    </>
  );
}

export const bandOrder: Record<Band, number> = { red: 0, amber: 1, green: 2 };
