// A school's inspection history as its profile, the API and the pack show it: each inspection graded
// under its framework, with the names of its areas and grades, and what it means (outcome.ts).
import { sql } from 'kysely';
import { canSee, requirePermission, requireVisible } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { orgUnitByCode } from '../registry/queries.ts';
import type { SchoolInspection, SchoolInspections } from './contract.ts';
import type { FrameworkDefinition } from './frameworks.ts';
import { type GradedInspection, isGoodOrBetter, legacyOutcome, loadFrameworks } from './outcome.ts';

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** One inspection as shown: names from its framework, areas in the framework's order. */
function describeInspection(
  inspectedOn: string,
  graded: GradedInspection,
  framework: FrameworkDefinition,
): SchoolInspection {
  const gradeOf = (code: string | null) => {
    const index = framework.grades.findIndex((g) => g.code === code);
    return index < 0
      ? undefined
      : { ...(framework.grades[index] as FrameworkDefinition['grades'][number]), rank: index + 1 };
  };
  const areas = framework.areas.flatMap((area) => {
    const grade = gradeOf(graded.grades[area.code] ?? null);
    return grade
      ? [
          {
            area: area.code,
            area_name: area.name,
            grade: grade.code,
            grade_name: grade.name,
            rank: grade.rank,
            good_or_better: grade.good_or_better,
          },
        ]
      : [];
  });
  return {
    inspected_on: inspectedOn,
    framework: framework.code,
    framework_name: framework.name,
    form: framework.form,
    overall: gradeOf(graded.overall)?.name ?? null,
    leadership: gradeOf(graded.leadership)?.name ?? null,
    category: graded.category,
    safeguarding: graded.safeguarding,
    areas,
    good_or_better: isGoodOrBetter(graded, framework),
    legacy_overall: legacyOutcome(graded, framework).overall,
  };
}

/** A school's inspections up to `as_of` (default today), newest first; a school outside scope is a 404. */
export async function schoolInspections(
  { db, actor, today }: Context,
  code: string,
  query: { as_of?: string | undefined },
): Promise<SchoolInspections> {
  requirePermission(actor, 'registry:read');
  requireVisible(actor, code, `School ${code}`);
  const school = await orgUnitByCode(db, code);
  if (school?.level !== 'school') throw notFound(`School ${code}`);
  const asOf = query.as_of ?? today;
  const [rows, frameworks] = await Promise.all([
    db
      .selectFrom('inspection')
      .select(['inspected_on', 'framework', 'overall', 'leadership', 'category', 'grades', 'safeguarding'])
      .where('school_id', '=', school.id)
      .where('inspected_on', '<=', asOf)
      .orderBy('inspected_on', 'desc')
      .execute(),
    loadFrameworks(db),
  ]);
  const inspections = rows.flatMap(({ inspected_on, ...graded }) => {
    const framework = frameworks.get(graded.framework);
    return framework ? [describeInspection(inspected_on, graded, framework)] : [];
  });
  const latest = inspections[0];
  return {
    school: { code: school.code, name: school.name },
    as_of: asOf,
    days_since_last: latest ? daysBetween(latest.inspected_on, asOf) : null,
    inspections,
  };
}

export interface LatestInspection {
  school: string;
  name: string;
  inspection: SchoolInspection | null;
  days_since: number | null;
}

/** Every open school beneath a unit with its latest inspection on or before `asOf` (the area pack's table). */
export async function latestInspectionsUnder(
  { db, actor }: Context,
  unitCode: string,
  asOf: string,
): Promise<LatestInspection[]> {
  requirePermission(actor, 'registry:read');
  requireVisible(actor, unitCode, `Unit ${unitCode}`);
  const [{ rows }, frameworks] = await Promise.all([
    sql<GradedInspection & { code: string; name: string; inspected_on: string | null }>`
      select o.code, o.name, i.inspected_on, i.framework, i.overall, i.leadership, i.category, i.grades, i.safeguarding
      from org_unit u
      join school_ancestor a on a.ancestor_id = u.id
      join org_unit o on o.id = a.school_id
      join school s on s.org_unit_id = o.id
      left join lateral (
        select * from inspection i where i.school_id = o.id and i.inspected_on <= ${asOf}
        order by i.inspected_on desc limit 1
      ) i on true
      where u.code = ${unitCode}
        and (s.opened_on is null or s.opened_on <= ${asOf}) and (s.closed_on is null or s.closed_on > ${asOf})
      order by o.name, o.code`.execute(db),
    loadFrameworks(db),
  ]);
  return rows
    .filter((r) => canSee(actor, r.code))
    .map(({ code, name, inspected_on, ...graded }) => {
      const framework = frameworks.get(graded.framework);
      return {
        school: code,
        name,
        inspection: inspected_on && framework ? describeInspection(inspected_on, graded, framework) : null,
        days_since: inspected_on ? daysBetween(inspected_on, asOf) : null,
      };
    });
}
