// A broker's "propose a match": started in the background, its progress shown until the proposal opens.
import { useState } from 'react';
import type { ProposalJob, startProposalJobRoute } from '../../../src/brokering/proposal-contract.ts';
import type { Answer, Body } from '../../../src/contract.ts';
import { send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { can, useSession } from '../session.tsx';
import { MatchProgress } from './MatchProgress.tsx';

/** A match is made for an area: only those who lead one (or the whole authority) can ask for one. */
export function ProposeButton({ area: chosen, areas }: { area: string; areas: string[] }) {
  const session = useSession();
  const [job, setJob] = useState<ProposalJob | null>(null);
  const [error, setError] = useState<Error | null>(null);
  if (!can(session, 'brokering:write')) return null;
  if (!session.whole_authority && areas.length === 0)
    return (
      <p className="muted">
        A match is made for a whole area: the director or the area's lead proposes one. You can raise and
        follow your schools' needs here.
      </p>
    );
  // An area lead of one area brokers for it without choosing it first.
  const area = chosen || (!session.whole_authority && areas.length === 1 ? (areas[0] ?? '') : '');
  const needsArea = !session.whole_authority && !area;
  return (
    <>
      <p>
        <button
          type="button"
          disabled={job !== null || needsArea}
          onClick={async () => {
            setError(null);
            try {
              setJob(
                await send<Answer<typeof startProposalJobRoute>>(
                  'POST',
                  '/api/v1/brokering/proposal-jobs',
                  (area ? { area } : {}) satisfies Body<typeof startProposalJobRoute>,
                ),
              );
            } catch (e) {
              setError(e as Error);
            }
          }}
        >
          {job ? 'Matching…' : `Propose a match for the open needs${area ? ` of ${area}` : ''}`}
        </button>{' '}
        {needsArea && <span className="muted">Choose your area first.</span>}
      </p>
      {job && <MatchProgress started={job} />}
      {error && <Problem error={error} />}
    </>
  );
}
