// The vacancy register's named statements (each with a committed SQL snapshot): one page of vacancies
// and the figures of the whole filter, both filtered in the database within the caller's scope.
import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import { personName } from '../registry/sql.ts';
import type { VacancyFilter, VacancySummary } from './contract.ts';

type Filter = z.output<typeof VacancyFilter>;

const statusSql = sql<VacancySummary['status']>`case when v.withdrawn_on is not null then 'withdrawn'
  when v.appointed_person_id is not null then 'filled' else 'open' end`;

function filtered(db: Db, units: string[] | null, filter: Omit<Filter, 'sort' | 'page' | 'page_size'>) {
  let query = db
    .selectFrom('vacancy as v')
    .innerJoin('org_unit as o', 'o.id', 'v.school_unit_id')
    .innerJoin('school as s', 's.org_unit_id', 'o.id')
    // The school's area, wherever it sits beneath it (the demo has clusters between the two).
    .leftJoin('org_unit as a', (join) =>
      join
        .on('a.level', '=', 'area')
        .on(
          sql<boolean>`exists (select 1 from school_ancestor sa where sa.school_id = o.id and sa.ancestor_id = a.id)`,
        ),
    );
  if (units) query = query.where('o.code', 'in', units.length ? units : ['']);
  if (filter.school) query = query.where('o.code', '=', filter.school);
  if (filter.area) query = query.where('a.code', '=', filter.area);
  if (filter.phase) query = query.where('s.phase', '=', filter.phase as never);
  if (filter.post_role) query = query.where('v.post_role', '=', filter.post_role);
  if (filter.reason) query = query.where('v.reason', '=', filter.reason);
  if (filter.status) query = query.where(statusSql, '=', filter.status);
  return query;
}

/** One page of the register, sorted as asked, with the filter's total on every row. */
export function vacancyPageQuery(db: Db, units: string[] | null, filter: Filter) {
  let query = filtered(db, units, filter)
    .leftJoin('person as cp', 'cp.id', 'v.cover_person_id')
    .leftJoin('deployment as d', 'd.id', 'v.cover_deployment_id')
    .leftJoin('person as dp', 'dp.id', 'd.person_id')
    .leftJoin('person as ap', 'ap.id', 'v.appointed_person_id')
    .select([
      'v.id',
      sql<{ code: string; name: string }>`json_build_object('code', o.code, 'name', o.name)`.as('school'),
      sql<{ code: string; name: string } | null>`case when a.id is null then null
        else json_build_object('code', a.code, 'name', a.name) end`.as('area'),
      sql<string>`s.phase`.as('phase'),
      'v.post_role',
      sql<string>`to_char(v.opened_on, 'YYYY-MM-DD')`.as('opened_on'),
      'v.reason',
      statusSql.as('status'),
      sql<VacancySummary['cover']>`case
        when d.id is not null then json_build_object('kind', 'deployment', 'person',
          json_build_object('code', dp.code, 'name', ${personName('dp')}), 'role', d.role, 'deployment_id', d.id,
          'starts_on', to_char(d.starts_on, 'YYYY-MM-DD'), 'ends_on', to_char(d.ends_on, 'YYYY-MM-DD'))
        when cp.id is not null then json_build_object('kind', 'acting_head', 'person',
          json_build_object('code', cp.code, 'name', ${personName('cp')}), 'role', 'acting_head', 'deployment_id', null,
          'starts_on', null, 'ends_on', null)
        end`.as('cover'),
      sql<number>`(select count(*)::int from vacancy_round r where r.vacancy_id = v.id)`.as('rounds'),
      sql<number>`(select coalesce(sum(r.applications), 0)::int from vacancy_round r
        where r.vacancy_id = v.id)`.as('applications'),
      sql<{ code: string; name: string } | null>`case when ap.id is null then null
        else json_build_object('code', ap.code, 'name', ${personName('ap')}) end`.as('appointed'),
      sql<string | null>`to_char(v.appointed_on, 'YYYY-MM-DD')`.as('appointed_on'),
      sql<number | null>`(v.appointed_on - v.opened_on)`.as('days_to_fill'),
      sql<
        boolean | null
      >`case when v.appointed_on is null then null else exists (select 1 from vacancy_round r
        where r.vacancy_id = v.id and r.number = 1 and r.outcome = 'appointed') end`.as('filled_first_time'),
      sql<number>`count(*) over ()::int`.as('total'),
    ]);
  const [key, direction] = filter.sort.startsWith('-')
    ? [filter.sort.slice(1), 'desc' as const]
    : [filter.sort, 'asc' as const];
  if (key === 'school') query = query.orderBy('o.name', direction);
  else if (key === 'days_to_fill')
    query = query.orderBy(sql`v.appointed_on - v.opened_on`, sql`${sql.raw(direction)} nulls last`);
  else query = query.orderBy('v.opened_on', direction);
  return query
    .orderBy('v.id', 'desc')
    .limit(filter.page_size)
    .offset((filter.page - 1) * filter.page_size);
}

/** The register's figures over the whole filter: open, under cover, filled, first time, median days, applications. */
export function vacancyFiguresQuery(db: Db, units: string[] | null, filter: Filter) {
  return filtered(db, units, filter).select([
    sql<number>`count(*) filter (where v.withdrawn_on is null and v.appointed_person_id is null)::int`.as(
      'open',
    ),
    sql<number>`count(*) filter (where v.withdrawn_on is null and v.appointed_person_id is null
      and (v.cover_deployment_id is not null or v.cover_person_id is not null))::int`.as('under_cover'),
    sql<number>`count(*) filter (where v.appointed_person_id is not null)::int`.as('filled'),
    sql<number>`count(*) filter (where v.appointed_person_id is not null and exists (select 1 from vacancy_round r
      where r.vacancy_id = v.id and r.number = 1 and r.outcome = 'appointed'))::int`.as('filled_first_time'),
    sql<number | null>`percentile_cont(0.5) within group (order by v.appointed_on - v.opened_on)
      filter (where v.appointed_on is not null)`.as('median_days_to_fill'),
    sql<number | null>`round((select sum(r.applications)::numeric / nullif(count(*), 0) from vacancy_round r
      where r.vacancy_id = any(array_agg(v.id) filter (where v.post_role = 'headteacher'))), 1)::float`.as(
      'applications_per_headship',
    ),
  ]);
}
