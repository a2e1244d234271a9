// A whole authority's match keeps HiGHS busy for seconds of synchronous WebAssembly: solved on the
// server's own thread it would stop every other request for that long. Large problems are solved in a
// worker thread; small ones (milliseconds) where they are, as starting a thread costs more.
import { Worker } from 'node:worker_threads';
import type { AssignmentProblem, AssignmentSolution, SolveLimits } from './assignment-problem.ts';
import { solveAssignment } from './solve.ts';

/** Candidate pairs above which a solve goes to a worker thread. */
const OFF_THREAD_PAIRS = 2_000;

function threadFor(problem: AssignmentProblem, limits: SolveLimits) {
  const workerData = { problem, limits };
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./solve-thread.js', import.meta.url), { workerData });
  // Run from TypeScript sources (tests, development), the thread registers tsx before loading them.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./solve-thread.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true, workerData },
  );
}

export function solveAssignmentOffThread(
  problem: AssignmentProblem,
  limits: SolveLimits,
  offThreadPairs = OFF_THREAD_PAIRS,
): Promise<AssignmentSolution> {
  if (problem.pairs.length < offThreadPairs) return solveAssignment(problem, limits);
  return new Promise((resolve, reject) => {
    const worker = threadFor(problem, limits);
    worker.once('message', (solution: AssignmentSolution) => {
      resolve(solution);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The solver's thread stopped with code ${code}`));
    });
  });
}
