// A school's fidelity checks for one reform, newest first: each check's share in place and every
// practice's finding with the evidence seen, so a head sees what to work on and how it has moved.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { schoolHistoryRoute } from '../../../src/reforms/contract.ts';
import { getJson, path } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { shareText, statusWords } from './fidelity.ts';

export function SchoolFidelityPage() {
  const { code = '', school = '' } = useParams();
  const session = useSession();
  const history = useQuery({
    queryKey: ['reform-school', code, school],
    queryFn: () =>
      getJson<Answer<typeof schoolHistoryRoute>>(`/api/v1/reforms/${path(code)}/schools/${path(school)}`),
  });
  if (history.isError) return <Problem error={history.error} />;
  if (!history.data) return <p aria-busy="true">Loading the checks…</p>;
  const { reform, checks } = history.data;
  const latest = checks[0];
  return (
    <>
      <p>
        <Link to={`/reforms/${path(code)}`}>{reform.name}</Link>
      </p>
      <h1>
        {history.data.school.name}: {reform.name}
      </h1>
      <p data-testid="school-fidelity">
        {latest
          ? `Fidelity ${shareText(latest.share)} at the latest check (${latest.checked_on}); ${checks.length} check${checks.length === 1 ? '' : 's'} in all.`
          : 'Not yet checked.'}
      </p>
      {can(session, 'visits:write') && (
        <p>
          <Link to={`/reforms/${path(code)}/check?school=${encodeURIComponent(school)}`}>
            Record a fidelity check
          </Link>
        </p>
      )}
      {checks.map((c) => (
        <section key={c.visit_id} aria-labelledby={`check-${c.visit_id}`}>
          <h2 id={`check-${c.visit_id}`}>
            {c.checked_on}: {shareText(c.share)} in place
          </h2>
          <p>
            By {c.visitors.join(', ')}; checklist version {c.checklist_version}.{' '}
            <Link to={`/visits/${c.visit_id}`}>The visit</Link>
          </p>
          <Scroll label={`Practices on ${c.checked_on}`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Practice</th>
                  <th scope="col">Found</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {c.practices.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">{p.name}</th>
                    <td>{statusWords[p.status]}</td>
                    <td>{p.evidence || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </section>
      ))}
    </>
  );
}
