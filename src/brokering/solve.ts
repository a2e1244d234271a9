// The match as a generalized assignment problem, solved as a MIP by HiGHS: choose leader-need pairs
// to maximise total fit, at most one leader per need, within each leader's days and school slots.
// The problem is NP-hard, so HiGHS runs under a time limit and we always report its proven gap.
import highsModule, { type Highs } from 'highs';

// The package ships an ES module whose default export is the loader, typed as CommonJS; say so here.
const loadHighs = highsModule as unknown as typeof import('highs')['default'];

export interface AssignmentProblem {
  needCount: number;
  /** Days each leader has left, and how many more schools each may take. */
  leaders: { days: number; slots: number }[];
  pairs: { need: number; leader: number; fit: number; days: number }[];
}

export interface AssignmentSolution {
  /** Indices into `pairs` of the chosen ones. */
  chosen: number[];
  objective: number;
  /** HiGHS's proven upper bound on the best total fit. */
  bound: number;
  /** (bound - objective) / objective, as HiGHS reports it; 0 when proven optimal. */
  gap: number;
  status: 'optimal' | 'time_limit' | 'other';
  seconds: number;
}

let highs: Promise<Highs> | undefined;
/** The WASM module is compiled once per process; each solve gets a fresh model. */
const solver = () => {
  highs ??= loadHighs();
  return highs;
};

export async function solveAssignment(
  problem: AssignmentProblem,
  limits: { timeLimitSeconds: number; mipGap: number },
): Promise<AssignmentSolution> {
  const { pairs, leaders, needCount } = problem;
  if (pairs.length === 0)
    return { chosen: [], objective: 0, bound: 0, gap: 0, status: 'optimal', seconds: 0 };
  const h = await solver();
  const leaderCount = leaders.length;
  // Rows: one per need (at most one leader), then each leader's days, then each leader's slots.
  const numRows = needCount + 2 * leaderCount;
  const rowUpper = new Float64Array(numRows);
  rowUpper.fill(1, 0, needCount);
  leaders.forEach((l, i) => {
    rowUpper[needCount + i] = l.days;
    rowUpper[needCount + leaderCount + i] = l.slots;
  });
  const starts = new Int32Array(pairs.length + 1);
  const indices = new Int32Array(pairs.length * 3);
  const values = new Float64Array(pairs.length * 3);
  pairs.forEach((p, j) => {
    starts[j] = 3 * j;
    indices.set([p.need, needCount + p.leader, needCount + leaderCount + p.leader], 3 * j);
    values.set([1, p.days, 1], 3 * j);
  });
  starts[pairs.length] = 3 * pairs.length;
  const started = performance.now();
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
      matrix: { format: 'csc', numRows, numCols: pairs.length, starts, indices, values },
      integrality: new Int32Array(pairs.length).fill(h.constants.variableType.integer),
    },
    (model) => {
      model.options.set({
        output_flag: false,
        time_limit: limits.timeLimitSeconds,
        mip_rel_gap: limits.mipGap,
      });
      const { modelStatus } = model.run();
      const seconds = (performance.now() - started) / 1000;
      const status: AssignmentSolution['status'] =
        modelStatus === h.constants.modelStatus.optimal
          ? 'optimal'
          : modelStatus === h.constants.modelStatus.timeLimit
            ? 'time_limit'
            : 'other';
      const values = model.getSolution().colValue;
      const chosen = pairs.flatMap((_, j) => ((values[j] ?? 0) > 0.5 ? [j] : []));
      const objective = chosen.reduce((sum, j) => sum + (pairs[j]?.fit ?? 0), 0);
      const bound = Number(model.info.get('mip_dual_bound'));
      const gap = objective > 0 ? Math.max(0, (bound - objective) / objective) : bound > 0 ? 1 : 0;
      return { chosen, objective, bound, gap, status, seconds };
    },
  );
}
