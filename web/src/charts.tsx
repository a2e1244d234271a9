// Small SVG charts drawn in the page: a few hundred bytes of markup each and no charting library in the
// bundle, because dashboards must load quickly on a slow link. Every chart has a text alternative and
// the same figures are in a table beside it.
import { Link } from 'react-router';
import type { IndicatorHeading, SchoolPoint, SeriesPoint } from '../../src/dashboards/contract.ts';
import type { Band } from '../../src/kpi/contract.ts';
import type { SchoolValueAdded, ValueAddedBand } from '../../src/value-added/contract.ts';
import { formatValue } from './format.tsx';

const bandColour: Record<Band | 'none', string> = {
  red: '#c0392b',
  amber: '#b7791f',
  green: '#2f855a',
  none: '#767676',
};

interface Line {
  name: string;
  points: SeriesPoint[];
  colour: string;
  dashed?: boolean;
}

const W = 320;
const H = 150;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

/** Lines over the same periods (the first line's), with an optional horizontal target. */
export function LineChart({
  heading,
  lines,
  target,
  label,
}: {
  heading: IndicatorHeading;
  lines: Line[];
  target: number | null;
  label: string;
}) {
  const periods = lines[0]?.points.map((p) => p.period) ?? [];
  const values = lines.flatMap((l) => l.points.map((p) => p.value)).filter((v): v is number => v !== null);
  if (target !== null) values.push(target);
  if (values.length === 0 || periods.length === 0) return <p className="muted">No data to chart.</p>;
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high - low < 1e-9) {
    low -= 1;
    high += 1;
  }
  const span = high - low;
  low -= span * 0.1;
  high += span * 0.1;
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, periods.length - 1);
  const y = (v: number) => PAD.top + ((high - v) * (H - PAD.top - PAD.bottom)) / (high - low);
  const path = (points: SeriesPoint[]) => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      if (p.value === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#949494" />
        <text x={PAD.left - 4} y={y(high - span * 0.1) + 4} textAnchor="end" className="axis">
          {formatValue(heading, high - span * 0.1)}
        </text>
        <text x={PAD.left - 4} y={y(low + span * 0.1) + 4} textAnchor="end" className="axis">
          {formatValue(heading, low + span * 0.1)}
        </text>
        <text x={PAD.left} y={H - 6} className="axis">
          {periods[0]}
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="axis">
          {periods.at(-1)}
        </text>
        {target !== null && (
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(target)}
            y2={y(target)}
            stroke="#6b46c1"
            strokeDasharray="2 3"
          />
        )}
        {lines.map((line) => (
          <path
            key={line.name}
            d={path(line.points)}
            fill="none"
            stroke={line.colour}
            strokeWidth={line.dashed ? 1.5 : 2.5}
            strokeDasharray={line.dashed ? '5 3' : undefined}
          />
        ))}
        {/* A value with no neighbour (a yearly result in a monthly series) draws no line: mark it. */}
        {lines.flatMap((line) =>
          line.points.map((p, i) =>
            p.value !== null &&
            (line.points[i - 1]?.value ?? null) === null &&
            (line.points[i + 1]?.value ?? null) === null ? (
              <circle key={`${line.name}-${p.period}`} cx={x(i)} cy={y(p.value)} r="3" fill={line.colour} />
            ) : null,
          ),
        )}
      </svg>
      <figcaption className="legend">
        {lines.map((line) => (
          <span key={line.name}>
            <svg width="18" height="8" aria-hidden="true">
              <line
                x1="0"
                x2="18"
                y1="4"
                y2="4"
                stroke={line.colour}
                strokeWidth="2.5"
                strokeDasharray={line.dashed ? '5 3' : undefined}
              />
            </svg>{' '}
            {line.name}
          </span>
        ))}
        {target !== null && (
          <span>
            <svg width="18" height="8" aria-hidden="true">
              <line x1="0" x2="18" y1="4" y2="4" stroke="#6b46c1" strokeDasharray="2 3" />
            </svg>{' '}
            target {formatValue(heading, target)}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/**
 * Schools placed by latitude and longitude (no map tiles: there may be no internet), coloured by band.
 * Longitude is scaled by the cosine of the middle latitude so distances look right.
 */
export function SchoolMap({ schools, heading }: { schools: SchoolPoint[]; heading: IndicatorHeading }) {
  if (schools.length === 0) return <p className="muted">No schools with a location.</p>;
  const lats = schools.map((s) => s.lat);
  const lons = schools.map((s) => s.lon);
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const squash = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const width = Math.max(1e-6, (east - west) * squash);
  const height = Math.max(1e-6, north - south);
  const size = 400;
  const scale = size / Math.max(width, height);
  const w = width * scale + 16;
  const h = height * scale + 16;
  const counts = { red: 0, amber: 0, green: 0, none: 0 };
  for (const s of schools) counts[s.band ?? 'none']++;
  const label =
    `${schools.length} schools by location, coloured by ${heading.name}: ` +
    `${counts.green} green, ${counts.amber} amber, ${counts.red} red, ${counts.none} without data`;
  return (
    <figure className="chart map">
      <svg viewBox={`0 0 ${w.toFixed(0)} ${h.toFixed(0)}`} role="img" aria-label={label}>
        <rect width="100%" height="100%" fill="#f7f9fb" />
        {schools.map((s) => (
          <circle
            key={s.code}
            cx={8 + (s.lon - west) * squash * scale}
            cy={8 + (north - s.lat) * scale}
            r={3}
            fill={bandColour[s.band ?? 'none']}
            fillOpacity={0.8}
          >
            <title>
              {s.name}: {formatValue(heading, s.value)}
            </title>
          </circle>
        ))}
      </svg>
      <figcaption className="legend">
        {(['green', 'amber', 'red', 'none'] as const).map((band) => (
          <span key={band}>
            <svg width="10" height="10" aria-hidden="true">
              <circle cx="5" cy="5" r="4" fill={bandColour[band]} />
            </svg>{' '}
            {band === 'none' ? 'no data' : band} ({counts[band]})
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Units ranked by value as horizontal bars, each labelled with its name and figure. */
export function BarChart({
  heading,
  rows,
  linkTo,
  highlight,
}: {
  heading: Pick<IndicatorHeading, 'name' | 'decimals' | 'unit'>;
  rows: { code: string; name: string; value: number | null; band: Band | null }[];
  linkTo?: (code: string) => string | null;
  /** The caller's own units: marked, and shown after the first 40 if they fall below them. */
  highlight?: Set<string>;
}) {
  // Anonymised schools have no code: number them so each bar has a key of its own.
  const valued = rows
    .filter((r) => r.value !== null)
    .map((r, n) => ({ ...r, key: r.code || `anonymous-${n}`, rank: n + 1 }));
  const isOwn = (code: string) => code !== '' && (highlight?.has(code) ?? false);
  const shown = [...valued.slice(0, 40), ...valued.slice(40).filter((r) => isOwn(r.code))];
  if (shown.length === 0) return <p className="muted">No values to chart.</p>;
  const max = Math.max(...shown.map((r) => Math.abs(r.value as number)), 1e-9);
  return (
    <ol
      className="bars"
      aria-label={`${heading.name}, highest first${rows.length > 40 ? ' (first 40)' : ''}`}
    >
      {shown.map((r) => {
        const href = r.code ? linkTo?.(r.code) : null;
        return (
          <li key={r.key} className={isOwn(r.code) ? 'own' : undefined}>
            <span className="bar-label">
              {r.rank > 40 && `${r.rank}. `}
              {href ? <Link to={href}>{r.name}</Link> : r.name}
            </span>
            <span className="bar-track">
              <span
                className="bar"
                style={{
                  width: `${((Math.abs(r.value as number) / max) * 100).toFixed(1)}%`,
                  background: bandColour[r.band ?? 'none'],
                }}
              />
            </span>
            <span className="number">{formatValue(heading, r.value)}</span>
          </li>
        );
      })}
    </ol>
  );
}

const CW = 640;
const CH = 200;

/**
 * A caterpillar plot: every school's estimate with its 95% interval, ranked, and one school picked out.
 * Intervals that miss zero are coloured: their schools are significantly above or below.
 */
export function Caterpillar({
  schools,
  highlight,
  label,
}: {
  schools: Pick<SchoolValueAdded, 'school' | 'effect' | 'lower' | 'upper' | 'band'>[];
  highlight: string;
  label: string;
}) {
  const ranked = [...schools].sort((a, b) => a.effect - b.effect);
  const low = Math.min(...ranked.map((s) => s.lower), 0);
  const high = Math.max(...ranked.map((s) => s.upper), 0);
  const x = (i: number) => PAD.left + ((i + 0.5) * (CW - PAD.left - PAD.right)) / ranked.length;
  const y = (v: number) => PAD.top + ((high - v) * (CH - PAD.top - PAD.bottom)) / (high - low || 1);
  const colour = (band: ValueAddedBand) =>
    band === 'above' ? bandColour.green : band === 'below' ? bandColour.red : '#b8b8b8';
  const mine = ranked.findIndex((s) => s.school === highlight);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${CW} ${CH}`} role="img" aria-label={label}>
        <line x1={PAD.left} x2={CW - PAD.right} y1={y(0)} y2={y(0)} stroke="#949494" />
        <text x={PAD.left - 4} y={y(0) + 4} textAnchor="end" className="axis">
          0
        </text>
        <text x={PAD.left - 4} y={y(high) + 8} textAnchor="end" className="axis">
          {high.toFixed(1)}
        </text>
        <text x={PAD.left - 4} y={y(low)} textAnchor="end" className="axis">
          {low.toFixed(1)}
        </text>
        <text x={CW - PAD.right} y={CH - 6} textAnchor="end" className="axis">
          schools, lowest to highest
        </text>
        <path
          d={ranked
            .map((s, i) =>
              i === mine ? '' : `M${x(i).toFixed(1)},${y(s.lower).toFixed(1)}V${y(s.upper).toFixed(1)}`,
            )
            .join('')}
          stroke="#c8c8c8"
          strokeWidth={Math.max(0.4, Math.min(2, (CW - PAD.left - PAD.right) / ranked.length / 2))}
        />
        {ranked.map((s, i) =>
          s.band === 'in_line' || i === mine ? null : (
            <circle key={s.school || `other-${i}`} cx={x(i)} cy={y(s.effect)} r="1.2" fill={colour(s.band)} />
          ),
        )}
        {mine >= 0 && (
          <g data-testid="this-school">
            <line
              x1={x(mine)}
              x2={x(mine)}
              y1={y(ranked[mine]?.lower ?? 0)}
              y2={y(ranked[mine]?.upper ?? 0)}
              stroke="#1a4f8b"
              strokeWidth="2.5"
            />
            <circle cx={x(mine)} cy={y(ranked[mine]?.effect ?? 0)} r="3.5" fill="#1a4f8b" />
          </g>
        )}
      </svg>
    </figure>
  );
}

/** Two-sided normal quantiles of the funnel's control limits: 95% and 99.8%. */
export const FUNNEL_Z = { p95: 1.959964, p998: 3.090232 };
const FUNNEL_LIMITS = [
  { z: FUNNEL_Z.p95, label: '95%', dash: '4 3' },
  { z: FUNNEL_Z.p998, label: '99.8%', dash: undefined },
];

/** The funnel's limit at n pupils: z·k(n)·σ/√n, k(n) = nσ_b² / (nσ_b² + σ²) (see Funnel). */
export function funnelLimit(variance: { school: number; residual: number }, n: number, z: number): number {
  const shrinkage = (n * variance.school) / (n * variance.school + variance.residual);
  return (z * shrinkage * Math.sqrt(variance.residual)) / Math.sqrt(n);
}

/**
 * A funnel plot: each school's value added against its pupils, with the limits a school whose true value
 * added is zero stays within 95% and 99.8% of the time. The effects are shrunken (empirical Bayes): a
 * school of n pupils has its mean residual, of variance σ²/n under the null, multiplied by
 * k(n) = nσ_b² / (nσ_b² + σ²), so the limits are ±z·k(n)·σ/√n (σ² within schools, σ_b² between). They
 * are narrow for very small schools (shrunk hard towards zero) and for large ones (measured precisely).
 * For a random-intercept model: a random slope's effects have another variance.
 */
export function Funnel({
  schools,
  variance,
  highlight,
  label,
}: {
  schools: Pick<SchoolValueAdded, 'school' | 'n' | 'effect'>[];
  variance: { school: number; residual: number };
  highlight: string;
  label: string;
}) {
  const limit = (n: number, z: number) => funnelLimit(variance, n, z);
  const most = Math.max(...schools.map((s) => s.n)) * 1.05;
  const steps = Array.from({ length: 80 }, (_, i) => Math.max(1, (most * (i + 1)) / 80));
  const reach = Math.max(
    ...schools.map((s) => Math.abs(s.effect)),
    ...steps.map((n) => limit(n, FUNNEL_Z.p998)),
  );
  const high = reach * 1.08 || 1;
  const x = (n: number) => PAD.left + (n / most) * (CW - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((high - v) * (CH - PAD.top - PAD.bottom)) / (2 * high);
  const outside = (s: { n: number; effect: number }, z: number) => Math.abs(s.effect) > limit(s.n, z);
  const colour = (s: { n: number; effect: number }) =>
    outside(s, FUNNEL_Z.p95) ? (s.effect > 0 ? bandColour.green : bandColour.red) : '#9a9a9a';
  const mine = schools.find((s) => s.school === highlight);
  return (
    <figure className="chart" data-testid="funnel">
      <svg viewBox={`0 0 ${CW} ${CH}`} role="img" aria-label={label}>
        <line x1={PAD.left} x2={CW - PAD.right} y1={y(0)} y2={y(0)} stroke="#949494" />
        <text x={PAD.left - 4} y={y(0) + 4} textAnchor="end" className="axis">
          0
        </text>
        <text x={PAD.left - 4} y={y(high * 0.9) + 4} textAnchor="end" className="axis">
          {(high * 0.9).toFixed(1)}
        </text>
        <text x={PAD.left - 4} y={y(-high * 0.9) + 4} textAnchor="end" className="axis">
          {(-high * 0.9).toFixed(1)}
        </text>
        <text x={PAD.left} y={CH - 6} className="axis">
          0
        </text>
        <text x={CW - PAD.right} y={CH - 6} textAnchor="end" className="axis">
          pupils ({Math.round(most)})
        </text>
        {FUNNEL_LIMITS.map(({ z, label: name, dash }) =>
          [1, -1].map((sign) => (
            <path
              key={`${name}${sign}`}
              d={steps
                .map((n, i) => `${i === 0 ? 'M' : 'L'}${x(n).toFixed(1)},${y(sign * limit(n, z)).toFixed(1)}`)
                .join('')}
              fill="none"
              stroke="#6b6b6b"
              strokeDasharray={dash}
              strokeWidth="1"
            />
          )),
        )}
        {/* A legend in the corner: at the right the two limits are too close to label on the lines. */}
        <g className="axis">
          <line x1={CW - 150} x2={CW - 132} y1={PAD.top + 6} y2={PAD.top + 6} stroke="#6b6b6b" />
          <text x={CW - 128} y={PAD.top + 9}>
            99.8%
          </text>
          <line
            x1={CW - 90}
            x2={CW - 72}
            y1={PAD.top + 6}
            y2={PAD.top + 6}
            stroke="#6b6b6b"
            strokeDasharray="4 3"
          />
          <text x={CW - 68} y={PAD.top + 9}>
            95% limits
          </text>
        </g>
        {schools.map((s, i) =>
          s === mine ? null : (
            <circle key={s.school || `other-${i}`} cx={x(s.n)} cy={y(s.effect)} r="2" fill={colour(s)} />
          ),
        )}
        {mine && (
          <circle
            data-testid="funnel-this-school"
            cx={x(mine.n)}
            cy={y(mine.effect)}
            r="4.5"
            fill="#1a4f8b"
            stroke="#fff"
          />
        )}
      </svg>
    </figure>
  );
}
