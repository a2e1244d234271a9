// A school's page section: its stage of the improvement journey today with the reasons and since when,
// what its stage lets it offer, and its stage at each recorded term's end (changes marked).
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Answer } from '../../../src/contract.ts';
import type { schoolStageRoute } from '../../../src/stages/contract.ts';
import { getJson } from '../api.ts';

export function SchoolStage({ code }: { code: string }) {
  const stage = useQuery({
    queryKey: ['stages', 'school', code],
    queryFn: () =>
      getJson<Answer<typeof schoolStageRoute>>(`/api/v1/stages/schools/${encodeURIComponent(code)}`),
  });
  const d = stage.data;
  if (!d) return null;
  const c = d.current;
  const offers = [
    c.may_offer.practice && 'offer practice',
    c.may_offer.placements && 'host placements',
  ].filter(Boolean);
  return (
    <section data-testid="school-stage">
      <h2>Stage of the improvement journey</h2>
      <p>
        <strong data-testid="stage-name">{c.stage_name}</strong>
        {c.since ? ` since ${c.since}` : ' (not yet recorded at a term’s end)'}. At this stage it may{' '}
        {offers.length ? offers.join(' and ') : 'offer no support yet'}.{' '}
        <Link to="/stages/rules">How stages are decided</Link>
      </p>
      <ul data-testid="stage-reasons">
        {c.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {d.history.length > 0 && (
        <details>
          <summary>Its stage at each term's end ({d.history.length})</summary>
          <table data-testid="stage-history">
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col">Stage</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {[...d.history].reverse().map((h) => (
                <tr key={h.term}>
                  <th scope="row">{h.term}</th>
                  <td>
                    {h.stage_name}
                    {h.changed ? ' (changed)' : ''}
                  </td>
                  <td>{h.reasons.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
