// A worker thread's entry: solves one assignment problem and posts the solution back (see solve-off-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { type AssignmentProblem, solveAssignment } from './solve.ts';

const { problem, limits } = workerData as {
  problem: AssignmentProblem;
  limits: { timeLimitSeconds: number; mipGap: number };
};
parentPort?.postMessage(await solveAssignment(problem, limits));
