// The redeployment plan's solver: a hand-worked case, every constraint on random instances, the optimum
// against exhaustive search on small ones, recruits to the largest gaps, and the figures before and after
// (R² against a second, independent computation).
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../random.ts';
import { givable, lacking, type PlanLimits, postRecruits, solveRedeployment } from './plan-solver.ts';
import { rSquared, staffingFigures, teachersAfter } from './plan-solver-effect.ts';
import { randomStaffing } from './plan-solver-instance.ts';
import { haversineKm, pairsWithin, type StaffedSchool } from './plan-solver-pairs.ts';

// 0.1 degrees of latitude is 11.12 km on the ground, 14.5 km with the 1.3 detour.
const school = (code: string, pupils: number, teachers: number, latitude: number | null): StaffedSchool => ({
  code,
  pupils,
  teachers,
  required: Math.max(2, Math.ceil(pupils / 40)),
  maxRatio: 40,
  latitude,
  longitude: latitude === null ? null : 30,
});

describe('a hand-worked plan', () => {
  // TOWN: 400 pupils, needs 10, has 14 (4 over). NEAR (0.1° away): 360 pupils, needs 9, has 6 (3 under).
  // MID (0.2° away, 29 km by road): needs 5, has 3 (2 under). FAR (1° away): needs 4, has 1.
  // Within 30 km and at most 3 moves out of a school, TOWN gives 3: the closest gap first would be
  // NEAR's 3, and that is also the plan that travels least with 3 moving.
  const schools = [
    school('TOWN', 400, 14, 10),
    school('NEAR', 360, 6, 10.1),
    school('MID', 200, 3, 10.2),
    school('FAR', 160, 1, 11),
  ];

  test('moves close the most gap within the limits, then travel least', async () => {
    const plan = await solveRedeployment(schools, { maxKm: 30, maxMovesOut: 3 });
    const km = Math.round(haversineKm(10, 30, 10.1, 30) * 1.3 * 10) / 10;
    expect(km).toBe(14.5);
    expect(plan.moves).toEqual([{ from: 'TOWN', to: 'NEAR', teachers: 3, km }]);
    expect(plan.objective).toBe(3);
    expect(plan.bound).toBe(3); // TOWN may give 3 (4 over, 3 moves out at most)
    expect(plan.optimal).toBe(true);
    expect(plan.km).toBe(3 * km);
  });

  test('with more moves out allowed, the fourth goes to MID; FAR stays out of reach', async () => {
    const plan = await solveRedeployment(schools, { maxKm: 30, maxMovesOut: 10, recruits: 4 });
    expect(plan.moves.map((m) => [m.to, m.teachers])).toEqual([
      ['MID', 1],
      ['NEAR', 3],
    ]);
    expect(plan.bound).toBe(4);
    // Left: MID 1 under, FAR 3 under. Recruits go to the largest gap each time: FAR (3 left), FAR (2
    // left), then FAR and MID tie at 1 and FAR has more pupils per teacher (160/3 against 200/4), then MID.
    expect(plan.recruits).toEqual([
      { to: 'FAR', teachers: 3 },
      { to: 'MID', teachers: 1 },
    ]);
    const after = teachersAfter(schools, plan.moves, plan.recruits);
    expect(after).toEqual([10, 9, 5, 4]);
    expect(staffingFigures(schools).gap).toBe(3 + 2 + 3);
    expect(staffingFigures(schools, after).gap).toBe(0);
  });

  test('a school without coordinates is in no move and is named', async () => {
    const plan = await solveRedeployment([...schools, school('LOST', 300, 2, null)], {
      maxKm: 30,
      maxMovesOut: 3,
    });
    expect(plan.unlocated).toEqual(['LOST']);
    expect(plan.moves.every((m) => m.to !== 'LOST')).toBe(true);
  });

  test('within clusters, no move crosses one', async () => {
    const grouped = schools.map((s) => ({ ...s, group: s.code === 'NEAR' ? 'C2' : 'C1' }));
    const plan = await solveRedeployment(grouped, { maxKm: 30, maxMovesOut: 3, withinGroup: true });
    expect(plan.moves).toEqual([{ from: 'TOWN', to: 'MID', teachers: 2, km: 28.9 }]);
  });
});

/** Every whole-number flow on the pairs, to find the most teachers moved and, with that many, the least km. */
function exhaustive(schools: StaffedSchool[], limits: PlanLimits) {
  const senders = schools.flatMap((s, i) => (givable(s, limits.maxMovesOut) > 0 ? [i] : []));
  const receivers = schools.flatMap((s, i) => (lacking(s) > 0 ? [i] : []));
  const pairs = pairsWithin(schools, senders, receivers, limits);
  const give = schools.map((s) => givable(s, limits.maxMovesOut));
  const lack = schools.map(lacking);
  let best = { moved: 0, km: 0 };
  const walk = (j: number, moved: number, km: number) => {
    if (j === pairs.length) {
      if (moved > best.moved || (moved === best.moved && km < best.km - 1e-9)) best = { moved, km };
      return;
    }
    const p = pairs[j] as (typeof pairs)[number];
    const most = Math.min(give[p.from] as number, lack[p.to] as number);
    for (let x = 0; x <= most; x++) {
      (give[p.from] as number) -= x;
      (lack[p.to] as number) -= x;
      walk(j + 1, moved + x, km + x * p.km);
      (give[p.from] as number) += x;
      (lack[p.to] as number) += x;
    }
  };
  walk(0, 0, 0);
  return { moved: best.moved, km: Math.round(best.km * 10) / 10, pairs: pairs.length };
}

describe('random instances', () => {
  test('on small instances the plan equals the optimum found by exhaustive search', async () => {
    const random = seededRandom(23);
    let compared = 0;
    for (let run = 0; run < 40; run++) {
      const schools = randomStaffing(random, { schools: 7, sideKm: 40, towns: 2 });
      const limits = { maxKm: random.pick([15, 25, 40]), maxMovesOut: random.int(1, 3) };
      const truth = exhaustive(schools, limits);
      if (truth.pairs > 9) continue; // keeps the search to seconds
      const plan = await solveRedeployment(schools, limits);
      expect([plan.objective, plan.km], `run ${run}`).toEqual([truth.moved, truth.km]);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  test('no move breaks a constraint: distance, moves out, the sender’s own norm, the receiver’s gap', async () => {
    const random = seededRandom(7);
    for (let run = 0; run < 10; run++) {
      const schools = randomStaffing(random, { schools: 300, sideKm: 120, towns: 4 });
      const limits = { maxKm: 20, maxMovesOut: 2 };
      const plan = await solveRedeployment(schools, limits);
      const byCode = new Map(schools.map((s) => [s.code, s]));
      const out = new Map<string, number>();
      const into = new Map<string, number>();
      for (const m of plan.moves) {
        const a = byCode.get(m.from) as StaffedSchool;
        const b = byCode.get(m.to) as StaffedSchool;
        const km = haversineKm(
          a.latitude as number,
          a.longitude as number,
          b.latitude as number,
          b.longitude as number,
        );
        expect(km * 1.3).toBeLessThanOrEqual(limits.maxKm + 0.05);
        expect(Number.isInteger(m.teachers) && m.teachers > 0).toBe(true);
        out.set(m.from, (out.get(m.from) ?? 0) + m.teachers);
        into.set(m.to, (into.get(m.to) ?? 0) + m.teachers);
      }
      for (const [code, n] of out) {
        const s = byCode.get(code) as StaffedSchool;
        expect(n).toBeLessThanOrEqual(limits.maxMovesOut);
        expect(s.teachers - n).toBeGreaterThanOrEqual(s.required);
      }
      for (const [code, n] of into) {
        const s = byCode.get(code) as StaffedSchool;
        expect(n).toBeLessThanOrEqual(s.required - s.teachers);
      }
      expect(plan.objective).toBeLessThanOrEqual(plan.bound);
      expect(plan.optimal).toBe(true);
      const before = staffingFigures(schools);
      const after = staffingFigures(schools, teachersAfter(schools, plan.moves));
      expect(after.gap).toBe(before.gap - plan.objective);
      expect(after.schoolsAboveMaxRatio).toBeLessThanOrEqual(before.schoolsAboveMaxRatio);
    }
  });
});

describe('the degree of randomness', () => {
  /** R² as 1 - SSR/SST from the fitted line (slope and intercept by the normal equations). */
  function rSquaredByResiduals(x: number[], y: number[]) {
    const n = x.length;
    const sx = x.reduce((a, b) => a + b, 0);
    const sy = y.reduce((a, b) => a + b, 0);
    const sxx = x.reduce((a, b) => a + b * b, 0);
    const sxy = x.reduce((a, b, i) => a + b * (y[i] as number), 0);
    const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const intercept = (sy - slope * sx) / n;
    const mean = sy / n;
    const ssr = y.reduce((a, b, i) => a + (b - (intercept + slope * (x[i] as number))) ** 2, 0);
    const sst = y.reduce((a, b) => a + (b - mean) ** 2, 0);
    return 1 - ssr / sst;
  }

  test('equals an independent computation, and is 0 when teachers follow enrolment exactly', () => {
    const random = seededRandom(3);
    const schools = randomStaffing(random, { schools: 200, sideKm: 100, towns: 3 });
    const x = schools.map((s) => s.pupils);
    const y = schools.map((s) => s.teachers);
    expect(rSquared(x, y)).toBeCloseTo(rSquaredByResiduals(x, y), 10);
    const proportional = schools.map((s) => ({ ...s, teachers: s.pupils / 20 }));
    expect(staffingFigures(proportional).degreeOfRandomness).toBe(0);
    // By hand: pupils 100, 200, 300 with teachers 3, 5, 10: about the means (200, 6) the cross products
    // sum to 700, the squares to 20,000 and 26, so R² = 700² / (20,000 × 26) = 49/52.
    expect(rSquared([100, 200, 300], [3, 5, 10])).toBeCloseTo(49 / 52, 12);
  });

  test('a plan for a maldistributed region closes gap and lowers the randomness', async () => {
    const schools = randomStaffing(seededRandom(11), { schools: 400, sideKm: 150, towns: 5 });
    const plan = await solveRedeployment(schools, { maxKm: 25, maxMovesOut: 3 });
    const before = staffingFigures(schools);
    const after = staffingFigures(schools, teachersAfter(schools, plan.moves));
    expect(plan.objective).toBeGreaterThan(0);
    expect(after.degreeOfRandomness as number).toBeLessThan(before.degreeOfRandomness as number);
  });
});

describe('recruits', () => {
  /** Each recruit by a scan of every school: the largest gap, then the most pupils per teacher, then the first. */
  function byScan(schools: StaffedSchool[], left: number[], teachers: number[], recruits: number) {
    const posted = new Map<string, number>();
    for (let r = 0; r < recruits; r++) {
      const ratio = (k: number) => (schools[k]?.pupils ?? 0) / Math.max(1, teachers[k] ?? 0);
      let best = -1;
      for (let i = 0; i < schools.length; i++) {
        const gap = left[i] ?? 0;
        if (gap <= 0) continue;
        const top = best === -1 ? 0 : (left[best] ?? 0);
        if (best === -1 || gap > top || (gap === top && ratio(i) > ratio(best))) best = i;
      }
      if (best === -1) break;
      (left[best] as number) -= 1;
      (teachers[best] as number) += 1;
      const code = schools[best]?.code as string;
      posted.set(code, (posted.get(code) ?? 0) + 1);
    }
    return [...posted].map(([to, n]) => ({ to, teachers: n })).sort((a, b) => a.to.localeCompare(b.to));
  }

  test('go where a scan of every school would post them, one by one, on random instances with ties', () => {
    const random = seededRandom(23);
    for (let round = 0; round < 30; round++) {
      // Few distinct sizes, so gaps and ratios tie often.
      const schools = Array.from({ length: 40 }, (_, i) =>
        school(`S${String(i).padStart(2, '0')}`, 40 * random.int(0, 5), random.int(0, 7), null),
      );
      const left = schools.map((s) => Math.max(0, s.required - s.teachers));
      const recruits = random.int(0, 60);
      const expected = byScan(
        schools,
        [...left],
        schools.map((s) => s.teachers),
        recruits,
      );
      expect(
        postRecruits(
          schools,
          [...left],
          schools.map((s) => s.teachers),
          recruits,
        ),
      ).toEqual(expected);
    }
  });
});
