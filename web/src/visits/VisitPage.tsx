// One visit: who went, when and why, the scores by section with the descriptor of each level given and
// the evidence, strengths, areas for development and the actions agreed.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { visitRoute } from '../../../src/visits/contract.ts';
import { getJson, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';

export function VisitPage() {
  const { id } = useParams();
  const session = useSession();
  const visit = useQuery({
    queryKey: ['visit', id],
    queryFn: () => getJson<Answer<typeof visitRoute>>(`/api/v1/visits/${encodeURIComponent(id ?? '')}`),
  });
  if (visit.isError) return <Problem error={visit.error} />;
  if (!visit.data) return <p aria-busy="true">Loading the visit…</p>;
  const v = visit.data;
  return (
    <>
      <p>
        <Link to="/visits">Visits</Link>
      </p>
      <h1>
        {words(v.visit_type)[0]?.toUpperCase()}
        {words(v.visit_type).slice(1)} visit to {v.school.name}, {v.visit_on}
      </h1>
      {can(session, 'visits:write') && (
        <p>
          <Link to={`/visits/${v.id}/edit`}>Change this visit</Link> (version {v.version})
        </p>
      )}
      <dl>
        <dt>Status</dt>
        <dd>{v.status}</dd>
        <dt>Visitors</dt>
        <dd>
          {v.visitors
            .map((p) => (p.calibrated ? p.name : `${p.name} (not calibrated in norming)`))
            .join(', ')}
        </dd>
        {v.rubric && (
          <>
            <dt>Rubric</dt>
            <dd>
              {v.rubric.name} (version {v.rubric.version})
            </dd>
          </>
        )}
        {v.purpose && (
          <>
            <dt>Purpose</dt>
            <dd>{v.purpose}</dd>
          </>
        )}
      </dl>
      {v.scores.length > 0 && (
        <section aria-labelledby="scores-heading">
          <h2 id="scores-heading">Scores (mean level {v.mean_level?.toFixed(2)})</h2>
          <Scroll label="Scores">
            <table data-testid="scores">
              <thead>
                <tr>
                  <th scope="col">Section</th>
                  <th scope="col">Criterion</th>
                  <th scope="col" className="number">
                    Level
                  </th>
                  <th scope="col">What the level means</th>
                  <th scope="col">Evidence</th>
                </tr>
              </thead>
              <tbody>
                {v.scores.map((s) => (
                  <tr key={s.criterion}>
                    <td>{s.section}</td>
                    <th scope="row">{s.name}</th>
                    <td className="number">{s.level}</td>
                    <td>{s.descriptor}</td>
                    <td>{s.evidence || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </section>
      )}
      <h2>Strengths</h2>
      <p>{v.strengths || 'None recorded.'}</p>
      <h2>Areas for development</h2>
      <p>{v.development || 'None recorded.'}</p>
      <h2>Agreed actions</h2>
      {v.actions.length === 0 ? (
        <p>No actions agreed.</p>
      ) : (
        <ul data-testid="visit-actions">
          {v.actions.map((a) => (
            <li key={a.id}>
              {a.title} — {a.owner ?? 'no owner'}
              {a.due_on ? `, due ${a.due_on}` : ''} ({a.status})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
