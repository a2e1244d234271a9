// One reform, the director's view: practices in place by area over time (a chart with the same figures
// in the table beside it), then each school's latest fidelity. The period (month or term) and the area
// of the schools' table are in the address.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { IndicatorHeading } from '../../../src/dashboards/contract.ts';
import type { implementationRoute, reformRoute } from '../../../src/reforms/contract.ts';
import { getJson, path } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { LineChart } from '../charts.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';
import { shareText } from './fidelity.ts';
import { ReformSchools } from './ReformSchools.tsx';

const heading: IndicatorHeading = {
  code: 'reform_fidelity',
  name: 'Practices in place',
  unit: '%',
  decimals: 0,
  direction: 'higher',
  additive: false,
};
const palette = ['#1f5fa8', '#b7791f', '#2f855a', '#c0392b', '#6b46c1', '#00766c', '#8a4b08', '#555555'];

/** The address's query with the schools' table limited to one area (defaults left out, as useUrlState does). */
const areaSearch = (filter: { by: string; show: string }, area: string) =>
  new URLSearchParams([
    ...(filter.by !== 'month' ? [['by', filter.by]] : []),
    ['area', area],
    ...(filter.show !== 'all' ? [['show', filter.show]] : []),
  ]).toString();

export function ReformPage() {
  const { code = '' } = useParams();
  const session = useSession();
  const [filter, setFilter] = useUrlState({ by: 'month', area: '', show: 'all' });
  const reform = useQuery({
    queryKey: ['reform', code],
    queryFn: () => getJson<Answer<typeof reformRoute>>(`/api/v1/reforms/${path(code)}`),
  });
  const implementation = useQuery({
    queryKey: ['reform-implementation', code, filter.by],
    queryFn: () =>
      getJson<Answer<typeof implementationRoute>>(
        `/api/v1/reforms/${path(code)}/implementation?by=${filter.by}`,
      ),
  });
  if (reform.isError) return <Problem error={reform.error} />;
  if (!reform.data) return <p aria-busy="true">Loading the reform…</p>;
  const r = reform.data;
  const data = implementation.data;
  const rows = data ? [...data.areas, { code: '', name: 'All areas', ...data.all }] : [];
  return (
    <>
      <p>
        <Link to="/reforms">Reforms</Link>
      </p>
      <h1>{r.name}</h1>
      <p>
        {r.phase} from {r.starts_on}; covers{' '}
        {r.units.map((u) => u.name).join(', ') || 'schools in your scope'}. {r.checked} of {r.schools} schools
        checked; {shareText(r.share)} of practices in place at the latest checks.
      </p>
      {r.description && <p>{r.description}</p>}
      {can(session, 'visits:write') && (
        <p>
          <Link to={`/reforms/${path(code)}/check`}>Record a fidelity check</Link>
        </p>
      )}
      <section aria-labelledby="by-area-heading">
        <h2 id="by-area-heading">Implementation by area</h2>
        <div className="filters">
          <Choice
            label="Period"
            value={filter.by}
            onChange={(by) => setFilter({ by })}
            options={[
              { value: 'month', label: 'month' },
              { value: 'term', label: 'term' },
            ]}
          />
        </div>
        <p className="hint">
          Practices in place at each school’s latest check by the end of the {filter.by}; a school not yet
          checked counts in neither figure.
        </p>
        {implementation.isError ? (
          <Problem error={implementation.error} />
        ) : !data ? (
          <p aria-busy="true">Loading implementation…</p>
        ) : (
          <>
            {data.periods.length > 1 && (
              <LineChart
                heading={heading}
                label={`Practices in place by ${data.by}, by area, from ${data.periods[0]?.period ?? ''} to ${data.periods.at(-1)?.period ?? ''}`}
                target={null}
                lines={[
                  ...data.areas.map((a, i) => ({
                    name: a.name,
                    colour: palette[i % palette.length] as string,
                    dashed: true,
                    points: a.points.map((p) => ({ period: p.period, value: p.share })),
                  })),
                  {
                    name: 'All areas',
                    colour: '#111111',
                    points: data.all.points.map((p) => ({ period: p.period, value: p.share })),
                  },
                ]}
              />
            )}
            <Scroll label="Practices in place by area">
              <table data-testid="by-area">
                <thead>
                  <tr>
                    <th scope="col">Area</th>
                    {data.periods.map((p) => (
                      <th key={p.period} scope="col" className="number">
                        {filter.by === 'term' ? `Term from ${p.period}` : p.period}
                      </th>
                    ))}
                    <th scope="col" className="number">
                      Checked
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => (
                    <tr key={a.code || 'all'} data-area={a.code || 'all'}>
                      <th scope="row">
                        {a.code ? (
                          <Link
                            to={`?${areaSearch(filter, a.code)}`}
                            title={`Show ${a.name}’s schools below`}
                          >
                            {a.name}
                          </Link>
                        ) : (
                          a.name
                        )}
                      </th>
                      {a.points.map((p) => (
                        <td key={p.period} className="number">
                          {shareText(p.share)}
                        </td>
                      ))}
                      <td className="number">
                        {a.points.at(-1)?.checked ?? 0} of {a.schools}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          </>
        )}
      </section>
      <ReformSchools reform={r} filter={filter} setFilter={setFilter} />
      <section aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">Checklist (version {r.checklist_version})</h2>
        <ol>
          {r.checklist.map((p) => (
            <li key={p.code}>
              <strong>{p.name}</strong> ({p.code}){p.look_for && <>: {p.look_for}</>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
