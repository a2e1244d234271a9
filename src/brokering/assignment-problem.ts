// The match as the solver sees it: leaders with days and places left, needs, and the eligible pairs
// with their fit; and what a solve gives back. Its own module so that the solver (solve.ts), its
// Lagrangian bound (lagrangian.ts), the worker thread and the random instances share it without
// importing one another.

export interface AssignmentProblem {
  needCount: number;
  /** Days each leader has left, and how many more schools each may take. */
  leaders: { days: number; slots: number }[];
  pairs: { need: number; leader: number; fit: number; days: number }[];
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
