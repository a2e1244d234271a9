// What a plan changes, in the figures an area lead reads: the gap against the norm, schools above the
// maximum pupil-teacher ratio, and the degree of randomness (1 - R² of teachers on pupils, as IIEP's Pôle
// de Dakar reports it), before the plan and after its moves and recruits.
import type { StaffedSchool } from './plan-solver-pairs.ts';

export interface StaffingFigures {
  /** Teachers lacking against the norm, summed over schools under it. */
  gap: number;
  /** Teachers over the norm, summed over schools above it. */
  surplus: number;
  schoolsAboveMaxRatio: number;
  pupilsInSchoolsAboveMaxRatio: number;
  /** 1 - R² of teachers on pupils across the schools; null with fewer than 3 schools or no spread. */
  degreeOfRandomness: number | null;
}

/** R² of the least-squares line of y on x (the squared correlation); null when either does not vary. */
export function rSquared(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 3) return null;
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / n;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return (sxy * sxy) / (sxx * syy);
}

const aboveMaxRatio = (s: StaffedSchool, teachers: number) =>
  s.pupils > 0 && (teachers === 0 || s.pupils / teachers > s.maxRatio);

/** The figures with these teachers in post (by default, the schools' own). */
export function staffingFigures(
  schools: readonly StaffedSchool[],
  teachers?: readonly number[],
): StaffingFigures {
  const inPost = teachers ?? schools.map((s) => s.teachers);
  let gap = 0;
  let surplus = 0;
  let above = 0;
  let pupilsAbove = 0;
  schools.forEach((s, i) => {
    const t = inPost[i] ?? 0;
    gap += Math.max(0, s.required - t);
    surplus += Math.max(0, t - s.required);
    if (aboveMaxRatio(s, t)) {
      above += 1;
      pupilsAbove += s.pupils;
    }
  });
  const r2 = rSquared(
    schools.map((s) => s.pupils),
    inPost,
  );
  return {
    gap,
    surplus,
    schoolsAboveMaxRatio: above,
    pupilsInSchoolsAboveMaxRatio: pupilsAbove,
    degreeOfRandomness: r2 === null ? null : Math.round((1 - r2) * 1000) / 1000,
  };
}

/** Teachers in post at each school once the moves and recruits are made. */
export function teachersAfter(
  schools: readonly StaffedSchool[],
  moves: readonly { from: string; to: string; teachers: number }[],
  recruits: readonly { to: string; teachers: number }[] = [],
): number[] {
  const index = new Map(schools.map((s, i) => [s.code, i]));
  const after = schools.map((s) => s.teachers);
  const add = (code: string, n: number) => {
    const i = index.get(code);
    if (i !== undefined) (after[i] as number) += n;
  };
  for (const m of moves) {
    add(m.from, -m.teachers);
    add(m.to, m.teachers);
  }
  for (const r of recruits) add(r.to, r.teachers);
  return after;
}
