// The headteacher-shortage projection (the Sustainable Leadership Group's question): for the next years,
// heads expected to leave, supply from the pipeline and the gap in low, central and high scenarios, as a
// chart of the cumulative gap and as tables, by phase and area; the method in words, the rates in force.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { ProjectionYear, projectionRoute } from '../../../src/projection/contract.ts';
import { getJson, words } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useUrlState } from '../useUrlState.ts';
import { groupLabels } from './labels.ts';
import { RatesSection } from './RatesForm.tsx';

type Projection = Answer<typeof projectionRoute>;
const kinds = Object.keys(groupLabels) as (keyof Projection['pipeline'])[];
const scenarios = ['low', 'central', 'high'] as const;
const colours = { low: '#2b6a3d', central: '#1d4f91', high: '#a3321f' };
const dash = { low: '6 4', central: '', high: '2 3' };

/** The cumulative gap per year, one line a scenario; the table below says the same in numbers. */
function GapChart({ totals }: { totals: Projection['totals'] }) {
  const years = totals.central.length;
  const values = scenarios.flatMap((s) => totals[s].map((y) => y.cumulative_gap));
  const low = Math.min(0, ...values);
  const high = Math.max(1, ...values);
  const [w, h, left, bottom, top] = [480, 220, 40, 28, 10];
  const x = (i: number) => left + (i * (w - left - 10)) / Math.max(1, years);
  const y = (v: number) => top + ((high - v) * (h - top - bottom)) / (high - low || 1);
  const label = `Cumulative gap over ${years} years: ${scenarios
    .map((s) => `${s} ${totals[s].at(-1)?.cumulative_gap ?? 0}`)
    .join(', ')} headships`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
        <line x1={left} x2={w - 10} y1={y(0)} y2={y(0)} stroke="#767676" />
        {[low, high].map((v) => (
          <text key={v} x={left - 4} y={y(v) + 4} textAnchor="end" fontSize="11">
            {Math.round(v)}
          </text>
        ))}
        {totals.central.map((p, i) => (
          <text key={p.year} x={x(i + 1)} y={h - 8} textAnchor="middle" fontSize="11">
            Y{p.year}
          </text>
        ))}
        {scenarios.map((s) => (
          <polyline
            key={s}
            fill="none"
            stroke={colours[s]}
            strokeWidth="2"
            strokeDasharray={dash[s]}
            points={[
              `${x(0)},${y(0)}`,
              ...totals[s].map((p, i) => `${x(i + 1)},${y(p.cumulative_gap)}`),
            ].join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        Cumulative gap (headships with no successor from the pipeline):{' '}
        {scenarios.map((s) => (
          <span key={s} style={{ color: colours[s] }}>
            {s} {s === 'central' ? '(solid)' : s === 'low' ? '(dashed)' : '(dotted)'}{' '}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function YearTable({
  label,
  rows,
  testId,
}: {
  label: string;
  rows: Record<(typeof scenarios)[number], ProjectionYear[]>;
  testId: string;
}) {
  return (
    <Scroll label={label}>
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Year to</th>
            {scenarios.map((s) => (
              <th key={s} scope="col" className="number">
                Leave / supply / gap ({s})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.central.map((year, i) => (
            <tr key={year.year}>
              <th scope="row">{year.ends_on}</th>
              {scenarios.map((s) => {
                const p = rows[s][i];
                return (
                  <td key={s} className="number">
                    {p ? `${p.leavers} / ${p.supply} / ${p.gap}` : '—'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function ProjectionPage() {
  const [filter, setFilter] = useUrlState({ years: '5', area: '', phase: '' });
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, v]) => v) as [string, string][],
  ).toString();
  const projection = useQuery({
    queryKey: ['projection', query],
    queryFn: () => getJson<Projection>(`/api/v1/projection?${query}`),
  });
  const p = projection.data;
  const last = (rows: ProjectionYear[]) => rows.at(-1)?.cumulative_gap ?? 0;
  return (
    <>
      <h1>Headteacher-shortage projection</h1>
      <p>
        <Link to="/vacancies">Headship vacancies</Link>
      </p>
      <div className="filters">
        <Choice
          label="Years ahead"
          value={filter.years}
          onChange={(years) => setFilter({ years })}
          options={['3', '5', '10'].map((v) => ({ value: v, label: v }))}
        />
        <label>
          Area code <input value={filter.area} onChange={(e) => setFilter({ area: e.target.value.trim() })} />
        </label>
        <Choice
          label="Phase"
          value={filter.phase}
          onChange={(phase) => setFilter({ phase })}
          options={['nursery', 'primary', 'secondary', 'all_through', 'special', 'alternative_provision'].map(
            (v) => ({ value: v, label: words(v) }),
          )}
          empty="all"
        />
      </div>
      {projection.isError ? (
        <Problem error={projection.error} />
      ) : !p ? (
        <p aria-busy="true">Projecting…</p>
      ) : (
        <>
          <dl className="facts">
            {(
              [
                ['Heads in post', String(p.heads), 'heads'],
                ...kinds.map((k) => [
                  `${groupLabels[k]} not yet heads`,
                  String(p.pipeline[k]),
                  `pipeline-${k}`,
                ]),
                ['In several groups, counted once', String(p.in_several), 'in-several'],
                [`Gap over ${p.years} years (central)`, String(last(p.totals.central)), 'gap-central'],
                ['Low to high', `${last(p.totals.low)} to ${last(p.totals.high)}`, 'gap-range'],
              ] as [string, string, string][]
            ).map(([label, value, testId]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd data-testid={testId}>{value}</dd>
              </div>
            ))}
          </dl>
          <GapChart totals={p.totals} />
          <h2>Year by year</h2>
          <YearTable label="The projection, year by year" rows={p.totals} testId="projection-years" />
          <h2>By phase and area</h2>
          <Scroll label="The gap by phase and area">
            <table data-testid="projection-groups">
              <thead>
                <tr>
                  <th scope="col">Phase</th>
                  <th scope="col">Area</th>
                  <th scope="col" className="number">
                    Heads
                  </th>
                  {kinds.map((k) => (
                    <th key={k} scope="col" className="number">
                      {groupLabels[k]}
                    </th>
                  ))}
                  {scenarios.map((s) => (
                    <th key={s} scope="col" className="number">
                      Gap ({s})
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.groups.map((g) => (
                  <tr key={`${g.phase}-${g.area}`}>
                    <td>{g.phase ? words(g.phase) : 'no school post'}</td>
                    <td>{g.area_name ?? '—'}</td>
                    <td className="number">{g.heads}</td>
                    {kinds.map((k) => (
                      <td key={k} className="number">
                        {g.pipeline[k]}
                      </td>
                    ))}
                    {scenarios.map((s) => (
                      <td key={s} className="number">
                        {last(g.scenarios[s])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <h2>Method</h2>
          <ul data-testid="method">
            {p.method.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      <RatesSection />
    </>
  );
}
