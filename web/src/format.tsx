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

/** A change with its sign (+1.5, -0.3), or a dash when there is none. */
export const signed = (x: number | null, digits = 1) =>
  x === null ? '–' : `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;

const arrows: Record<Cell['trend'], string | null> = {
  improving: '▲',
  declining: '▼',
  stable: '▶',
  'insufficient data': null,
};

function Trend({ direction }: { direction: Cell['trend'] }) {
  const arrow = arrows[direction];
  if (!arrow) return null;
  return (
    <span className={`trend ${direction}`} title={direction}>
      <span aria-hidden="true">{arrow}</span>
      <span className="sr-only">{direction}</span>
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
  if (!cell || cell.value === null) return <span className="muted">no data</span>;
  return (
    <>
      <span className={`band ${cell.band ?? 'none'}`}>
        {formatValue(heading, cell.value)}
        {cell.band && <span className="sr-only"> ({cell.band})</span>}
      </span>{' '}
      <Trend direction={cell.trend} />
    </>
  );
}

export const bandOrder: Record<Band, number> = { red: 0, amber: 1, green: 2 };
