// A placement proposal as the director reads it: each pair with why this host (and why not the next
// best), ticked to accept; each candidate left unplaced with why; each host's days and places before and
// after, so no host is seen to be over capacity.
import { useState } from 'react';
import type { PlacementProposal } from '../../../src/programmes/placement-contract.ts';
import { Scroll } from '../Scroll.tsx';
import { placementNames } from './labels.tsx';

export function ProposalView({
  proposal,
  onAccept,
}: {
  proposal: PlacementProposal;
  onAccept: (pairs: { participant: number; host: string }[]) => void;
}) {
  const [ticked, setTicked] = useState(() => new Set(proposal.pairs.map((p) => p.participant)));
  const toggle = (id: number) => {
    const next = new Set(ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTicked(next);
  };
  const used = proposal.hosts.filter((h) => h.proposed > 0 || h.taken > 0);
  return (
    <div data-testid="proposal">
      <p role="status">
        {proposal.pairs.length} of {proposal.candidates} candidates placed; {proposal.refused.length} not
        placed. Total fit {proposal.objective.toFixed(3)}
        {proposal.status === 'optimal'
          ? ', the best the solver can prove.'
          : `, within ${(proposal.gap * 100).toFixed(1)}% of the best.`}
      </p>
      {proposal.pairs.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onAccept(
              proposal.pairs
                .filter((p) => ticked.has(p.participant))
                .map((p) => ({ participant: p.participant, host: p.host })),
            );
          }}
        >
          <ul className="pair-cards" data-testid="proposed-pairs">
            {proposal.pairs.map((p) => (
              <li key={p.participant} className="panel" data-testid={`pair-${p.participant}`}>
                <label>
                  <input
                    type="checkbox"
                    checked={ticked.has(p.participant)}
                    onChange={() => toggle(p.participant)}
                  />{' '}
                  Accept <strong>{p.name}</strong> at <strong data-testid="host">{p.host_school_name}</strong>
                </label>
                <p>
                  From {p.school_name}; {placementNames[p.kind]}, {p.days} days; fit {p.fit.toFixed(3)}
                  {p.km !== null && `; ${p.km} km`}
                </p>
                <details>
                  <summary>Why {p.host_school_name}</summary>
                  <ul>
                    {p.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                  {p.next_best && (
                    <p>
                      Not {p.next_best.host_school_name}: {p.next_best.why_not}
                    </p>
                  )}
                </details>
              </li>
            ))}
          </ul>
          <button type="submit" disabled={ticked.size === 0}>
            Accept {ticked.size} {ticked.size === 1 ? 'placement' : 'placements'}
          </button>
        </form>
      )}
      {proposal.refused.length > 0 && (
        <>
          <h3>Not placed</h3>
          <ul data-testid="refused">
            {proposal.refused.map((r) => (
              <li key={r.participant}>
                <strong>{r.name}</strong> ({r.school_name ?? 'no school'}, {placementNames[r.kind]}, {r.days}{' '}
                days): {r.why}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Hosts’ capacity</h3>
      {used.length === 0 ? (
        <p>No host takes a candidate.</p>
      ) : (
        <Scroll label="Hosts’ capacity">
          <table className="grid" data-testid="hosts">
            <thead>
              <tr>
                <th scope="col">Host school</th>
                <th scope="col" className="number">
                  Days funded
                </th>
                <th scope="col" className="number">
                  Given already
                </th>
                <th scope="col" className="number">
                  This proposal
                </th>
                <th scope="col" className="number">
                  Places taken
                </th>
              </tr>
            </thead>
            <tbody>
              {used.map((h) => (
                <tr key={h.host}>
                  <th scope="row">
                    {h.host_school_name} <small>({h.host_name})</small>
                  </th>
                  <td className="number">{h.funded}</td>
                  <td className="number">{h.committed}</td>
                  <td className="number">{h.proposed}</td>
                  <td className="number">
                    {h.taken} of {h.places}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      <p className="muted">
        {proposal.hosts.length} hosts in all; those with nothing given or proposed are left out.
      </p>
    </div>
  );
}
