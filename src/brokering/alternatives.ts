// Whom a broker may swap in for a need of a proposal: every leader eligible for it on the date, best fit
// first, each with the reasons a proposed pair gives and the days they would have left, and where the
// proposal already uses them; so a swap is chosen by name, never by a person code.
import { requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { fitOf, ineligibility } from './eligibility.ts';
import { reasonsFor } from './match.ts';
import type { Alternatives } from './proposal-contract.ts';
import { matchInputs, openNeeds, proposalArea, proposalById } from './proposals.ts';

export async function swapAlternatives(
  context: Context,
  proposalId: number,
  needId: number,
): Promise<Alternatives> {
  const { db, actor } = context;
  const proposal = await proposalById(context, proposalId);
  requirePermission(actor, 'brokering:write');
  const inputs = await matchInputs(context, context.today, { refresh: false });
  const need = (await openNeeds(context, inputs, await proposalArea(db, proposal))).find(
    (n) => n.id === needId,
  );
  if (!need) throw notFound(`Open need ${needId} of proposal ${proposal.id}`);
  const proposed = proposal.pairs.find((p) => p.need === needId)?.leader ?? null;
  // Where the proposal uses each leader (their first pair): a swap takes them from nothing already
  // decided, but the match of the rest will not give them that pair too if their days run out.
  const usedFor = new Map<string, (typeof proposal.pairs)[number]>();
  for (const p of proposal.pairs) if (p.need !== needId && !usedFor.has(p.leader)) usedFor.set(p.leader, p);
  const alternatives = inputs.leaders
    .filter((l) => l.code !== proposed && ineligibility(l, need, inputs.settings).length === 0)
    .map((leader) => {
      const candidate = fitOf(leader, need, inputs.settings);
      const daysLeft = leader.funded - leader.committed - need.days;
      const other = usedFor.get(leader.code);
      return {
        leader: leader.code,
        leader_name: leader.name,
        fit: candidate.fit,
        parts: candidate.parts,
        km: candidate.km,
        reasons: reasonsFor({ ...candidate, need, leader }, daysLeft),
        days_left: daysLeft,
        proposed_for: other ? { need: other.need, school_name: other.school_name, fit: other.fit } : null,
      };
    })
    .sort((a, b) => b.fit - a.fit || a.leader_name.localeCompare(b.leader_name));
  return { need: need.id, school_name: need.school.name, kind: need.kind, proposed, alternatives };
}
