// Coverage: per area, how many of its schools have had a recorded visit this month and this term,
// against the expectation (HEADWAY_VISITS_PER_TERM visits a school a term); the schools not visited for
// HEADWAY_VISIT_OVERDUE_WEEKS weeks; and whether the schools needing attention have been visited this
// term. The counting is one SQL query (visitCoverageQuery); the attention model says which schools.
import { sql } from 'kysely';
import { schoolsNeedingAttention } from '../attention/attention.ts';
import { canSee, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import type { Coverage } from './contract.ts';

/** The first day of the term `on` falls in: terms start in the academic year's 1st, 5th and 8th months. */
export function termStart(on: string, academicYearStart: number): string {
  const year = Number(on.slice(0, 4));
  const month = Number(on.slice(5, 7));
  const index = (month - academicYearStart + 12) % 12;
  const first = index < 4 ? 0 : index < 7 ? 4 : 7;
  const startMonth = academicYearStart + first;
  // The month index counts from the academic year's start, which may lie in the previous calendar year.
  const startYear = year - (month < academicYearStart ? 1 : 0) + (startMonth > 12 ? 1 : 0);
  return `${startYear}-${String(((startMonth - 1) % 12) + 1).padStart(2, '0')}-01`;
}

interface Window {
  on: string;
  monthFrom: string;
  termFrom: string;
  overdueFrom: string;
}

/** Per area: its schools, and how many had a recorded visit in the month and term, and the term's visits. */
export function visitCoverageQuery(db: Db, window: Window) {
  return db
    .withRecursive('in_area(unit_id, area_id)', (qb) =>
      // Every unit under each area at any depth: most schools sit in a cluster, not under the area itself.
      qb
        .selectFrom('org_unit')
        .select(['id as unit_id', 'id as area_id'])
        .where('level', '=', 'area')
        .unionAll(
          qb
            .selectFrom('org_unit as o')
            .innerJoin('in_area as up', 'up.unit_id', 'o.parent_id')
            .select(['o.id as unit_id', 'up.area_id']),
        ),
    )
    .selectFrom('org_unit as a')
    .innerJoin('in_area as ia', 'ia.area_id', 'a.id')
    .innerJoin('org_unit as s', (j) => j.onRef('s.id', '=', 'ia.unit_id').on('s.level', '=', 'school'))
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('visit')
          .select([
            'school_unit_id',
            sql<number>`count(*) filter (where visit_on >= ${window.monthFrom})::int`.as('month'),
            sql<number>`count(*) filter (where visit_on >= ${window.termFrom})::int`.as('term'),
            sql<string>`to_char(max(visit_on), 'YYYY-MM-DD')`.as('last_on'),
          ])
          .where('status', '=', 'recorded')
          .where('visit_on', '<=', window.on)
          .groupBy('school_unit_id')
          .as('v'),
      (j) => j.onRef('v.school_unit_id', '=', 's.id'),
    )
    .select([
      'a.code',
      'a.name',
      // The area's leads by their registry name (one person may hold several accounts), else the account's.
      sql<
        string[]
      >`coalesce((select array_agg(distinct coalesce(p.given_name || ' ' || p.family_name, u.name))
        from role_grant g join app_user u on u.id = g.user_id left join person p on p.id = u.person_id
        where g.org_unit_id = a.id and g.role = 'area_lead' and not u.disabled), '{}')`.as('leads'),
      sql<number>`count(s.id)::int`.as('schools'),
      sql<number>`count(s.id) filter (where v.month > 0)::int`.as('visited_month'),
      sql<number>`count(s.id) filter (where v.term > 0)::int`.as('visited_term'),
      sql<number>`coalesce(sum(v.term), 0)::int`.as('visits_term'),
      sql<{ code: string; name: string; last_visit_on: string | null }[]>`coalesce(json_agg(json_build_object(
        'code', s.code, 'name', s.name, 'last_visit_on', v.last_on) order by v.last_on nulls first, s.code)
        filter (where v.last_on is null or v.last_on < ${window.overdueFrom}), '[]')`.as('overdue'),
      sql<{ code: string; last_visit_on: string | null; visited_term: boolean }[]>`json_agg(json_build_object(
        'code', s.code, 'last_visit_on', v.last_on, 'visited_term', coalesce(v.term, 0) > 0))`.as('visits'),
    ])
    .where('a.level', '=', 'area')
    .groupBy(['a.id', 'a.code', 'a.name'])
    .orderBy('a.code');
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Coverage on `on` (default today) of the areas the caller sees: all of them for the director. */
export async function visitCoverage(context: Context, query: { on?: string } = {}): Promise<Coverage> {
  const { actor, settings } = context;
  requirePermission(actor, 'visits:read');
  const on = query.on ?? context.today;
  const perTerm = settings.visitsPerTerm ?? 1;
  const weeks = settings.visitOverdueWeeks ?? 8;
  const window = {
    on,
    monthFrom: `${on.slice(0, 7)}-01`,
    termFrom: termStart(on, settings.academicYearStart),
    overdueFrom: addDays(on, -7 * weeks),
  };
  const rows = (await visitCoverageQuery(context.db, window).execute()).filter((a) => canSee(actor, a.code));
  // An authority with no figures yet has no watchlist (the attention model refuses): none needs attention.
  const attention = rows.length
    ? ((
        await schoolsNeedingAttention(context, {}).catch((error: unknown) => {
          if (error instanceof HeadwayError) return null;
          throw error;
        })
      )?.schools ?? [])
    : [];
  return {
    on,
    month_from: window.monthFrom,
    term_from: window.termFrom,
    visits_per_term: perTerm,
    overdue_weeks: weeks,
    areas: rows.map(({ visits, ...area }) => {
      const byCode = new Map(visits.map((v) => [v.code, v]));
      return {
        ...area,
        expected_term: area.schools * perTerm,
        share_month: area.schools ? area.visited_month / area.schools : null,
        share_term: area.schools ? area.visited_term / area.schools : null,
        attention: attention
          .filter((s) => s.area === area.code)
          .map((s) => ({
            code: s.code,
            name: s.name,
            severity: s.severity,
            visited_term: byCode.get(s.code)?.visited_term ?? false,
            last_visit_on: byCode.get(s.code)?.last_visit_on ?? null,
          })),
      };
    }),
  };
}
