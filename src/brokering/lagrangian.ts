// A bound on the best total fit that is tighter than the LP relaxation's: relax "at most one leader per
// need" with a price u(n) >= 0 on each need; what is left splits into one small knapsack per leader
// (days, and places), each solved exactly by dynamic programming. For any prices the result is a valid
// upper bound (Lagrangian relaxation); prices start at the LP's duals and improve by subgradient steps.
// Each role's places are left out of the knapsacks: dropping a constraint only loosens the bound, and
// the repair that makes assignments keeps to them.
import { type AssignmentProblem, capacityLeft } from './assignment-problem.ts';

/** The best fit one leader can take at these prices, and which of their pairs (by index) give it. */
function leaderKnapsack(
  pairs: AssignmentProblem['pairs'],
  own: number[],
  prices: Float64Array,
  capacity: { days: number; slots: number },
): { value: number; taken: number[] } {
  // Only pairs worth more than their need's price can help; days are rounded down, which only loosens.
  const items = own.filter((j) => (pairs[j]?.fit ?? 0) - (prices[pairs[j]?.need ?? 0] ?? 0) > 1e-12);
  const days = Math.floor(capacity.days + 1e-9);
  const slots = Math.min(capacity.slots, items.length);
  if (items.length === 0 || slots <= 0) return { value: 0, taken: [] };
  const width = days + 1;
  // best[s][d]: the most value with at most s items and d days; keep[i] marks where item i improved it.
  let best = new Float64Array((slots + 1) * width);
  const keep: Uint8Array[] = [];
  for (const j of items) {
    const p = pairs[j] as AssignmentProblem['pairs'][number];
    const w = Math.floor(p.days + 1e-9);
    const v = p.fit - (prices[p.need] as number);
    const next = Float64Array.from(best);
    const kept = new Uint8Array((slots + 1) * width);
    for (let s = 1; s <= slots; s++)
      for (let d = w; d <= days; d++) {
        const candidate = (best[(s - 1) * width + d - w] as number) + v;
        if (candidate > (next[s * width + d] as number)) {
          next[s * width + d] = candidate;
          kept[s * width + d] = 1;
        }
      }
    best = next;
    keep.push(kept);
  }
  let s = slots;
  let d = days;
  const value = best[s * width + d] as number;
  const taken: number[] = [];
  for (let i = items.length - 1; i >= 0 && s > 0; i--) {
    if ((keep[i] as Uint8Array)[s * width + d]) {
      const j = items[i] as number;
      taken.push(j);
      d -= Math.floor((pairs[j]?.days ?? 0) + 1e-9);
      s -= 1;
    }
  }
  return { value, taken };
}

/**
 * A feasible assignment from the leaders' knapsacks: a need taken by several leaders keeps the best fit,
 * then needs left over go, best fit first, to leaders with days and places still free.
 */
export function repair(problem: AssignmentProblem, taken: number[]): { chosen: number[]; objective: number } {
  const left = capacityLeft(problem);
  const met = new Set<number>();
  const chosen: number[] = [];
  let objective = 0;
  const consider = (order: number[]) => {
    for (const j of order) {
      const p = problem.pairs[j] as AssignmentProblem['pairs'][number];
      if (met.has(p.need) || !left.fits(p)) continue;
      met.add(p.need);
      left.take(p);
      chosen.push(j);
      objective += p.fit;
    }
  };
  const byFit = (a: number, b: number) => (problem.pairs[b]?.fit ?? 0) - (problem.pairs[a]?.fit ?? 0);
  consider([...taken].sort(byFit));
  consider(problem.pairs.map((_, j) => j).sort(byFit));
  return { chosen, objective };
}

export interface LagrangianResult {
  bound: number;
  /** The best assignment repaired from the knapsacks on the way. */
  chosen: number[];
  objective: number;
}

/** The Lagrangian bound at the best prices found within the time, starting from `start`. */
export function lagrangianBound(
  problem: AssignmentProblem,
  start: Float64Array,
  options: { seconds: number; target: number },
): LagrangianResult {
  const started = performance.now();
  const byLeader = problem.leaders.map(() => [] as number[]);
  problem.pairs.forEach((p, j) => {
    byLeader[p.leader]?.push(j);
  });
  const prices = Float64Array.from(start, (u) => Math.max(0, u));
  let best = Number.POSITIVE_INFINITY;
  let incumbent = { chosen: [] as number[], objective: 0 };
  let target = options.target;
  let step = 2;
  let stalled = 0;
  for (let iteration = 0; iteration < 1000; iteration++) {
    const covered = new Float64Array(problem.needCount);
    let bound = prices.reduce((sum, u) => sum + u, 0);
    const takenAll: number[] = [];
    problem.leaders.forEach((capacity, l) => {
      const { value, taken } = leaderKnapsack(problem.pairs, byLeader[l] as number[], prices, capacity);
      bound += value;
      takenAll.push(...taken);
      for (const j of taken) (covered[problem.pairs[j]?.need as number] as number) += 1;
    });
    const repaired = repair(problem, takenAll);
    if (repaired.objective > incumbent.objective) incumbent = repaired;
    target = Math.max(target, incumbent.objective);
    // Held and Karp's rule: halve the step after a few iterations without a better bound.
    if (bound < best - 1e-9) {
      best = bound;
      stalled = 0;
    } else if (++stalled >= 5) {
      step /= 2;
      stalled = 0;
    }
    // The subgradient of the bound in u(n) is 1 - (leaders taking need n); step towards a smaller bound.
    let norm = 0;
    for (let n = 0; n < problem.needCount; n++) norm += (1 - (covered[n] as number)) ** 2;
    if (norm === 0 || best - target < 1e-9) break;
    const t = (step * Math.max(best - target, 1e-6)) / norm;
    for (let n = 0; n < problem.needCount; n++)
      prices[n] = Math.max(0, (prices[n] as number) - t * (1 - (covered[n] as number)));
    if ((performance.now() - started) / 1000 > options.seconds || step < 1e-3) break;
  }
  return { bound: best, ...incumbent };
}
