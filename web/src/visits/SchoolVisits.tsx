// On a school's page: its latest supervision visits (recorded and planned), each linking to the visit,
// and the way to all of them and to recording one.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { listVisitsRoute } from '../../../src/visits/contract.ts';
import { getJson, path, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { can, useSession } from '../session.tsx';

const SHOWN = 5;

export function SchoolVisits({ code }: { code: string }) {
  const session = useSession();
  const visits = useQuery({
    queryKey: ['visits', `school=${code}`, 'latest'],
    queryFn: () =>
      getJson<Answer<typeof listVisitsRoute>>(`/api/v1/visits?school=${path(code)}&page_size=${SHOWN}`),
  });
  return (
    <section aria-labelledby="school-visits" data-testid="school-visits">
      <h2 id="school-visits">Supervision visits</h2>
      {visits.isError ? (
        <Problem error={visits.error} />
      ) : !visits.data ? (
        <p aria-busy="true">Loading visits…</p>
      ) : visits.data.total === 0 ? (
        <p>No visits recorded or planned.</p>
      ) : (
        <ul>
          {visits.data.visits.map((v) => (
            <li key={v.id}>
              <Link to={`/visits/${v.id}`}>{v.visit_on}</Link>: {words(v.visit_type)}, {v.status}
              {v.visitors.length > 0 &&
                `, by ${v.visitors.map((p) => (p.calibrated ? p.name : `${p.name} (not calibrated)`)).join(', ')}`}
              {v.mean_level !== null && `; mean level ${v.mean_level.toFixed(2)}`}
            </li>
          ))}
        </ul>
      )}
      <p>
        {visits.data && visits.data.total > SHOWN && (
          <>
            <Link to={`/visits?school=${path(code)}`}>All {visits.data.total} visits to this school</Link>
            {can(session, 'visits:write') && ' · '}
          </>
        )}
        {can(session, 'visits:write') && <Link to="/visits/new">Record a visit</Link>}
      </p>
    </section>
  );
}
