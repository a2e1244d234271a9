// The rubrics visits are scored on, every version: which is offered for new visits, which was replaced
// and kept for the visits scored on it, and how many visits each version holds.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { listRubricsRoute } from '../../../src/visits/contract.ts';
import { getJson, words } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';

export function RubricsPage() {
  const rubrics = useQuery({
    queryKey: ['rubrics', 'all'],
    queryFn: () => getJson<Answer<typeof listRubricsRoute>>('/api/v1/rubrics?all=true'),
  });
  return (
    <>
      <p className="crumbs">
        <Link to="/visits">Visits</Link> ›
      </p>
      <h1>Rubrics</h1>
      <p>
        Each visit keeps the version of the rubric it was scored on. Changing a rubric no visit has used
        changes it in place; changing one in use makes a new version, offered for new visits from then on.
      </p>
      {rubrics.isError ? (
        <Problem error={rubrics.error} />
      ) : !rubrics.data ? (
        <p aria-busy="true">Loading rubrics…</p>
      ) : (
        <Scroll label="Rubrics">
          <table data-testid="rubrics">
            <thead>
              <tr>
                <th scope="col">Rubric</th>
                <th scope="col" className="number">
                  Version
                </th>
                <th scope="col">Scale</th>
                <th scope="col">Used for</th>
                <th scope="col" className="number">
                  Criteria
                </th>
                <th scope="col" className="number">
                  Visits scored
                </th>
                <th scope="col">Offered</th>
              </tr>
            </thead>
            <tbody>
              {rubrics.data.rubrics.map((r) => (
                <tr key={r.id} data-rubric={`${r.code}-${r.version}`}>
                  <th scope="row">
                    <Link to={`/rubrics/${encodeURIComponent(r.code)}?version=${r.version}`}>{r.name}</Link>{' '}
                    <span className="muted">({r.code})</span>
                  </th>
                  <td className="number">{r.version}</td>
                  <td>1–{r.scale_max}</td>
                  <td>{r.visit_types.map(words).join(', ') || 'any visit'}</td>
                  <td className="number">{r.criteria}</td>
                  <td className="number">{r.visits}</td>
                  <td>{r.superseded ? 'no: replaced, kept for its visits' : 'yes: current'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </>
  );
}
