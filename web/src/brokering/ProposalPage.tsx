// A proposal: each pair with why this leader and why not the next best, the total fit beside its
// proven bound, the unmet needs with why; the broker accepts, swaps or rejects pairs and Headway
// matches what is left.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type {
  decideRoute,
  listLeadersRoute,
  ProposedPair,
  proposalRoute,
} from '../../../src/brokering/proposal-contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import { getJson, path, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { can, useSession } from '../session.tsx';
import { kindName } from './labels.ts';

type Choice =
  | { decision: 'accept' }
  | { decision: 'reject'; reason: string }
  | { decision: 'swap'; leader: string };

function PairCard({
  pair,
  choice,
  onChoose,
  editable,
}: {
  pair: ProposedPair;
  choice: Choice | undefined;
  onChoose: (choice: Choice | undefined) => void;
  editable: boolean;
}) {
  const [reason, setReason] = useState('');
  const [swap, setSwap] = useState('');
  return (
    <li className="pair" data-testid="pair">
      <h3>
        <Link to={`/schools/${path(pair.school)}`}>{pair.school_name}</Link>: {kindName(pair.kind)},{' '}
        {pair.days} days → {pair.leader_name} <span className="muted">(fit {pair.fit.toFixed(3)})</span>
      </h3>
      <p className="muted">Need: {pair.evidence}</p>
      <ul>
        {pair.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {pair.next_best && (
        <p>
          Next best, {pair.next_best.leader_name}: {pair.next_best.why_not}.
        </p>
      )}
      {editable && (
        <fieldset>
          <legend className="sr-only">Decision for {pair.school_name}</legend>
          <button
            type="button"
            aria-pressed={choice?.decision === 'accept'}
            onClick={() => onChoose(choice?.decision === 'accept' ? undefined : { decision: 'accept' })}
          >
            Accept
            <span className="sr-only">
              : {pair.leader_name} for {pair.school_name}
            </span>
          </button>{' '}
          <label>
            Reject because <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>{' '}
          <button
            type="button"
            disabled={!reason.trim()}
            onClick={() => onChoose({ decision: 'reject', reason: reason.trim() })}
          >
            Reject
          </button>{' '}
          <label>
            Swap in (person code){' '}
            <input
              value={swap}
              onChange={(e) => setSwap(e.target.value)}
              size={8}
              list={`leaders-${pair.kind}`}
            />
          </label>{' '}
          <button
            type="button"
            disabled={!swap.trim()}
            onClick={() => onChoose({ decision: 'swap', leader: swap.trim() })}
          >
            Swap
          </button>
          {choice && (
            <span className="tag">
              {' '}
              {choice.decision === 'swap' ? `swap for ${choice.leader}` : choice.decision}
            </span>
          )}
        </fieldset>
      )}
    </li>
  );
}

/** The pool as suggestions for a swap, one list per kind of need (the server checks eligibility). */
function PoolLists({ kinds }: { kinds: string[] }) {
  const pool = useQuery({
    queryKey: ['pool'],
    queryFn: () => getJson<Answer<typeof listLeadersRoute>>('/api/v1/brokering/leaders'),
  });
  return (
    <>
      {kinds.map((kind) => (
        <datalist key={kind} id={`leaders-${kind}`}>
          {(pool.data?.leaders ?? [])
            .filter((l) => l.roles.includes(kind) && l.left > 0)
            .map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
                {l.school_name ? `, ${l.school_name}` : ''}: {l.left} days left
              </option>
            ))}
        </datalist>
      ))}
    </>
  );
}

export function ProposalPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const proposal = useQuery({
    queryKey: ['proposal', id],
    queryFn: () => getJson<Answer<typeof proposalRoute>>(`/api/v1/brokering/proposals/${path(id)}`),
  });
  if (proposal.isError) return <Problem error={proposal.error} />;
  if (!proposal.data) return <p aria-busy="true">Loading the proposal…</p>;
  const p = proposal.data;
  const editable = can(session, 'brokering:write');
  const decided = Object.keys(choices).length;
  return (
    <>
      <p className="crumbs">
        <Link to="/brokering">Support needs</Link> ›
      </p>
      <h1>
        Proposal {p.id} for {p.unit}
      </h1>
      <p data-testid="proposal-summary">
        {p.pairs.length} of {p.needs} open needs matched from {p.leaders} leaders ({p.candidates} eligible
        pairs). Total fit {p.objective.toFixed(3)}; proven bound {p.bound.toFixed(3)}, a gap of{' '}
        {(p.gap * 100).toFixed(2)}%
        {p.status === 'optimal' ? ' (optimal within the gap asked for)' : ' (stopped at the time limit)'}, in{' '}
        {p.seconds.toFixed(1)} s.
      </p>
      {editable && (
        <p>
          <button
            type="button"
            disabled={decided === 0 || busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                const next = await send<Answer<typeof decideRoute>>(
                  'POST',
                  `/api/v1/brokering/proposals/${p.id}/decisions`,
                  {
                    decisions: Object.entries(choices).map(([need, c]) => ({ need: Number(need), ...c })),
                  } satisfies Body<typeof decideRoute>,
                );
                await queryClient.invalidateQueries();
                setChoices({});
                navigate(`/brokering/proposals/${next.id}`);
              } catch (e) {
                setError(e as Error);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy
              ? 'Applying and matching again…'
              : `Apply ${decided} decision${decided === 1 ? '' : 's'} and match the rest`}
          </button>
          {error && <Problem error={error} />}
        </p>
      )}
      {editable && <PoolLists kinds={[...new Set(p.pairs.map((pair) => pair.kind))]} />}
      <ul className="pairs">
        {p.pairs.map((pair) => (
          <PairCard
            key={pair.need}
            pair={pair}
            editable={editable}
            choice={choices[pair.need]}
            onChoose={(c) =>
              setChoices(({ [pair.need]: _, ...rest }) => (c ? { ...rest, [pair.need]: c } : rest))
            }
          />
        ))}
      </ul>
      {p.unmet.length > 0 && (
        <>
          <h2>Not matched ({p.unmet.length})</h2>
          <Link to={`/brokering/shortfall?proposal=${p.id}`}>The shortfall, by kind and area</Link>
          <ul data-testid="unmet">
            {p.unmet.map((u) => (
              <li key={u.need}>
                <Link to={`/schools/${path(u.school)}`}>{u.school_name}</Link>: {kindName(u.kind)}. {u.why}.
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
