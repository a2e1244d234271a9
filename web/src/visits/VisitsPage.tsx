// Supervision visits: coverage per area (this month and term against the expectation, overdue schools,
// schools needing attention) and the visits to schools in the caller's scope, filtered in the address.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { coverageRoute, listVisitsRoute } from '../../../src/visits/contract.ts';
import { getJson, words } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { percentOrUnknown } from '../format.tsx';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useUrlState } from '../useUrlState.ts';

const typeOptions = ['supervision', 'coaching', 'monitoring', 'reform_fidelity'].map((t) => ({
  value: t,
  label: words(t),
}));

function Coverage() {
  const coverage = useQuery({
    queryKey: ['visit-coverage'],
    queryFn: () => getJson<Answer<typeof coverageRoute>>('/api/v1/visits/coverage'),
  });
  if (coverage.isError) return <Problem error={coverage.error} />;
  if (!coverage.data) return <p aria-busy="true">Loading coverage…</p>;
  const { areas, term_from, visits_per_term, overdue_weeks } = coverage.data;
  if (areas.length === 0) return null;
  return (
    <section aria-labelledby="coverage-heading">
      <h2 id="coverage-heading">Coverage</h2>
      <p>
        Schools with a recorded visit this month and this term (from {term_from}); expected: {visits_per_term}{' '}
        a school a term. Overdue: no visit for {overdue_weeks} weeks.
      </p>
      <Scroll label="Coverage by area">
        <table data-testid="coverage">
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col">Leads</th>
              <th scope="col" className="number">
                This month
              </th>
              <th scope="col" className="number">
                This term
              </th>
              <th scope="col">Overdue</th>
              <th scope="col">Needing attention, not visited this term</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.code}>
                <th scope="row">{a.name}</th>
                <td>{a.leads.join(', ') || '—'}</td>
                <td className="number">
                  {a.visited_month} of {a.schools} ({percentOrUnknown(a.share_month)})
                </td>
                <td className="number">
                  {a.visited_term} of {a.schools} ({percentOrUnknown(a.share_term)})
                </td>
                <td>
                  <Schools names={a.overdue.map((s) => s.name)} />
                </td>
                <td>
                  <Schools names={a.attention.filter((s) => !s.visited_term).map((s) => s.name)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

/** A few schools by name; a long list folds behind its count, so an area's row stays readable on a phone. */
function Schools({ names }: { names: string[] }) {
  if (names.length === 0) return 'none';
  if (names.length <= 3) return names.join(', ');
  return (
    <details>
      <summary>{names.length} schools</summary>
      {names.join(', ')}
    </details>
  );
}

export function VisitsPage() {
  const [filter, setFilter] = useUrlState({ school: '', visit_type: '', from: '', to: '' });
  const query = new URLSearchParams(
    Object.entries(filter).filter(([, v]) => v) as [string, string][],
  ).toString();
  const visits = useQuery({
    queryKey: ['visits', query],
    queryFn: () => getJson<Answer<typeof listVisitsRoute>>(`/api/v1/visits?${query}`),
  });
  const session = useSession();
  return (
    <>
      <h1>Visits</h1>
      <p className="links">
        {can(session, 'visits:write') && (
          <>
            <Link to="/visits/new">Record a visit</Link>
            {' · '}
          </>
        )}
        <Link to="/rubrics">The rubrics visits are scored on</Link>
      </p>
      <Coverage />
      <section aria-labelledby="visits-heading">
        <h2 id="visits-heading">Visits to schools</h2>
        <div className="filters">
          <label>
            School code{' '}
            <input value={filter.school} onChange={(e) => setFilter({ school: e.target.value.trim() })} />
          </label>
          <Choice
            label="Type"
            value={filter.visit_type}
            onChange={(visit_type) => setFilter({ visit_type })}
            options={typeOptions}
            empty="any"
          />
          <label>
            From{' '}
            <input type="date" value={filter.from} onChange={(e) => setFilter({ from: e.target.value })} />
          </label>
          <label>
            To <input type="date" value={filter.to} onChange={(e) => setFilter({ to: e.target.value })} />
          </label>
        </div>
        {visits.isError ? (
          <Problem error={visits.error} />
        ) : !visits.data ? (
          <p aria-busy="true">Loading visits…</p>
        ) : visits.data.visits.length === 0 ? (
          <p>No visits match.</p>
        ) : (
          <Scroll label="Visits">
            <table data-testid="visits">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">School</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Visitors</th>
                  <th scope="col" className="number">
                    Mean level
                  </th>
                </tr>
              </thead>
              <tbody>
                {visits.data.visits.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <Link to={`/visits/${v.id}`}>{v.visit_on}</Link>
                    </td>
                    <td>{v.school.name}</td>
                    <td>{words(v.visit_type)}</td>
                    <td>{v.status}</td>
                    <td>
                      {v.visitors
                        .map((p) => (p.calibrated ? p.name : `${p.name} (not calibrated)`))
                        .join(', ')}
                    </td>
                    <td className="number">{v.mean_level === null ? '—' : v.mean_level.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
        {visits.data && (
          <p>
            {visits.data.total} visit{visits.data.total === 1 ? '' : 's'}
          </p>
        )}
      </section>
    </>
  );
}
