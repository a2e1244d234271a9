// How the pages name a challenge's status (the API sends its code).
import type { ChallengeStatus } from '../../../src/meetings/challenge-contract.ts';

export const statusLabel: Record<ChallengeStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  verified: 'Verified',
  closed: "Closed: won't fix",
};
