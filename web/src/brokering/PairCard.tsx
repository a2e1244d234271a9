// One proposed pair: the school, the need and the leader with their fit; when the pair is weak, what
// makes it so and why the leader is still the best available; the reasons on demand; and the broker's
// choices for it: leave it for review, swap to a leader chosen by name, or reject.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { alternativesRoute, ProposedPair } from '../../../src/brokering/proposal-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, path } from '../api.ts';
import { Choice } from '../Choice.tsx';
import { Problem } from '../Problem.tsx';
import { kindName } from './labels.ts';

export type PairChoice =
  | { decision: 'reject'; reason: string }
  | { decision: 'swap'; leader: string; leader_name: string };

/** The eligible leaders for the pair's need, by name, best fit first; the chosen one's reasons below. */
function SwapChoice({
  proposalId,
  pair,
  onSwap,
}: {
  proposalId: number;
  pair: ProposedPair;
  onSwap: (leader: string, name: string) => void;
}) {
  const [chosen, setChosen] = useState('');
  const list = useQuery({
    queryKey: ['alternatives', proposalId, pair.need],
    queryFn: () =>
      getJson<Answer<typeof alternativesRoute>>(
        `/api/v1/brokering/proposals/${proposalId}/needs/${pair.need}/alternatives`,
      ),
  });
  if (list.isError) return <Problem error={list.error} />;
  if (!list.data) return <p aria-busy="true">Finding the eligible leaders…</p>;
  const { alternatives } = list.data;
  if (alternatives.length === 0) return <p>No other leader is eligible for this need.</p>;
  const selected = alternatives.find((a) => a.leader === chosen);
  return (
    <div className="swap">
      <Choice
        label={`Swap ${pair.leader_name} for`}
        value={chosen}
        onChange={setChosen}
        empty="Choose a leader"
        options={alternatives.map((a) => ({
          value: a.leader,
          label: `${a.leader_name}: fit ${a.fit.toFixed(3)}, ${a.days_left} days left after this${a.proposed_for ? `, proposed for ${a.proposed_for.school_name}` : ''}`,
        }))}
      />{' '}
      <button
        type="button"
        disabled={!selected}
        onClick={() => selected && onSwap(selected.leader, selected.leader_name)}
      >
        Swap
      </button>
      {selected && (
        <ul aria-label={`Why ${selected.leader_name}`}>
          {selected.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
          {selected.proposed_for && (
            <li>
              Proposed for {selected.proposed_for.school_name} (fit {selected.proposed_for.fit.toFixed(3)}):
              the rest is matched again after the swap
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

export function PairCard({
  proposalId,
  pair,
  choice,
  onChoose,
  editable,
  ruleTakes,
  excepted,
  onExcept,
}: {
  proposalId: number;
  pair: ProposedPair;
  choice: PairChoice | undefined;
  onChoose: (choice: PairChoice | undefined) => void;
  editable: boolean;
  /** Whether the decision bar's rule accepts this pair. */
  ruleTakes: boolean;
  excepted: boolean;
  onExcept: (excepted: boolean) => void;
}) {
  const [open, setOpen] = useState<'' | 'why' | 'swap' | 'reject'>('');
  const [reason, setReason] = useState('');
  const toggle = (what: typeof open) => setOpen(open === what ? '' : what);
  const title = `${pair.school_name}: ${kindName(pair.kind)}`;
  return (
    <li className={`pair${pair.weak.length > 0 ? ' weak' : ''}`} data-testid="pair">
      <h3>
        <Link to={`/schools/${path(pair.school)}`}>{pair.school_name}</Link>: {kindName(pair.kind)},{' '}
        {pair.days} days → {pair.leader_name} <span className="muted">(fit {pair.fit.toFixed(3)})</span>
      </h3>
      {pair.weak.length > 0 && (
        <p data-testid="why-best">
          <strong>Weak pair</strong> ({pair.weak.join(', ')}). {pair.best_because}.
        </p>
      )}
      <p className="muted">Need: {pair.evidence}</p>
      <p className="pair-actions">
        <button type="button" aria-expanded={open === 'why'} onClick={() => toggle('why')}>
          Why {pair.leader_name}
        </button>{' '}
        {editable && (
          <>
            {ruleTakes && (
              <label>
                <input type="checkbox" checked={excepted} onChange={(e) => onExcept(e.target.checked)} />{' '}
                Leave <span className="sr-only">{title} </span>for review
              </label>
            )}{' '}
            <button type="button" aria-expanded={open === 'swap'} onClick={() => toggle('swap')}>
              Swap<span className="sr-only">: {title}</span>…
            </button>{' '}
            <button type="button" aria-expanded={open === 'reject'} onClick={() => toggle('reject')}>
              Reject<span className="sr-only">: {title}</span>…
            </button>
          </>
        )}
        {choice && (
          <span className="tag" data-testid="pair-choice">
            {' '}
            {choice.decision === 'swap' ? `swap to ${choice.leader_name}` : `reject: ${choice.reason}`}{' '}
            <button type="button" onClick={() => onChoose(undefined)}>
              Undo<span className="sr-only">: {title}</span>
            </button>
          </span>
        )}
      </p>
      {open === 'why' && (
        <div>
          <ul>
            {pair.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {pair.best_because && pair.weak.length === 0 && <p>{pair.best_because}.</p>}
          {pair.next_best && (
            <p>
              Next best, {pair.next_best.leader_name}: {pair.next_best.why_not}.
            </p>
          )}
        </div>
      )}
      {open === 'swap' && (
        <SwapChoice
          proposalId={proposalId}
          pair={pair}
          onSwap={(leader, leader_name) => {
            onChoose({ decision: 'swap', leader, leader_name });
            setOpen('');
          }}
        />
      )}
      {open === 'reject' && (
        <p>
          <label>
            Reject {pair.leader_name} because{' '}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>{' '}
          <button
            type="button"
            disabled={!reason.trim()}
            onClick={() => {
              onChoose({ decision: 'reject', reason: reason.trim() });
              setOpen('');
            }}
          >
            Reject
          </button>
        </p>
      )}
    </li>
  );
}
