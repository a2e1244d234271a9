// Reforms: each with its phase, the schools it covers that the reader sees, how many have had a
// fidelity check, and the share of practices in place at each school's latest check.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { listReformsRoute } from '../../../src/reforms/contract.ts';
import { getJson } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { shareText } from './fidelity.ts';

export function ReformsPage() {
  const reforms = useQuery({
    queryKey: ['reforms'],
    queryFn: () => getJson<Answer<typeof listReformsRoute>>('/api/v1/reforms'),
  });
  return (
    <>
      <h1>Reforms</h1>
      <p>
        Each reform’s checklist of practices is checked on fidelity visits; a school’s fidelity is the share
        of practices found in place at its latest check.
      </p>
      {reforms.isError ? (
        <Problem error={reforms.error} />
      ) : !reforms.data ? (
        <p aria-busy="true">Loading reforms…</p>
      ) : reforms.data.reforms.length === 0 ? (
        <p>No reforms yet. A director adds one from a checklist workbook (the reform CLI).</p>
      ) : (
        <Scroll label="Reforms">
          <table data-testid="reforms">
            <thead>
              <tr>
                <th scope="col">Reform</th>
                <th scope="col">Phase</th>
                <th scope="col">From</th>
                <th scope="col" className="number">
                  Practices
                </th>
                <th scope="col" className="number">
                  Schools checked
                </th>
                <th scope="col" className="number">
                  In place
                </th>
              </tr>
            </thead>
            <tbody>
              {reforms.data.reforms.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <Link to={`/reforms/${encodeURIComponent(r.code)}`}>{r.name}</Link>
                  </th>
                  <td>{r.phase}</td>
                  <td>{r.starts_on}</td>
                  <td className="number">{r.practices}</td>
                  <td className="number">
                    {r.checked} of {r.schools}
                  </td>
                  <td className="number">{shareText(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </>
  );
}
