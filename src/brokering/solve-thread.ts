// A worker thread's entry: solves one assignment problem and posts the solution back (see solve-off-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { AssignmentProblem, SolveLimits } from './assignment-problem.ts';
import { solveAssignment } from './solve.ts';

const { problem, limits } = workerData as {
  problem: AssignmentProblem;
  limits: SolveLimits;
};
parentPort?.postMessage(await solveAssignment(problem, limits));
