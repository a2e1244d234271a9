// The redeployment plan as a transportation problem, solved with HiGHS (the solver brokering uses).
// Teachers move from schools over their norm to schools under it: no school sends more than it has over
// its own norm nor more than the plan's moves out, none receives more than it lacks, and every move is
// within the plan's distance. It is a network problem, so a simplex vertex is whole moves. The plan moves
// the most teachers it can (the gap the moves close) and, of the plans that move that many, travels
// least: each move is worth W - km, with W more than any augmenting path's km (the longest move times one
// more than the smaller side's schools), so one more teacher moved always outweighs any saving in km.
// (Solving the two aims as two LPs, the second with "exactly that many" as a row, gives the same plan
// and took six times as long on 25,000 schools.) New recruits then go one by one to the largest gap left.
import { Heap } from 'heap-js';
import highsModule, { type Highs } from 'highs';
import { type Pair, type PairLimits, pairsWithin, type StaffedSchool } from './plan-solver-pairs.ts';

// The package ships an ES module whose default export is the loader, typed as CommonJS; say so here.
const loadHighs = highsModule as unknown as typeof import('highs')['default'];
let highs: Promise<Highs> | undefined;
const solver = () => {
  highs ??= loadHighs();
  return highs;
};

export interface PlanLimits extends PairLimits {
  /** At most this many teachers leave any one school. */
  maxMovesOut: number;
  /** New teachers to post in the same plan, to the largest gaps the moves leave. */
  recruits?: number;
}

interface PlannedMove {
  from: string;
  to: string;
  teachers: number;
  km: number;
}

interface PlannedRecruit {
  to: string;
  teachers: number;
}

export interface SolvedPlan {
  moves: PlannedMove[];
  recruits: PlannedRecruit[];
  /** Teachers moved: the gap the moves close (recruits not counted). */
  objective: number;
  /**
   * No plan can move more: the smaller of what senders may give (surplus, capped by moves out) and what
   * receivers lack. The objective equals it unless distance or clusters keep schools apart.
   */
  bound: number;
  /** The LP optimum was proved (both phases). */
  optimal: boolean;
  km: number;
  /** Schools over or under their norm that no move may reach, because they have no coordinates. */
  unlocated: string[];
  pairsConsidered: number;
}

/** Teachers over the norm a school may give (never leaving it under its own norm). */
export const givable = (s: StaffedSchool, maxMovesOut: number) =>
  Math.max(0, Math.min(s.teachers - s.required, maxMovesOut));
/** Teachers a school lacks against its norm. */
export const lacking = (s: StaffedSchool) => Math.max(0, s.required - s.teachers);

interface Network {
  pairs: Pair[];
  give: number[];
  lack: number[];
  senders: number[];
  receivers: number[];
}

function network(schools: readonly StaffedSchool[], limits: PlanLimits): Network {
  const give = schools.map((s) => givable(s, limits.maxMovesOut));
  const lack = schools.map(lacking);
  const senders = give.flatMap((g, i) => (g > 0 ? [i] : []));
  const receivers = lack.flatMap((l, i) => (l > 0 ? [i] : []));
  return { pairs: pairsWithin(schools, senders, receivers, limits), give, lack, senders, receivers };
}

/** The flow on each pair, from one LP (see the file's head for its objective). */
function solveFlow(h: Highs, net: Network): { flow: number[]; optimal: boolean } {
  const { pairs, give, lack, senders, receivers } = net;
  if (pairs.length === 0) return { flow: [], optimal: true };
  const senderRow = new Map(senders.map((s, r) => [s, r]));
  const receiverRow = new Map(receivers.map((s, r) => [s, senders.length + r]));
  const numRows = senders.length + receivers.length;
  const starts = new Int32Array(pairs.length + 1);
  const indices = new Int32Array(pairs.length * 2);
  pairs.forEach((p, j) => {
    starts[j] = 2 * j;
    indices[2 * j] = senderRow.get(p.from) as number;
    indices[2 * j + 1] = receiverRow.get(p.to) as number;
  });
  starts[pairs.length] = pairs.length * 2;
  const worth =
    pairs.reduce((m, p) => Math.max(m, p.km), 1) * (Math.min(senders.length, receivers.length) + 1) + 1;
  const rowUpper = Float64Array.from([
    ...senders.map((s) => give[s] ?? 0),
    ...receivers.map((r) => lack[r] ?? 0),
  ]);
  return h.withModel(
    {
      numCols: pairs.length,
      numRows,
      sense: h.constants.objectiveSense.maximize,
      colCost: Float64Array.from(pairs, (p) => worth - p.km),
      colLower: new Float64Array(pairs.length),
      colUpper: new Float64Array(pairs.length).fill(Number.POSITIVE_INFINITY),
      rowLower: new Float64Array(numRows),
      rowUpper,
      matrix: {
        format: 'csc',
        numRows,
        numCols: pairs.length,
        starts,
        indices,
        values: new Float64Array(pairs.length * 2).fill(1),
      },
    },
    (model) => {
      // Simplex, so each answer is a vertex: whole teachers on a network problem.
      // Dual simplex: on 25,000 schools it is twice IPM with crossover and ten times primal simplex.
      model.options.set({ output_flag: false, solver: 'simplex' });
      const { modelStatus } = model.run();
      return {
        flow: Array.from(model.getSolution().colValue, (v) => Math.round(v)),
        optimal: modelStatus === h.constants.modelStatus.optimal,
      };
    },
  );
}

/**
 * Each recruit to the school with the largest gap left; ties go to the most pupils per teacher (after the
 * moves), then the first listed. `left` and `teachers` are per school, and are updated.
 */
export function postRecruits(
  schools: readonly StaffedSchool[],
  left: number[],
  teachers: number[],
  recruits: number,
): PlannedRecruit[] {
  const ratio = (k: number) => (schools[k]?.pupils ?? 0) / Math.max(1, teachers[k] ?? 0);
  // The school with the largest gap first, then the most pupils per teacher, then the first listed: a
  // heap, so that ten thousand recruits over twenty-five thousand schools are not a scan each.
  const waiting = new Heap<number>((a, b) => (left[b] ?? 0) - (left[a] ?? 0) || ratio(b) - ratio(a) || a - b);
  waiting.init(schools.flatMap((_, i) => ((left[i] ?? 0) > 0 ? [i] : [])));
  const posted = new Map<number, number>();
  for (let r = 0; r < recruits; r++) {
    const best = waiting.pop();
    if (best === undefined) break;
    (left[best] as number) -= 1;
    (teachers[best] as number) += 1;
    posted.set(best, (posted.get(best) ?? 0) + 1);
    if ((left[best] ?? 0) > 0) waiting.push(best);
  }
  return [...posted]
    .map(([i, count]) => ({ to: schools[i]?.code as string, teachers: count }))
    .sort((a, b) => a.to.localeCompare(b.to));
}

/** The plan that closes the most gap, then travels least; see the file's head for the model. */
export async function solveRedeployment(
  schools: readonly StaffedSchool[],
  limits: PlanLimits,
): Promise<SolvedPlan> {
  const net = network(schools, limits);
  const { flow, optimal } = solveFlow(await solver(), net);
  const moves: PlannedMove[] = [];
  const left = [...net.lack];
  const teachers = schools.map((s) => s.teachers);
  let km = 0;
  net.pairs.forEach((p, j) => {
    const moved = flow[j] ?? 0;
    if (moved <= 0) return;
    moves.push({
      from: schools[p.from]?.code as string,
      to: schools[p.to]?.code as string,
      teachers: moved,
      km: p.km,
    });
    (left[p.to] as number) -= moved;
    (teachers[p.to] as number) += moved;
    (teachers[p.from] as number) -= moved;
    km += moved * p.km;
  });
  moves.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const objective = moves.reduce((sum, m) => sum + m.teachers, 0);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const bound = Math.min(sum(net.give), sum(net.lack));
  const unlocated = [...net.senders, ...net.receivers]
    .map((i) => schools[i] as StaffedSchool)
    .filter((s) => s.latitude === null || s.longitude === null)
    .map((s) => s.code)
    .sort();
  return {
    moves,
    recruits: postRecruits(schools, left, teachers, limits.recruits ?? 0),
    objective,
    bound,
    optimal,
    km: Math.round(km * 10) / 10,
    unlocated,
    pairsConsidered: net.pairs.length,
  };
}
