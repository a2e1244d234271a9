// A whole authority's match takes seconds (scoring ~800 needs against ~900 leaders, then HiGHS): run as a
// job in the background, it reports its stage and count as it goes, and the page polls it. Jobs live in
// this process's memory for an hour after they finish; a restart forgets them (the proposals they made
// are kept in the database).
import { randomUUID } from 'node:crypto';
import { canSee, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import type { Progress } from './match.ts';
import type { Proposal, ProposalJob, ProposeInput } from './proposal-contract.ts';
import { matchInputs, proposalScope, proposeWith } from './proposals.ts';

interface Job extends Omit<ProposalJob, 'seconds'> {
  /** Who started it and for which unit: only they, or a broker who can see the unit, may follow it. */
  startedBy: string;
  unit: string | undefined;
  startedAt: number;
  finishedAt: number | null;
}

const KEEP_MS = 60 * 60 * 1000;
const jobs = new Map<string, Job>();

const view = ({
  id,
  status,
  stage,
  done,
  total,
  proposal,
  error,
  startedAt,
  finishedAt,
}: Job): ProposalJob => ({
  id,
  status,
  stage,
  done,
  total,
  seconds: Math.round(((finishedAt ?? Date.now()) - startedAt) / 100) / 10,
  proposal,
  error,
});

/** Runs a match in the background; `work` reports its progress and returns the proposal it made. */
export function runProposalJob(
  context: Context,
  unit: string | undefined,
  work: (progress: Progress) => Promise<Proposal>,
): ProposalJob {
  const now = Date.now();
  for (const [id, old] of jobs)
    if (old.finishedAt !== null && now - old.finishedAt > KEEP_MS) jobs.delete(id);
  const job: Job = {
    id: randomUUID(),
    status: 'running',
    stage: 'Starting',
    done: 0,
    total: 0,
    proposal: null,
    error: null,
    startedBy: context.actor.name,
    unit,
    startedAt: now,
    finishedAt: null,
  };
  jobs.set(job.id, job);
  const progress: Progress = (stage, done = 0, total = 0) => Object.assign(job, { stage, done, total });
  work(progress).then(
    (proposal) =>
      Object.assign(job, { status: 'done', stage: 'Done', proposal: proposal.id, finishedAt: Date.now() }),
    (error: unknown) => {
      // A refusal says why; anything else stays in the server log, as the API's own failures do.
      const reference = randomUUID().slice(0, 8);
      if (!(error instanceof HeadwayError)) console.error(`[${reference}] match ${job.id} failed`, error);
      Object.assign(job, {
        status: 'failed',
        stage: 'Failed',
        error:
          error instanceof HeadwayError
            ? error.message
            : `Sorry, the match failed on the server (reference ${reference})`,
        finishedAt: Date.now(),
      });
    },
  );
  return view(job);
}

/** Starts a match of the open needs of the caller's scope (or an area), checked before it starts. */
export function startProposalJob(context: Context, input: ProposeInput): ProposalJob {
  const { asOf, area } = proposalScope(context, input);
  return runProposalJob(context, area, async (progress) =>
    proposeWith(context, await matchInputs(context, asOf, { refresh: true }, progress), area, progress),
  );
}

/** A background match, for the one who started it or a broker who can see its unit. */
export function proposalJob(context: Context, id: string): ProposalJob {
  const { actor } = context;
  requirePermission(actor, 'brokering:write');
  const job = jobs.get(id);
  const visible =
    job &&
    (job.startedBy === actor.name || (job.unit === undefined ? actor.scope.all : canSee(actor, job.unit)));
  if (!job || !visible) throw notFound(`Match ${id}`);
  return view(job);
}
