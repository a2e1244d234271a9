// The teacher redeployment plan (a transportation problem, one LP in HiGHS): for the whole demo authority
// (1,017 primary schools, as the seed's director has) as `POST /teachers/plans` makes it (the gaps' SQL,
// the solve, storing the plan), and on random regions of 1,017 and 25,000 schools, each beside a greedy
// baseline in the same run: each gap, largest first, filled from the nearest school over its norm, as an
// area lead with a spreadsheet would. Ratios, not absolute times, are what compare across machines.
import { operator } from '../src/auth/actor.ts';
import { contextFor } from '../src/context.ts';
import { freshDatabase } from '../src/db/testing.ts';
import { loadDemo } from '../src/demo/load.ts';
import { seededRandom } from '../src/random.ts';
import { schoolGaps } from '../src/teachers/gaps.ts';
import { givable, lacking, type PlanLimits, solveRedeployment } from '../src/teachers/plan-solver.ts';
import { staffingFigures, teachersAfter } from '../src/teachers/plan-solver-effect.ts';
import { randomStaffing } from '../src/teachers/plan-solver-instance.ts';
import { pairsWithin, type StaffedSchool } from '../src/teachers/plan-solver-pairs.ts';
import { makePlan } from '../src/teachers/plans.ts';
import { median, withBenchServer, writeResults } from './measure.ts';

function greedy(schools: StaffedSchool[], limits: PlanLimits) {
  const started = performance.now();
  const give = schools.map((s) => givable(s, limits.maxMovesOut));
  const lack = schools.map(lacking);
  const senders = give.flatMap((g, i) => (g > 0 ? [i] : []));
  const receivers = lack.flatMap((l, i) => (l > 0 ? [i] : []));
  const near = new Map<number, { from: number; km: number }[]>();
  for (const p of pairsWithin(schools, senders, receivers, limits)) {
    const list = near.get(p.to) ?? [];
    list.push(p);
    near.set(p.to, list);
  }
  const moves: { from: string; to: string; teachers: number }[] = [];
  let km = 0;
  for (const to of [...receivers].sort((a, b) => (lack[b] as number) - (lack[a] as number))) {
    for (const p of (near.get(to) ?? []).sort((a, b) => a.km - b.km)) {
      const n = Math.min(give[p.from] as number, lack[to] as number);
      if (n <= 0) continue;
      (give[p.from] as number) -= n;
      (lack[to] as number) -= n;
      km += n * p.km;
      moves.push({ from: schools[p.from]?.code as string, to: schools[to]?.code as string, teachers: n });
    }
  }
  const objective = moves.reduce((a, m) => a + m.teachers, 0);
  return { seconds: (performance.now() - started) / 1000, objective, km: Math.round(km), moves };
}

async function planAndCompare(name: string, schools: StaffedSchool[], limits: PlanLimits) {
  const ms: number[] = [];
  let plan = await solveRedeployment(schools, limits);
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    plan = await solveRedeployment(schools, limits);
    ms.push(performance.now() - started);
  }
  const baseline = greedy(schools, limits);
  const before = staffingFigures(schools);
  const after = staffingFigures(schools, teachersAfter(schools, plan.moves));
  const afterGreedy = staffingFigures(schools, teachersAfter(schools, baseline.moves));
  return {
    instance: name,
    schools: schools.length,
    limits,
    pairs: plan.pairsConsidered,
    highs: {
      median_ms: median(ms),
      optimal: plan.optimal,
      objective: plan.objective,
      bound: plan.bound,
      km: Math.round(plan.km),
      moves: plan.moves.length,
    },
    greedy: {
      ms: Math.round(baseline.seconds * 10_000) / 10,
      objective: baseline.objective,
      km: baseline.km,
    },
    time_ratio_highs_to_greedy: Math.round((median(ms) / Math.max(baseline.seconds * 1000, 0.1)) * 10) / 10,
    objective_ratio_greedy_to_highs: plan.objective > 0 ? baseline.objective / plan.objective : null,
    figures: { before, after_plan: after, after_greedy: afterGreedy },
  };
}

/** The demo authority's plan end to end (median of 3), and the same schools through the solver and greedy. */
async function demoAuthority(limits: PlanLimits) {
  const database = await freshDatabase();
  try {
    await loadDemo(database.db, operator('bench'), {
      seed: 1,
      primarySchools: 1017,
      referenceDate: '2026-09-01',
    });
    const context = contextFor(database.db, operator('bench'));
    const ms: number[] = [];
    let plan = await makePlan(context, { max_km: limits.maxKm, max_moves_out: limits.maxMovesOut });
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      plan = await makePlan(context, { max_km: limits.maxKm, max_moves_out: limits.maxMovesOut });
      ms.push(performance.now() - started);
    }
    const { schools } = await schoolGaps(context, {});
    const staffed: StaffedSchool[] = schools.map((s) => ({
      code: s.code,
      pupils: s.pupils,
      teachers: Math.round(s.teachers),
      required: s.required,
      maxRatio: s.max_ratio,
      latitude: s.latitude,
      longitude: s.longitude,
      phase: s.phase,
    }));
    return {
      end_to_end: {
        median_ms: median(ms),
        objective: plan.objective,
        bound: plan.bound,
        before: plan.before,
        after: plan.after,
      },
      ...(await planAndCompare('demo authority', staffed, limits)),
    };
  } finally {
    await database.close();
  }
}

export async function run(): Promise<void> {
  const limits = { maxKm: 25, maxMovesOut: 3 };
  const authority = randomStaffing(seededRandom(1), { schools: 1017, sideKm: 250, towns: 12 });
  const national = randomStaffing(seededRandom(2), { schools: 25_000, sideKm: 900, towns: 150 });
  const demo = await withBenchServer(async (engine) => ({ engine, ...(await demoAuthority(limits)) }));
  writeResults('teachers', {
    demo_authority: demo,
    authority: await planAndCompare('authority', authority, limits),
    national: await planAndCompare('national', national, limits),
  });
}
