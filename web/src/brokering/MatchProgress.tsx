// A match running in the background: its stage and count as the server reports them (polled twice a
// second), and, once it has made its proposal, that proposal opened with what was done before it.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { ProposalJob, proposalJobRoute } from '../../../src/brokering/proposal-contract.ts';
import type { Answer } from '../../../src/contract.ts';
import { getJson, path } from '../api.ts';

/** What the proposal page shows above a proposal made after decisions: what the decisions did. */
export interface DecidedState {
  decided?: string;
}

export function MatchProgress({ started, decided }: { started: ProposalJob; decided?: string }) {
  const navigate = useNavigate();
  const job = useQuery({
    queryKey: ['proposal-job', started.id],
    queryFn: () =>
      getJson<Answer<typeof proposalJobRoute>>(`/api/v1/brokering/proposal-jobs/${path(started.id)}`),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 500 : false),
  });
  const now = job.data ?? started;
  useEffect(() => {
    if (now.status === 'done' && now.proposal !== null)
      navigate(`/brokering/proposals/${now.proposal}`, { state: { decided } satisfies DecidedState });
  }, [now.status, now.proposal, navigate, decided]);
  if (now.status === 'failed') return <p role="alert">The match stopped: {now.error}</p>;
  return (
    <div className="match-progress" data-testid="match-progress">
      <p role="status">
        {now.stage}
        {now.total > 0 &&
          `: ${now.done.toLocaleString('en-GB')} of ${now.total.toLocaleString('en-GB')} needs`}{' '}
        <span className="muted">({now.seconds.toFixed(1)} s)</span>
      </p>
      <progress
        aria-label="Progress of the match"
        {...(now.total > 0 ? { value: now.done, max: now.total } : {})}
      />
    </div>
  );
}
