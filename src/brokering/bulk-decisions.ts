// A broker's decisions on a whole proposal at once: a rule accepts every pair it takes (all of them, those
// with fit at or above a score, those in some areas), less the exceptions left for review, alongside
// decisions on single pairs (a swap, a reject); all in one audited transaction. Applying the same rule
// again makes nothing twice. What is left is matched again in the background (a job the page follows).
import { requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import type {
  AcceptRule,
  BulkDecisions,
  Decision,
  DecisionReport,
  Proposal,
  ProposedPair,
} from './proposal-contract.ts';
import { runProposalJob } from './proposal-jobs.ts';
import {
  type Applied,
  applyDecisions,
  deployedFrom,
  matchInputs,
  openNeeds,
  proposalArea,
  proposalById,
  proposeWith,
} from './proposals.ts';

/** Whether a rule takes a pair. */
const ruleTakes = (rule: AcceptRule, pair: ProposedPair) =>
  (rule.min_fit === undefined || pair.fit >= rule.min_fit) &&
  (rule.areas === undefined || (pair.area !== null && rule.areas.includes(pair.area)));

function describeRule(rule: AcceptRule): string {
  const parts = [
    rule.min_fit !== undefined ? `with fit at or above ${rule.min_fit.toFixed(2)}` : '',
    rule.areas ? `in ${rule.areas.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

const pairs = (n: number) => `${n} pair${n === 1 ? '' : 's'}`;

function summary(
  rule: AcceptRule | undefined,
  applied: Applied,
  report: Omit<DecisionReport, 'summary' | 'job'>,
) {
  const singles = [
    applied.swapped > 0 ? `swapped ${pairs(applied.swapped)}` : '',
    applied.rejected > 0 ? `rejected ${pairs(applied.rejected)}` : '',
  ].filter(Boolean);
  const accepted = `accepted ${pairs(applied.accepted)}${rule ? describeRule(rule) : ''}`;
  const done = applied.accepted > 0 || rule || singles.length === 0 ? [accepted, ...singles] : singles;
  const said = done.join(', ');
  const notes = [
    report.excepted > 0
      ? `${report.excepted} exception${report.excepted === 1 ? '' : 's'} left for review`
      : '',
    report.already > 0 ? `${pairs(report.already)} already accepted before` : '',
    report.not_open > 0 ? `${pairs(report.not_open)} left alone: their needs are no longer open` : '',
  ].filter(Boolean);
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}. The rest is being matched again.`;
}

/** The decisions a rule and the single decisions make, with the counts of what the rule left alone. */
function planned(proposal: Proposal, input: BulkDecisions, open: Set<number>, deployed: Map<number, number>) {
  const single = new Set(input.decisions.map((d) => d.need));
  const excepted = new Set(input.except);
  const byRule: Decision[] = [];
  let exceptions = 0;
  let notOpen = 0;
  if (input.accept) {
    for (const pair of proposal.pairs) {
      if (single.has(pair.need) || !ruleTakes(input.accept, pair)) continue;
      if (excepted.has(pair.need)) exceptions += 1;
      // A need deployed from this proposal is counted as already accepted when applied; any other
      // need no longer open was decided elsewhere since, and the rule leaves it.
      else if (!open.has(pair.need) && !deployed.has(pair.need)) notOpen += 1;
      else byRule.push({ need: pair.need, decision: 'accept' });
    }
  }
  return { decisions: [...input.decisions, ...byRule], exceptions, notOpen };
}

export async function bulkDecide(
  context: Context,
  proposalId: number,
  input: BulkDecisions,
): Promise<DecisionReport> {
  const { db, actor } = context;
  const asOf = input.as_of ?? context.today;
  const proposal = await proposalById(context, proposalId);
  requirePermission(actor, 'brokering:write');
  const inProposal = new Set(proposal.pairs.map((p) => p.need));
  const stray = input.except.find((need) => !inProposal.has(need));
  if (stray !== undefined)
    throw new HeadwayError('invalid', `except: need ${stray} has no pair in proposal ${proposal.id}`);
  const area = await proposalArea(db, proposal);
  const inputs = await matchInputs(context, asOf, { refresh: true });
  const needs = new Map((await openNeeds(context, inputs, area)).map((n) => [n.id, n]));
  const deployed = await deployedFrom(db, proposal.id);
  const plan = planned(proposal, input, new Set(needs.keys()), deployed);
  const applied = await db.transaction().execute(async (trx) => {
    const done = await applyDecisions(trx, actor, proposal, inputs, needs, plan.decisions, asOf, deployed);
    await recordAudit(trx, actor, 'decide', 'brokering-proposal', {
      proposal: proposal.id,
      rule: input.accept ?? null,
      except: input.except,
      decisions: input.decisions,
      ...done,
    });
    return done;
  });
  const decided = new Set(plan.decisions.map((d) => d.need));
  const counts = {
    ...applied,
    excepted: plan.exceptions,
    not_open: plan.notOpen,
    undecided: proposal.pairs.filter((p) => !decided.has(p.need)).length,
  };
  // The inputs already count the accepted pairs' days and places; the needs are read again.
  const job = runProposalJob(context, area, (progress) => proposeWith(context, inputs, area, progress));
  return { ...counts, summary: summary(input.accept, applied, counts), job };
}
