// The challenge status workflow: open -> in progress -> resolved -> verified, or closed (won't fix) with
// a reason; a resolved challenge that does not stand up is reopened, a closed one can be reopened.
// Verification is someone else's word: the owner cannot verify their own resolution.
import { HeadwayError } from '../errors.ts';
import type { ChallengeStatus } from './challenge-contract.ts';

export const transitions: Record<ChallengeStatus, readonly ChallengeStatus[]> = {
  open: ['in_progress', 'closed'],
  in_progress: ['resolved', 'closed', 'open'],
  resolved: ['verified', 'in_progress'],
  verified: [],
  closed: ['open'],
};

const statusNames: Record<ChallengeStatus, string> = {
  open: 'open',
  in_progress: 'in progress',
  resolved: 'resolved',
  verified: 'verified',
  closed: "closed: won't fix",
};

export interface StatusChange {
  to: ChallengeStatus;
  /** Required to resolve: what was done. */
  resolution?: string;
  /** Required to close: why it will not be fixed. */
  reason?: string;
}

/** Refuses a move the workflow does not allow, or one missing what it needs, saying what would do. */
export function checkTransition(id: number, from: ChallengeStatus, change: StatusChange): void {
  const allowed = transitions[from];
  if (!allowed.includes(change.to)) {
    const next = allowed.length
      ? `from ${statusNames[from]} it can only go to ${allowed.map((s) => statusNames[s]).join(' or ')}`
      : `${statusNames[from]} is final`;
    throw new HeadwayError(
      'conflict',
      `Challenge ${id} cannot go from ${statusNames[from]} to ${statusNames[change.to]}: ${next}`,
    );
  }
  if (change.to === 'resolved' && !change.resolution?.trim())
    throw new HeadwayError('invalid', `Challenge ${id}: say how it was resolved (resolution)`);
  if (change.to === 'closed' && !change.reason?.trim())
    throw new HeadwayError('invalid', `Challenge ${id}: say why it will not be fixed (reason)`);
}
