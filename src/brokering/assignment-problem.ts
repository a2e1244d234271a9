// The match as the solver sees it: leaders with days and places left, needs, and the eligible pairs
// with their fit; and what a solve gives back. Its own module so that the solver (solve.ts), its
// Lagrangian bound (lagrangian.ts), the worker thread and the random instances share it without
// importing one another.

export interface AssignmentProblem {
  needCount: number;
  /** Days each leader has left, and how many more schools each may take. */
  leaders: { days: number; slots: number }[];
  /** Places left in each of a leader's roles (an interim head's one vacancy), each with its own limit. */
  roles?: number[];
  /** `role`: the index into `roles` of the role the leader would meet the need in. */
  pairs: { need: number; leader: number; fit: number; days: number; role?: number }[];
}

type Pair = AssignmentProblem['pairs'][number];

/** What each leader and role has left as pairs are taken, greedily: the check every step shares. */
export function capacityLeft(problem: AssignmentProblem) {
  const days = problem.leaders.map((l) => l.days);
  const slots = problem.leaders.map((l) => l.slots);
  const roles = [...(problem.roles ?? [])];
  return {
    days,
    slots,
    roles,
    fits: (p: Pair) =>
      (days[p.leader] as number) >= p.days - 1e-9 &&
      (slots[p.leader] as number) >= 1 &&
      (p.role === undefined || (roles[p.role] as number) >= 1),
    take: (p: Pair) => {
      (days[p.leader] as number) -= p.days;
      (slots[p.leader] as number) -= 1;
      if (p.role !== undefined) (roles[p.role] as number) -= 1;
    },
  };
}

/** How long a solve may take, and the relative gap to its bound at which it may stop. */
export interface SolveLimits {
  timeLimitSeconds: number;
  mipGap: number;
}

export interface AssignmentSolution {
  /** Indices into `pairs` of the chosen ones. */
  chosen: number[];
  objective: number;
  /** The best proven upper bound on the total fit (HiGHS's MIP bound, or the LP relaxation's). */
  bound: number;
  /** (bound - objective) / objective; at most the gap asked for when the status is optimal. */
  gap: number;
  status: 'optimal' | 'time_limit';
  seconds: number;
  /** Which step found the assignment: LP-and-fix, the Lagrangian repair, or the whole MIP. */
  method: 'lp_and_fix' | 'lagrangian' | 'mip';
}
