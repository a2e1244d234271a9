// The match as a generalized assignment problem, solved with HiGHS: choose leader-need pairs to
// maximise total fit, at most one leader per need, within each leader's days and school places.
// The problem is NP-hard, so the solve has a time limit and always reports its proven gap:
//  1. the LP relaxation gives an upper bound on any assignment (and, being a basic solution, is
//     integral for all but a few pairs);
//  2. its whole pairs are kept and the few needs it splits are matched exactly as a small MIP in the
//     capacity left, which gives a good assignment fast, within a proven gap of the LP bound;
//  3. a Lagrangian bound (prices on the needs, a knapsack per leader) tightens the LP's bound;
//  4. while the gap is above what was asked and time allows, the whole MIP runs from that assignment,
//     tightening the bound and improving the assignment.
import highsModule, { type Highs } from 'highs';
import {
  type AssignmentProblem,
  type AssignmentSolution,
  capacityLeft,
  type SolveLimits,
} from './assignment-problem.ts';
import { lagrangianBound, repair } from './lagrangian.ts';

// The package ships an ES module whose default export is the loader, typed as CommonJS; say so here.
const loadHighs = highsModule as unknown as typeof import('highs')['default'];

let highs: Promise<Highs> | undefined;
/** The WASM module is compiled once per process; each solve gets a fresh model. */
const solver = () => {
  highs ??= loadHighs();
  return highs;
};

interface Run {
  status: number;
  values: Float64Array;
  objective: number;
  bound: number;
  /** The LP's prices of "at most one leader" on each need (absolute values; any price >= 0 bounds). */
  needPrices: Float64Array;
}

/** One HiGHS run of the problem as a MIP (or its LP relaxation), optionally from a starting assignment. */
function run(
  h: Highs,
  problem: AssignmentProblem,
  options: { integer: boolean; timeLimit: number; mipGap: number; start?: number[] },
): Run {
  const { pairs, leaders, needCount } = problem;
  const leaderCount = leaders.length;
  // A leader's places need a row only when their days alone would let them take more schools.
  const pairDays = leaders.map(() => [] as number[]);
  for (const p of pairs) pairDays[p.leader]?.push(p.days);
  const placesBind = leaders.map((l, i) => {
    let days = 0;
    let count = 0;
    for (const d of (pairDays[i] ?? []).sort((a, b) => a - b)) {
      if (days + d > l.days) break;
      days += d;
      count += 1;
    }
    return count > l.slots;
  });
  const placeRow = new Int32Array(leaderCount).fill(-1);
  let numRows = needCount + leaderCount;
  placesBind.forEach((binds, i) => {
    if (binds) placeRow[i] = numRows++;
  });
  // Each role's places: a row per role some pair is met in.
  const roleRow = new Map<number, number>();
  for (const p of pairs) if (p.role !== undefined && !roleRow.has(p.role)) roleRow.set(p.role, numRows++);
  const rowUpper = new Float64Array(numRows);
  for (const [role, row] of roleRow) rowUpper[row] = problem.roles?.[role] ?? 0;
  rowUpper.fill(1, 0, needCount);
  leaders.forEach((l, i) => {
    rowUpper[needCount + i] = l.days;
    if (placeRow[i] !== -1) rowUpper[placeRow[i] as number] = l.slots;
  });
  const starts = new Int32Array(pairs.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  pairs.forEach((p, j) => {
    starts[j] = indices.length;
    indices.push(p.need, needCount + p.leader);
    values.push(1, p.days);
    const row = placeRow[p.leader] as number;
    if (row !== -1) {
      indices.push(row);
      values.push(1);
    }
    if (p.role !== undefined) {
      indices.push(roleRow.get(p.role) as number);
      values.push(1);
    }
  });
  starts[pairs.length] = indices.length;
  return h.withModel(
    {
      numCols: pairs.length,
      numRows,
      sense: h.constants.objectiveSense.maximize,
      colCost: Float64Array.from(pairs, (p) => p.fit),
      colLower: new Float64Array(pairs.length),
      colUpper: new Float64Array(pairs.length).fill(1),
      rowLower: new Float64Array(numRows).fill(Number.NEGATIVE_INFINITY),
      rowUpper,
      matrix: {
        format: 'csc',
        numRows,
        numCols: pairs.length,
        starts,
        indices: Int32Array.from(indices),
        values: Float64Array.from(values),
      },
      ...(options.integer && {
        integrality: new Int32Array(pairs.length).fill(h.constants.variableType.integer),
      }),
    },
    (model) => {
      model.options.set({
        output_flag: false,
        time_limit: Math.max(0.01, options.timeLimit),
        mip_rel_gap: options.mipGap,
      });
      if (options.start) {
        const colValue = new Float64Array(pairs.length);
        for (const j of options.start) colValue[j] = 1;
        model.setSolution({ colValue });
      }
      const { modelStatus } = model.run();
      const solution = model.getSolution();
      const objective = model.getObjectiveValue();
      const bound = options.integer ? Number(model.info.get('mip_dual_bound')) : objective;
      const needPrices = options.integer
        ? new Float64Array(needCount)
        : Float64Array.from({ length: needCount }, (_, n) => Math.abs(solution.rowDual?.[n] ?? 0));
      return {
        status: modelStatus,
        values: Float64Array.from(solution.colValue),
        objective,
        bound,
        needPrices,
      };
    },
  );
}

const total = (problem: AssignmentProblem, chosen: number[]) =>
  chosen.reduce((sum, j) => sum + (problem.pairs[j]?.fit ?? 0), 0);
/** One leader per need at most, and no leader beyond their days or places, nor any role beyond its places. */
function feasible(problem: AssignmentProblem, chosen: number[]): boolean {
  const left = capacityLeft(problem);
  const needs = new Set<number>();
  for (const j of chosen) {
    const p = problem.pairs[j] as AssignmentProblem['pairs'][number];
    if (needs.has(p.need)) return false;
    needs.add(p.need);
    left.take(p);
  }
  return (
    left.days.every((d) => d >= -1e-9) && left.slots.every((s) => s >= 0) && left.roles.every((r) => r >= 0)
  );
}

const gapOf = (objective: number, bound: number) =>
  objective > 0 ? Math.max(0, (bound - objective) / objective) : bound > 1e-9 ? 1 : 0;

/** Keeps the LP's whole pairs and matches the needs it split, exactly, in the capacity left. */
function lpAndFix(
  h: Highs,
  problem: AssignmentProblem,
  lp: Run,
  timeLimit: number,
  mipGap: number,
): number[] {
  const left = capacityLeft(problem);
  const { days, slots, roles } = left;
  const met = new Set<number>();
  // Each whole pair is kept only while it still fits: an LP stopped early need not be feasible.
  const kept = problem.pairs.flatMap((p, j) => {
    if ((lp.values[j] ?? 0) <= 1 - 1e-6 || met.has(p.need) || !left.fits(p)) return [];
    left.take(p);
    met.add(p.need);
    return [j];
  });
  const rest = problem.pairs.flatMap((p, j) => (!met.has(p.need) && left.fits(p) ? [j] : []));
  if (rest.length === 0) return kept;
  const needIndex = new Map<number, number>();
  for (const j of rest) {
    const need = problem.pairs[j]?.need as number;
    if (!needIndex.has(need)) needIndex.set(need, needIndex.size);
  }
  const residual: AssignmentProblem = {
    needCount: needIndex.size,
    leaders: problem.leaders.map((_, i) => ({ days: days[i] as number, slots: slots[i] as number })),
    roles,
    pairs: rest.map((j) => {
      const p = problem.pairs[j] as AssignmentProblem['pairs'][number];
      return { ...p, need: needIndex.get(p.need) as number };
    }),
  };
  const small = run(h, residual, { integer: true, timeLimit, mipGap });
  return [...kept, ...rest.filter((_, k) => (small.values[k] ?? 0) > 0.5)];
}

export async function solveAssignment(
  problem: AssignmentProblem,
  limits: SolveLimits,
): Promise<AssignmentSolution> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  if (problem.pairs.length === 0)
    return {
      chosen: [],
      objective: 0,
      bound: 0,
      gap: 0,
      status: 'optimal',
      seconds: 0,
      method: 'lp_and_fix',
    };
  const h = await solver();
  const lp = run(h, problem, { integer: false, timeLimit: limits.timeLimitSeconds, mipGap: limits.mipGap });
  const lpSeconds = elapsed();
  let chosen = lpAndFix(h, problem, lp, limits.timeLimitSeconds - lpSeconds, limits.mipGap);
  let objective = total(problem, chosen);
  let bound = lp.status === h.constants.modelStatus.optimal ? lp.objective : Number.POSITIVE_INFINITY;
  let method: AssignmentSolution['method'] = 'lp_and_fix';
  let left = limits.timeLimitSeconds - elapsed();
  if (gapOf(objective, bound) > limits.mipGap && left > 0) {
    // When the whole MIP cannot run in the time left, the Lagrangian step may use most of it.
    const mipLater = left > 6 * lpSeconds;
    const lagrangian = lagrangianBound(problem, lp.needPrices, {
      seconds: mipLater ? left / 3 : 0.8 * left,
      target: objective,
    });
    bound = Math.min(bound, lagrangian.bound);
    if (lagrangian.objective > objective + 1e-9) {
      chosen = lagrangian.chosen;
      objective = lagrangian.objective;
      method = 'lagrangian';
    }
    left = limits.timeLimitSeconds - elapsed();
  }
  // The MIP's root solves the LP many times over with cuts; with less time left than that, it cannot help
  // (and HiGHS overruns its time limit inside a root it cannot finish).
  if (gapOf(objective, bound) > limits.mipGap && left > 6 * lpSeconds) {
    const mip = run(h, problem, { integer: true, timeLimit: left, mipGap: limits.mipGap, start: chosen });
    const better = problem.pairs.flatMap((_, j) => ((mip.values[j] ?? 0) > 0.5 ? [j] : []));
    // A MIP stopped before it found an assignment leaves values that need not be one: check.
    if (feasible(problem, better) && total(problem, better) > objective + 1e-9) {
      chosen = better;
      objective = total(problem, better);
    }
    if (Number.isFinite(mip.bound)) bound = Math.min(bound, mip.bound);
    method = 'mip';
    left = limits.timeLimitSeconds - elapsed();
  }
  // No need is left unmet while an eligible leader still has the days and a place for it.
  ({ chosen, objective } = repair(problem, chosen));
  const gap = gapOf(objective, bound);
  return {
    chosen,
    objective,
    bound,
    gap,
    // Short of the gap asked for, it is always the time that ended the search (with too little left
    // for the whole MIP, the steps before it are all there is).
    status: gap <= limits.mipGap + 1e-12 ? 'optimal' : 'time_limit',
    seconds: elapsed(),
    method,
  };
}
