// The confirmation queue: declared strengths awaiting an area lead's (or the director's) word, each
// confirmed, or declined with a reason the school reads.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type {
  DeclaredStrength,
  decideDeclaredRoute,
  declaredRoute,
} from '../../../src/strengths/contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { useAction } from '../useAction.ts';

export function Queue() {
  const queue = useQuery({
    queryKey: ['strengths', 'declared', 'awaiting'],
    queryFn: () => getJson<Answer<typeof declaredRoute>>('/api/v1/strengths/declared?status=awaiting'),
  });
  if (queue.isError) return <Problem error={queue.error} />;
  if (!queue.data) return <p aria-busy="true">Loading the queue…</p>;
  const { declared } = queue.data;
  return (
    <section data-testid="strengths-queue">
      <h2>Declared strengths awaiting confirmation ({declared.length})</h2>
      {declared.length === 0 ? (
        <p>None awaiting.</p>
      ) : (
        <Scroll label="Declared strengths awaiting confirmation">
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">Practice area</th>
                <th scope="col">Evidence</th>
                <th scope="col">Declared</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {declared.map((d) => (
                <Awaiting key={d.id} declared={d} />
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}

function Awaiting({ declared: d }: { declared: DeclaredStrength }) {
  const { error, run } = useAction();
  const [reason, setReason] = useState('');
  const decide = (decision: 'confirm' | 'decline') =>
    run(() =>
      send<Answer<typeof decideDeclaredRoute>>('POST', `/api/v1/strengths/declared/${d.id}/decision`, {
        decision,
        reason,
      }),
    );
  return (
    <tr>
      <th scope="row">{d.school_name}</th>
      <td>{d.practice_area_name}</td>
      <td>{d.evidence}</td>
      <td>
        {d.declared_by}, {d.declared_on}
      </td>
      <td>
        <label>
          Reason <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>{' '}
        <button type="button" onClick={() => void decide('confirm')}>
          Confirm
        </button>{' '}
        <button type="button" onClick={() => void decide('decline')} disabled={reason.trim() === ''}>
          Decline
        </button>
        {error && <Problem error={error} />}
      </td>
    </tr>
  );
}
