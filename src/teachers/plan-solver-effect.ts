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
  /**
   * 1 - R² of teachers on pupils, fitted within each phase of three schools or more and averaged by
   * schools, as the Teachers page and the KPI read it (queries.ts); null when no phase has three.
   */
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
  const r2 = withinPhases(schools, inPost);
  return {
    gap,
    surplus,
    schoolsAboveMaxRatio: above,
    pupilsInSchoolsAboveMaxRatio: pupilsAbove,
    degreeOfRandomness: r2 === null ? null : Math.round((1 - r2) * 1000) / 1000,
  };
}

/**
 * R² within each phase of three schools or more, averaged weighting each by its schools; as PostgreSQL's
 * regr_r2 takes it in the Teachers page's SQL, 1 where teachers do not vary and 0 where only pupils do not.
 */
function withinPhases(schools: readonly StaffedSchool[], teachers: readonly number[]): number | null {
  const byPhase = new Map<string, { x: number[]; y: number[] }>();
  schools.forEach((s, i) => {
    const phase = byPhase.get(s.phase ?? '') ?? { x: [], y: [] };
    phase.x.push(s.pupils);
    phase.y.push(teachers[i] ?? 0);
    byPhase.set(s.phase ?? '', phase);
  });
  let weighted = 0;
  let counted = 0;
  for (const { x, y } of byPhase.values()) {
    if (x.length < 3) continue;
    const varies = (v: number[]) => v.some((value) => value !== v[0]);
    const r2 = !varies(y) ? 1 : !varies(x) ? 0 : (rSquared(x, y) as number);
    weighted += x.length * r2;
    counted += x.length;
  }
  return counted === 0 ? null : weighted / counted;
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
