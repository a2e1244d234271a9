// What an inspection's outcome means, written down once: "good or better" (the indicators) and the
// legacy overall grade, leadership grade and category the brokering rules and NLE eligibility read.
// A legacy inspection means what it says. A report card means the legacy grade of its worst area
// (expected standard counts as good), inadequate when safeguarding is not met, and a category when
// safeguarding is not met or leadership needs urgent improvement (special measures) or another area
// does (serious weaknesses), unless the file names the category itself.
// The SQL of the indicators (good-or-better.ts) says "good or better" the same way; a test keeps the two agreeing.
import type { Db } from '../db/types.ts';
import type { FrameworkDefinition } from './frameworks.ts';
import { type InspectionCategory, type LegacyGrade, legacyGrades } from './schema.ts';

const gradeWords: Record<LegacyGrade, string> = {
  outstanding: 'outstanding',
  good: 'good',
  satisfactory: 'satisfactory',
  requires_improvement: 'requires improvement',
  inadequate: 'inadequate',
};

/** A legacy grade in words ("requires improvement"); an unknown one with its underscores as spaces. */
export const legacyGradeWords = (grade: string): string =>
  gradeWords[grade as LegacyGrade] ?? grade.replaceAll('_', ' ');

const weakLeadershipGrades = new Set<string>(['satisfactory', 'requires_improvement', 'inadequate']);

/** Leadership judged satisfactory or worse: twice running, a need and a reason for attention. */
export const isWeakLeadership = (grade: string | null): boolean => weakLeadershipGrades.has(grade ?? '');

export interface GradedInspection {
  framework: string;
  overall: string | null;
  leadership: string | null;
  category: InspectionCategory | null;
  grades: Record<string, string>;
  safeguarding: 'met' | 'not_met' | null;
}

export interface LegacyOutcome {
  overall: LegacyGrade;
  leadership: LegacyGrade | null;
  category: InspectionCategory | null;
}

/** Every framework with its areas and grades, best grade first. */
export async function loadFrameworks(db: Db): Promise<Map<string, FrameworkDefinition>> {
  const [frameworks, areas, grades] = await Promise.all([
    db.selectFrom('inspection_framework').selectAll().orderBy('code').execute(),
    db.selectFrom('inspection_area').selectAll().orderBy('framework').orderBy('position').execute(),
    db.selectFrom('inspection_grade').selectAll().orderBy('framework').orderBy('position').execute(),
  ]);
  const byCode = new Map<string, FrameworkDefinition>();
  for (const f of frameworks) byCode.set(f.code, { ...f, areas: [], grades: [] });
  for (const { framework, code, name, optional } of areas)
    byCode.get(framework)?.areas.push({ code, name, optional });
  for (const { framework, code, name, good_or_better, legacy, aliases } of grades)
    byCode.get(framework)?.grades.push({ code, name, good_or_better, legacy, aliases });
  return byCode;
}

const worst = (grades: LegacyGrade[]): LegacyGrade =>
  grades.reduce((a, b) => (legacyGrades.indexOf(b) > legacyGrades.indexOf(a) ? b : a), 'outstanding');

/** The inspection's outcome in the legacy grades' words. */
export function legacyOutcome(inspection: GradedInspection, framework: FrameworkDefinition): LegacyOutcome {
  const legacyOf = (grade: string | null): LegacyGrade | null =>
    grade === null ? null : (framework.grades.find((g) => g.code === grade)?.legacy ?? null);
  if (framework.form === 'overall')
    return {
      overall: legacyOf(inspection.overall) ?? 'inadequate',
      leadership: legacyOf(inspection.leadership),
      category: inspection.category,
    };
  const areaGrades = Object.values(inspection.grades).flatMap((g) => legacyOf(g) ?? []);
  const unsafe = framework.safeguarding && inspection.safeguarding === 'not_met';
  const overall = unsafe ? 'inadequate' : worst(areaGrades);
  const leadershipGrade = framework.leadership_area
    ? inspection.grades[framework.leadership_area]
    : undefined;
  const urgent = framework.grades.at(-1)?.code;
  const category: InspectionCategory | null =
    inspection.category ??
    (unsafe || (leadershipGrade !== undefined && leadershipGrade === urgent)
      ? 'special_measures'
      : Object.values(inspection.grades).includes(urgent ?? '')
        ? 'serious_weaknesses'
        : null);
  return { overall, leadership: legacyOf(leadershipGrade ?? inspection.leadership), category };
}

/**
 * Good or better: a legacy overall grade of good or outstanding; a report card with every area graded
 * at expected standard or better (the framework's `good_or_better` grades) and safeguarding met.
 */
export function isGoodOrBetter(inspection: GradedInspection, framework: FrameworkDefinition): boolean {
  const good = (grade: string | null) =>
    grade !== null && framework.grades.find((g) => g.code === grade)?.good_or_better === true;
  if (framework.form === 'overall') return good(inspection.overall);
  const grades = Object.values(inspection.grades);
  return (
    grades.length > 0 && grades.every(good) && (!framework.safeguarding || inspection.safeguarding === 'met')
  );
}
