// Placements: NPQH internships and associate head placements. The director asks for a proposal (the
// candidates matched to host schools by the solver support brokering uses: capacity in days and places,
// the catalogue's host rules, never the candidate's own school or trust), reads why each pair and each
// refusal, and accepts the pairs ticked; the agreed placements are listed below.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer, Body } from '../../../src/contract.ts';
import type {
  acceptPlacementsRoute,
  changePlacementRoute,
  listPlacementsRoute,
  PlacementProposal,
} from '../../../src/programmes/placement-contract.ts';
import { getJson, send } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { Scroll } from '../Scroll.tsx';
import { can, useSession } from '../session.tsx';
import { useAction } from '../useAction.ts';
import { ProgrammesNav, placementNames } from './labels.tsx';
import { ProposalView } from './ProposalView.tsx';

function Propose() {
  const [proposal, setProposal] = useState<PlacementProposal | null>(null);
  const [busy, setBusy] = useState(false);
  const [agreed, setAgreed] = useState<number | null>(null);
  const { error, run } = useAction();
  const propose = () =>
    run(async () => {
      setBusy(true);
      setAgreed(null);
      try {
        setProposal(await send<PlacementProposal>('POST', '/api/v1/programmes/placements/proposal', {}));
      } finally {
        setBusy(false);
      }
    });
  const accept = (pairs: Body<typeof acceptPlacementsRoute>['pairs']) =>
    run(async () => {
      const made = await send<Answer<typeof acceptPlacementsRoute>>('POST', '/api/v1/programmes/placements', {
        pairs,
      } satisfies Body<typeof acceptPlacementsRoute>);
      setAgreed(made.placements.length);
      setProposal(null);
    });
  return (
    <section aria-labelledby="propose-heading">
      <h2 id="propose-heading">Propose placements</h2>
      <p>
        Candidates are enrolled participants of a programme with a placement who have none yet. Hosts are
        heads designated NPQH host school or associate headteacher placement (see the role catalogue), with
        the days and places their designation leaves after support deployments and agreed placements.
      </p>
      <button type="button" onClick={() => void propose()} disabled={busy}>
        {busy ? 'Matching…' : 'Propose placements'}
      </button>
      {error && <Problem error={error} />}
      {agreed !== null && (
        <p role="status" data-testid="agreed">
          Agreed {agreed} {agreed === 1 ? 'placement' : 'placements'}.
        </p>
      )}
      {proposal && <ProposalView proposal={proposal} onAccept={accept} />}
    </section>
  );
}

function Finish({ id }: { id: number }) {
  const { error, run } = useAction();
  const change = (status: Body<typeof changePlacementRoute>['status']) =>
    run(() => send('PATCH', `/api/v1/programmes/placements/${id}`, { status }));
  return (
    <>
      <button type="button" onClick={() => void change('finished')}>
        Finished
      </button>{' '}
      <button type="button" onClick={() => void change('cancelled')}>
        Cancel
      </button>
      {error && <Problem error={error} />}
    </>
  );
}

export function PlacementsPage() {
  const session = useSession();
  const director = can(session, 'programmes:write') && session.whole_authority;
  const readable = can(session, 'programmes:read');
  const placements = useQuery({
    queryKey: ['placements'],
    queryFn: () => getJson<Answer<typeof listPlacementsRoute>>('/api/v1/programmes/placements'),
    enabled: readable,
  });
  return (
    <>
      <h1>Placements</h1>
      <ProgrammesNav />
      {director && <Propose />}
      <section aria-labelledby="placements-heading">
        <h2 id="placements-heading">Agreed placements</h2>
        {!readable ? (
          <p>
            Placements name the candidates: your role sees the programmes’ figures, not who is placed where.
          </p>
        ) : placements.isError ? (
          <Problem error={placements.error} />
        ) : !placements.data ? (
          <p aria-busy="true">Loading placements…</p>
        ) : placements.data.placements.length === 0 ? (
          <p>No placements yet.</p>
        ) : (
          <Scroll label="Agreed placements">
            <table className="grid" data-testid="placements">
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Their school</th>
                  <th scope="col">Placement</th>
                  <th scope="col">Host school</th>
                  <th scope="col" className="number">
                    Days
                  </th>
                  <th scope="col">Agreed</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {placements.data.placements.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{p.school_name ?? '—'}</td>
                    <td>{placementNames[p.kind]}</td>
                    <td>
                      {p.host_school_name} <small>({p.host_name})</small>
                    </td>
                    <td className="number">{p.days}</td>
                    <td>{p.agreed_on}</td>
                    <td>{director && p.status === 'agreed' ? <Finish id={p.id} /> : p.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </section>
    </>
  );
}
