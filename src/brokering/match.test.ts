// Eligibility rules, fit, and the match: HiGHS's optimum equals an exhaustive search's on small
// instances, capacity in days and schools is never exceeded, and each pair's reasons are right.
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../random.ts';
import type { AssignmentProblem } from './assignment-problem.ts';
import { fitOf, ineligibility, type OpenNeed } from './eligibility.ts';
import { lagrangianBound } from './lagrangian.ts';
import { matchNeeds } from './match.ts';
import { randomAssignment } from './random-instance.ts';
import type { SchoolFacts } from './school-facts.ts';
import { defaultBrokeringSettings as settings } from './settings.ts';
import { solveAssignment } from './solve.ts';
import { leaderWith, schoolWith, shippedRoles } from './test-facts.ts';

const limits = { timeLimitSeconds: 30, mipGap: 0 };

/** The best total fit by trying every assignment (each need: nobody, or one of its eligible leaders). */
function exhaustiveOptimum(problem: AssignmentProblem): number {
  const byNeed = Array.from({ length: problem.needCount }, (_, n) =>
    problem.pairs.filter((p) => p.need === n),
  );
  const days = problem.leaders.map((l) => l.days);
  const slots = problem.leaders.map((l) => l.slots);
  let best = 0;
  const visit = (n: number, total: number) => {
    if (n === byNeed.length) {
      best = Math.max(best, total);
      return;
    }
    visit(n + 1, total);
    for (const p of byNeed[n] ?? []) {
      if ((days[p.leader] as number) < p.days || (slots[p.leader] as number) < 1) continue;
      (days[p.leader] as number) -= p.days;
      (slots[p.leader] as number) -= 1;
      visit(n + 1, total + p.fit);
      (days[p.leader] as number) += p.days;
      (slots[p.leader] as number) += 1;
    }
  };
  visit(0, 0);
  return best;
}

const need = (overrides: Partial<OpenNeed> = {}): OpenNeed => ({
  id: 1,
  kind: 'nle',
  indicator: null,
  days: 10,
  evidence: 'Inspected requires improvement',
  school: schoolWith({
    inspections: [
      { inspected_on: '2025-03-01', overall: 'requires_improvement', leadership: 'good', category: null },
    ],
  }),
  rejected: new Set(),
  ...overrides,
});

describe('eligibility', () => {
  test('an NLE leading an outstanding school may support; each rule refuses by name', () => {
    expect(ineligibility(leaderWith(), need(), settings)).toEqual([]);
    const riSchool = leaderWith().school && {
      ...leaderWith().school,
      inspections: [
        {
          inspected_on: '2024-01-01',
          overall: 'requires_improvement' as const,
          leadership: null,
          category: null,
        },
      ],
    };
    expect(ineligibility(leaderWith({ school: riSchool as SchoolFacts }), need(), settings)).toEqual([
      'leads a school judged requires improvement (an NLE leads a school judged outstanding)',
    ]);
    expect(
      ineligibility(leaderWith({ roles: ['practice'], designations: ['sle'] }), need(), settings),
    ).toEqual(['not designated for NLE support']);
    expect(ineligibility(leaderWith({ committed: 15 }), need(), settings)).toEqual([
      '5 days left of 20 funded (the need takes 10)',
    ]);
    expect(ineligibility(leaderWith({ schools: ['X1', 'X2', 'X3'] }), need(), settings)).toEqual([
      'already supports 3 schools (the limit is 3)',
    ]);
    expect(ineligibility(leaderWith(), need({ rejected: new Set([10]) }), settings)).toEqual([
      'rejected by the broker for this need',
    ]);
  });

  test('own school, own trust (when the authority says so), distance limit', () => {
    const own = leaderWith();
    expect(ineligibility(own, need({ school: { ...need().school, code: 'S2' } }), settings)).toContain(
      'leads this school',
    );
    const sameTrust = leaderWith({ school: { ...(own.school as SchoolFacts), trust: 'TR1' } });
    const trustNeed = need({ school: { ...need().school, trust: 'TR1' } });
    expect(ineligibility(sameTrust, trustNeed, settings)).toEqual(['in the same trust (TR1)']);
    expect(ineligibility(sameTrust, trustNeed, { ...settings, exclude_own_trust: false })).toEqual([]);
    // 0.05 degrees of latitude is 5.6 km.
    expect(ineligibility(own, need(), { ...settings, max_km: 5 })).toEqual([
      '5.6 km away (the limit is 5 km)',
    ]);
    expect(ineligibility(own, need(), { ...settings, max_km: 6 })).toEqual([]);
  });

  test('a mentor is a serving head of at least three years; practice needs strength in the indicator', () => {
    const mentor = leaderWith({
      roles: ['mentor'],
      designations: ['mentor'],
      held: [shippedRoles.mentor],
      headship_years: 2.5,
    });
    const mentoring = need({ kind: 'mentor', days: 6 });
    expect(ineligibility(mentor, mentoring, settings)).toEqual(['2.5 years a head (a mentor needs 3)']);
    expect(ineligibility({ ...mentor, headship_years: 3 }, mentoring, settings)).toEqual([]);
    const practice = need({ kind: 'practice', indicator: 'attendance_rate', days: 4 });
    const host = leaderWith({ roles: ['practice'], designations: [], held: [], host: true });
    expect(ineligibility(host, practice, settings)).toEqual(['own school has no strength in attendance']);
    const strong = leaderWith({
      ...host,
      school: {
        ...(leaderWith().school as SchoolFacts),
        strengths: [
          { practice_area: 'attendance', source: 'indicator', measure: 'attendance_rate', evidence: 'green' },
        ],
      },
    });
    expect(ineligibility(strong, practice, settings)).toEqual([]);
    // A strength in another area is no strength in this one.
    const elsewhere = leaderWith({
      ...host,
      school: {
        ...(leaderWith().school as SchoolFacts),
        strengths: [
          { practice_area: 'leadership', source: 'inspection', measure: 'leadership', evidence: 'good' },
        ],
      },
    });
    expect(ineligibility(elsewhere, practice, settings)).toEqual([
      'own school has no strength in attendance',
    ]);
  });

  test('a school in an inspection category with a strength in attendance shares attendance practice, with its evidence as the reason', async () => {
    const evidence = 'Pupil attendance rate 96.1% in 2026-10, green and improving over 6 months';
    const host = leaderWith({
      roles: ['practice'],
      designations: [],
      held: [],
      host: true,
      funded: 10,
      school: schoolWith({
        id: 2,
        code: 'S2',
        name: 'Category School',
        latitude: 53.81,
        inspections: [
          {
            inspected_on: '2025-03-01',
            overall: 'inadequate',
            leadership: 'inadequate',
            category: 'special_measures',
          },
        ],
        strengths: [
          { practice_area: 'attendance', source: 'indicator', measure: 'attendance_rate', evidence },
        ],
      }),
    });
    const practice = need({ kind: 'practice', indicator: 'attendance_rate', days: 4 });
    expect(ineligibility(host, practice, settings)).toEqual([]);
    const result = await matchNeeds([practice], [host], settings);
    expect(result.pairs.map((p) => p.leader)).toEqual(['L1']);
    expect(result.pairs[0]?.reasons).toContain(
      `Own school strong in attendance where this one is weak: ${evidence}`,
    );
    expect(result.pairs[0]?.reasons[0]).toBe(
      'Head of Category School, a school with a strength in attendance that hosts practice sharing',
    );
    expect(result.pairs[0]?.reasons).toContain('Own school: leadership inadequate (2025-03)');
  });

  test('fit is the weighted mean of phase, strength, distance and track record', () => {
    const { fit, parts, km } = fitOf(leaderWith({ track: { finished: 2, improved: 2 } }), need(), settings);
    // Same phase 1; nothing weak, own school outstanding 1; 5.6 km of 40 -> 0.861; (2+1)/(2+2) = 0.75.
    expect(parts.phase).toBe(1);
    expect(parts.strength).toBe(1);
    expect(km).toBe(5.6);
    expect(parts.distance).toBeCloseTo(1 - 5.5597 / 40, 3);
    expect(parts.track_record).toBe(0.75);
    expect(fit).toBeCloseTo((1 + 2 * 1 + parts.distance + 0.75) / 5, 4);
  });
});

describe('the match', () => {
  test('equals an exhaustive search’s optimum on 30 small random instances', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const problem = randomAssignment(seededRandom(seed), { leaders: 4, needs: 7, eligiblePerNeed: 3 });
      const solution = await solveAssignment(problem, limits);
      expect(solution.status).toBe('optimal');
      expect(solution.objective).toBeCloseTo(exhaustiveOptimum(problem), 6);
      expect(solution.gap).toBeLessThan(1e-9);
    }
  });

  test('the Lagrangian bound is never below the optimum, and its repaired assignment is feasible', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const problem = randomAssignment(seededRandom(seed), { leaders: 4, needs: 7, eligiblePerNeed: 3 });
      const optimum = exhaustiveOptimum(problem);
      const { bound, chosen, objective } = lagrangianBound(problem, new Float64Array(problem.needCount), {
        seconds: 1,
        target: 0,
      });
      expect(bound).toBeGreaterThanOrEqual(optimum - 1e-9);
      expect(objective).toBeLessThanOrEqual(optimum + 1e-9);
      const needs = chosen.map((j) => problem.pairs[j]?.need);
      expect(new Set(needs).size).toBe(needs.length);
      problem.leaders.forEach((capacity, l) => {
        const mine = chosen.filter((j) => problem.pairs[j]?.leader === l);
        expect(mine.reduce((sum, j) => sum + (problem.pairs[j]?.days ?? 0), 0)).toBeLessThanOrEqual(
          capacity.days,
        );
        expect(mine.length).toBeLessThanOrEqual(capacity.slots);
      });
    }
  });

  test('never gives a leader more days or schools than they have, on a tight instance', async () => {
    const problem = randomAssignment(seededRandom(99), { leaders: 40, needs: 120, eligiblePerNeed: 8 });
    const solution = await solveAssignment(problem, { timeLimitSeconds: 30, mipGap: 1e-4 });
    const used = problem.leaders.map(() => ({ days: 0, schools: 0 }));
    const needs = new Set<number>();
    for (const j of solution.chosen) {
      const pair = problem.pairs[j] as AssignmentProblem['pairs'][number];
      (used[pair.leader] as { days: number }).days += pair.days;
      (used[pair.leader] as { schools: number }).schools += 1;
      expect(needs.has(pair.need)).toBe(false);
      needs.add(pair.need);
    }
    used.forEach((u, i) => {
      expect(u.days).toBeLessThanOrEqual((problem.leaders[i] as { days: number }).days);
      expect(u.schools).toBeLessThanOrEqual((problem.leaders[i] as { slots: number }).slots);
    });
    // Tight: not every need can be met, and the bound is proven within the gap asked for.
    expect(needs.size).toBeLessThan(120);
    expect(solution.bound).toBeGreaterThanOrEqual(solution.objective - 1e-9);
    expect(solution.gap).toBeLessThanOrEqual(1e-4 + 1e-9);
  });

  test('gives the better-fitting leader the need, and says why not the other', async () => {
    const near = leaderWith();
    const far = leaderWith({
      id: 11,
      code: 'L2',
      name: 'Fay Far',
      school: { ...(near.school as SchoolFacts), code: 'S3', latitude: 54.1 },
    });
    const result = await matchNeeds([need()], [far, near], settings);
    expect(result.pairs.map((p) => p.leader)).toEqual(['L1']);
    expect(result.pairs[0]?.reasons).toContain('5.6 km away');
    expect(result.pairs[0]?.next_best?.why_not).toBe(
      `fits less well (${result.pairs[0]?.next_best?.fit.toFixed(3)} against ${result.pairs[0]?.fit.toFixed(3)}): further away (33.4 km against 5.6 km)`,
    );
    // With the near leader's days gone, the far one is proposed; with nobody eligible the need says why.
    const busy = await matchNeeds([need()], [far, { ...near, committed: 15 }], settings);
    expect(busy.pairs.map((p) => p.leader)).toEqual(['L2']);
    const none = await matchNeeds([need()], [{ ...near, committed: 15 }], settings);
    expect(none.unmet[0]?.why).toBe(
      'No eligible leader; the nearest, Lee Leader: 5 days left of 20 funded (the need takes 10)',
    );
  });
});

describe('each role with its own limit', () => {
  const vacant = (id: number, code: string, phase: string): OpenNeed => ({
    ...need({ id, kind: 'headship_cover', days: 40 }),
    school: schoolWith({
      id: 100 + id,
      code,
      name: `Vacant ${code}`,
      phase,
      headship: { status: 'vacant', head: null, cover: [] },
    }),
  });
  const interim = leaderWith({
    designations: ['interim_head'],
    roles: ['headship_cover'],
    held: [shippedRoles.interim_head],
    school: null,
    funded: 190,
  });

  test('one interim head and two vacancies (a primary and a secondary, 40 days each): never both', async () => {
    const result = await matchNeeds(
      [vacant(1, 'P1', 'primary'), vacant(2, 'S1', 'secondary')],
      [interim],
      settings,
    );
    expect(result.pairs).toHaveLength(1);
    expect(result.unmet).toHaveLength(1);
    expect(result.unmet[0]?.why).toMatch(/no days or school places left/);
  });

  test('an interim head who also mentors takes a vacancy and a first-year head together', async () => {
    const both = leaderWith({
      designations: ['interim_head', 'mentor'],
      roles: ['headship_cover', 'mentor'],
      held: [shippedRoles.interim_head, shippedRoles.mentor],
      funded: 200,
      headship_years: 6,
    });
    const mentoring = {
      ...need({ id: 3, kind: 'mentor', days: 6 }),
      school: schoolWith({ id: 103, code: 'M1' }),
    };
    const result = await matchNeeds(
      [vacant(1, 'P1', 'primary'), vacant(2, 'S1', 'secondary'), mentoring],
      [both],
      settings,
    );
    expect(result.pairs.map((p) => p.kind).sort()).toEqual(['headship_cover', 'mentor']);
    // Already covering a vacancy, they may still mentor, and take no second vacancy.
    const covering = {
      ...both,
      schools: ['X1'],
      supporting: [{ school: 'X1', kind: 'headship_cover' as const }],
    };
    const later = await matchNeeds([vacant(1, 'P1', 'primary'), mentoring], [covering], settings);
    expect(later.pairs.map((p) => p.kind)).toEqual(['mentor']);
    expect(later.unmet[0]?.why).toBe(
      'No eligible leader; the nearest, Lee Leader: already supports 1 school as an interim headteacher (an interim headteacher takes 1 at a time)',
    );
  });

  test("the solver keeps to each role's places whichever step finds the assignment", async () => {
    // One leader, plenty of days and places overall, but a role with one place that two needs want.
    const problem: AssignmentProblem = {
      needCount: 3,
      leaders: [{ days: 100, slots: 3 }],
      roles: [1, 3],
      pairs: [
        { need: 0, leader: 0, fit: 0.9, days: 10, role: 0 },
        { need: 1, leader: 0, fit: 0.8, days: 10, role: 0 },
        { need: 2, leader: 0, fit: 0.5, days: 10, role: 1 },
      ],
    };
    const solved = await solveAssignment(problem, limits);
    expect(solved.chosen.sort()).toEqual([0, 2]);
    expect(solved.objective).toBeCloseTo(1.4, 9);
  });
});

describe('a large solve', () => {
  test('runs in a worker thread and gives the same answer as on the server’s thread', async () => {
    const { solveAssignmentOffThread } = await import('./solve-off-thread.ts');
    // Three needs, two leaders with room for one school each: the best total fit is 0.9 + 0.8.
    const problem = {
      needCount: 3,
      leaders: [
        { days: 10, slots: 1 },
        { days: 10, slots: 1 },
      ],
      pairs: [
        { need: 0, leader: 0, fit: 0.9, days: 5 },
        { need: 1, leader: 0, fit: 0.7, days: 5 },
        { need: 1, leader: 1, fit: 0.8, days: 5 },
        { need: 2, leader: 1, fit: 0.6, days: 5 },
      ],
    };
    const limits = { timeLimitSeconds: 10, mipGap: 1e-6 };
    // A threshold of one pair sends even this one to a thread.
    const threaded = await solveAssignmentOffThread(problem, limits, 1);
    const here = await solveAssignment(problem, limits);
    expect(threaded.chosen.sort()).toEqual([0, 2]);
    expect(threaded.objective).toBeCloseTo(1.7, 9);
    expect(threaded.chosen).toEqual(here.chosen.sort());
  });
});
