// Reading strengths: `schoolStrengths` for other capabilities (brokering's hosts, give-and-receive
// counts, stages), and the paged list behind GET /strengths and `headway strengths`.
import { canSee, requirePermission, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { resolveUnits } from '../kpi/queries.ts';
import type { SchoolStrengths, StrengthPage, StrengthRow, StrengthsQuery } from './contract.ts';
import { foundStrengths } from './found.ts';
import { practiceAreaNames } from './practice-areas.ts';
import { openSchoolsQuery } from './queries.ts';

const openSchools = (db: Db, on: string) =>
  computedOnce(db, `strength schools ${on}`, async () => (await openSchoolsQuery(on).execute(db)).rows);

interface Filter {
  /** School codes; absent: every school in scope. */
  schools?: string[];
  /** An area's (or any unit's) code: its schools. */
  area?: string;
  /** The date (default: today). */
  on?: string;
}

/**
 * Each open school in the caller's scope (and the filter) that has a strength on the date, with its
 * strengths per practice area, in school name order. A school or area outside the scope is not found.
 */
export async function schoolStrengths(context: Context, filter: Filter = {}): Promise<SchoolStrengths[]> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'brokering:read');
  for (const code of filter.schools ?? []) if (!canSee(actor, code)) throw notFound(`School ${code}`);
  if (filter.area && !canSee(actor, filter.area)) throw notFound(`Area ${filter.area}`);
  const on = filter.on ?? context.today;
  const [found, schools] = await Promise.all([foundStrengths(db, settings, on), openSchools(db, on)]);
  const under = filter.area
    ? new Set((await resolveUnits(db, { schoolsUnder: filter.area })).units.map((u) => u.code))
    : null;
  const named = filter.schools ? new Set(filter.schools) : null;
  const visible = visibleUnits(actor);
  const inScope = visible ? new Set(visible) : null;
  return schools.flatMap((s) => {
    const strengths = found.get(s.code);
    if (!strengths) return [];
    if ((named && !named.has(s.code)) || (under && !under.has(s.code)) || (inScope && !inScope.has(s.code)))
      return [];
    return [{ school: s.code, school_name: s.name, area: s.area, phase: s.phase, strengths }];
  });
}

/** One page of strengths, a row each, with the counts per practice area under the other filters. */
export async function listStrengths(context: Context, query: StrengthsQuery): Promise<StrengthPage> {
  const on = query.on ?? context.today;
  const bySchool = await schoolStrengths(context, {
    ...(query.school && { schools: [query.school] }),
    ...(query.area && { area: query.area }),
    on,
  });
  const schools = await openSchools(context.db, on);
  const areaNames = new Map(schools.map((s) => [s.area, s.area_name]));
  const areas = query.practice_area?.length ? new Set(query.practice_area) : null;
  const sources = query.source?.length ? new Set(query.source) : null;
  const by_practice_area: Record<string, number> = {};
  const rows: StrengthRow[] = [];
  for (const school of bySchool) {
    for (const strength of school.strengths) {
      if (sources && !sources.has(strength.source)) continue;
      by_practice_area[strength.practice_area] = (by_practice_area[strength.practice_area] ?? 0) + 1;
      if (areas && !areas.has(strength.practice_area)) continue;
      rows.push({
        ...strength,
        school: school.school,
        school_name: school.school_name,
        area: school.area,
        area_name: school.area ? (areaNames.get(school.area) ?? null) : null,
        practice_area_name: practiceAreaNames[strength.practice_area],
      });
    }
  }
  const start = (query.page - 1) * query.page_size;
  return {
    on,
    total: rows.length,
    schools: new Set(rows.map((r) => r.school)).size,
    page: query.page,
    page_size: query.page_size,
    by_practice_area,
    rows: rows.slice(start, start + query.page_size),
  };
}
