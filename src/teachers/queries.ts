// The SQL of teachers where the pupils are. One fragment says what a school's gap is, for any periods
// (schoolGapCtes): per school and period its pupils and teachers (each the latest value in the period,
// as the KPI roll-up takes a stock), the norm that applies to it (the most specific staffing_norm row:
// phase and type, then type, then phase, then the default), the teachers that norm requires
// (max(minimum, ceil(pupils / maximum ratio), and a teacher per class where the norm sets a class size
// and the school reports its pupils by grade) and the gap. Teachers in post are the
// `teachers_in_post` value where the school reports one, otherwise the full-time equivalents of the
// teacher posts the registry holds on the period's last day, for an authority that records them there. The Teachers page's schools and the KPI
// roll-up (unitGapsQuery) both compose it, so their figures agree.
import { type RawBuilder, sql } from 'kysely';
import type { Period } from '../kpi/periods.ts';
import type { ResolvedUnits } from '../kpi/unit-totals.ts';
import type { GapsQuery } from './contract.ts';

/**
 * CTEs `school_values`, `school_staff` and `school_gaps(school_id, period, phase, pupils, teachers, teachers_from, max_ratio, min_teachers,
 * required, gap, ptr, above)` for the schools of a CTE `schools(school_id)` written before them.
 * `gap` is required less in post: above 0 a deficit, below 0 a surplus. A school counts only in a
 * period it reported both pupils and teachers.
 */
function schoolGapCtes(periods: Period[]): RawBuilder<unknown> {
  const months = periods.flatMap((p) => p.months.map((m) => `${m}-01`));
  const ids = periods.flatMap((p) => p.months.map(() => p.id));
  return sql`
    months as (select unnest(${months}::date[]) as month, unnest(${ids}::text[]) as period),
    school_values as (
      select dv.org_unit_id as school_id, m.period,
        (array_agg(dv.value order by dv.month desc) filter (where e.code = 'pupils_enrolled'))[1] as pupils,
        (array_agg(dv.value order by dv.month desc) filter (where e.code = 'teachers_in_post'))[1] as teachers
      from data_value dv
      join months m on m.month = dv.month
      join data_element e on e.id = dv.element_id and e.code in ('pupils_enrolled', 'teachers_in_post')
      where dv.org_unit_id in (select school_id from schools)
      group by dv.org_unit_id, m.period
    ),
    period_ends as (
      select period, (max(month) + interval '1 month - 1 day')::date as day from months group by period
    ),
    post_teachers as (
      select p.org_unit_id as school_id, pe.period, sum(coalesce(p.fte, 1)) as teachers
      from post p join period_ends pe on p.starts_on <= pe.day and (p.ends_on is null or p.ends_on >= pe.day)
      where p.role = 'teacher' and p.org_unit_id in (select school_id from schools)
      group by p.org_unit_id, pe.period
    ),
    grade_values as (
      select dv.org_unit_id as school_id, m.period, o.code as grade,
        (array_agg(dv.value order by dv.month desc))[1] as pupils
      from data_value dv
      join months m on m.month = dv.month
      join data_element e on e.id = dv.element_id
      join category_option o on e.code = 'pupils_enrolled.' || o.code
      join category c on c.id = o.category_id and c.code = 'grade'
      where dv.org_unit_id in (select school_id from schools)
      group by dv.org_unit_id, m.period, o.code
    ),
    school_staff as (
      select sv.school_id, sv.period, sv.pupils, coalesce(sv.teachers, pt.teachers) as teachers,
        case when sv.teachers is not null then 'data' else 'posts' end as teachers_from
      from school_values sv left join post_teachers pt on pt.school_id = sv.school_id and pt.period = sv.period
    ),
    school_gaps as (
      select sv.school_id, sv.period, s.phase, sv.pupils::float8 as pupils, sv.teachers::float8 as teachers, sv.teachers_from,
        n.max_ratio::float8 as max_ratio, n.min_teachers, c.classes,
        greatest(n.min_teachers, ceil(sv.pupils::numeric / n.max_ratio), coalesce(c.classes, 0))::int as required,
        (greatest(n.min_teachers, ceil(sv.pupils::numeric / n.max_ratio), coalesce(c.classes, 0))
          - sv.teachers::numeric)::float8 as gap,
        case when sv.teachers > 0 then (sv.pupils / sv.teachers)::float8 end as ptr,
        (sv.pupils::numeric > sv.teachers::numeric * n.max_ratio) as above
      from school_staff sv
      join school s on s.org_unit_id = sv.school_id
      cross join lateral (
        select max_ratio, min_teachers, max_class_size from staffing_norm n
        where (n.phase is null or n.phase = s.phase) and (n.type is null or n.type = s.type)
        order by n.type is null, n.phase is null
        limit 1
      ) n
      -- A teacher per class where the norm sets a class size and the school reports pupils by grade.
      left join lateral (
        select sum(ceil(gv.pupils::numeric / n.max_class_size))::int as classes
        from grade_values gv
        where n.max_class_size is not null and gv.school_id = sv.school_id and gv.period = sv.period
      ) c on true
      where sv.pupils is not null and sv.teachers is not null
    )`;
}

export interface UnitGapRow {
  unit_code: string;
  period: string;
  schools: number;
  schools_above: number;
  pupils_above: number;
  pupils: number;
  teachers: number;
  required: number;
  deficit: number;
  surplus: number;
  ptr_p10: number | null;
  ptr_median: number | null;
  ptr_p90: number | null;
  /** R² of teachers on pupils within each phase, averaged by schools; null under three schools of a phase. */
  r2: number | null;
}

/**
 * Per unit and period, its schools' gap figures summed, the ratios' percentiles and the R². The R² is
 * fitted within each phase, as IIEP reads it for one level of schooling, and the phases' figures are
 * averaged weighting each by its schools: one line across primaries and secondaries (more pupils, more
 * teachers) would call a random allocation orderly. For one phase it is that phase's R². A phase with
 * fewer than three schools is left out.
 */
export function unitGapsQuery(units: ResolvedUnits, periods: Period[]) {
  return sql<UnitGapRow>`
    with unit_schools as (
      select unnest(${units.unitCodes}::text[]) as unit_code, unnest(${units.schoolIds}::int[]) as school_id
    ),
    schools as (select distinct school_id from unit_schools),
    ${schoolGapCtes(periods)},
    phase_fits as (
      -- regr_r2 is null when pupils do not vary (nothing explained) and 1 when teachers do not vary.
      select us.unit_code, g.period, count(*) as schools,
        case when regr_syy(g.teachers, g.pupils) = 0 then 1 else coalesce(regr_r2(g.teachers, g.pupils), 0) end as r2
      from unit_schools us join school_gaps g on g.school_id = us.school_id
      group by us.unit_code, g.period, g.phase
      having count(*) >= 3
    ),
    pooled as (
      select unit_code, period, sum(schools * r2) / sum(schools) as r2 from phase_fits group by unit_code, period
    )
    select us.unit_code, g.period,
      count(*)::int as schools,
      (count(*) filter (where g.above))::int as schools_above,
      coalesce(sum(g.pupils) filter (where g.above), 0)::float8 as pupils_above,
      sum(g.pupils)::float8 as pupils,
      sum(g.teachers)::float8 as teachers,
      sum(g.required)::float8 as required,
      sum(greatest(g.gap, 0))::float8 as deficit,
      sum(greatest(-g.gap, 0))::float8 as surplus,
      percentile_cont(0.1) within group (order by g.ptr) as ptr_p10,
      percentile_cont(0.5) within group (order by g.ptr) as ptr_median,
      percentile_cont(0.9) within group (order by g.ptr) as ptr_p90,
      p.r2
    from unit_schools us join school_gaps g on g.school_id = us.school_id
    left join pooled p on p.unit_code = us.unit_code and p.period = g.period
    group by us.unit_code, g.period, p.r2
    order by us.unit_code, g.period`;
}

type GapSort = GapsQuery['sort'];

export interface SchoolGapFilter {
  /** School codes the caller may see; null for the whole authority. */
  visible: string[] | null;
  area?: string;
  cluster?: string;
  school?: string;
  phase?: string;
  above?: boolean;
  status?: 'deficit' | 'surplus' | 'at_norm';
  sort: GapSort;
  desc: boolean;
  /** Null: every school (the plan's input, the scatter). */
  page: { size: number; offset: number } | null;
}

export interface SchoolGapRow {
  code: string;
  name: string;
  phase: string;
  type: string | null;
  area: string | null;
  area_name: string | null;
  cluster: string | null;
  cluster_name: string | null;
  latitude: number | null;
  longitude: number | null;
  pupils: number;
  teachers: number;
  teachers_from: 'data' | 'posts';
  ptr: number | null;
  max_ratio: number;
  min_teachers: number;
  classes: number | null;
  required: number;
  gap: number;
  above: boolean;
  total: number;
}

const sortColumn: Record<GapSort, RawBuilder<unknown>> = {
  school: sql`name`,
  area: sql`area_name`,
  pupils: sql`pupils`,
  teachers: sql`teachers`,
  required: sql`required`,
  gap: sql`gap`,
  ptr: sql`ptr`,
};

const under = (code: string, level: string) => sql`exists (
  select 1 from school_ancestor a join org_unit u on u.id = a.ancestor_id
  where a.school_id = s.org_unit_id and u.code = ${code} and u.level = ${level})`;

/** Each school's gap in one month, filtered, sorted and paged in the database; `total` counts every match. */
export function schoolGapsQuery(filter: SchoolGapFilter, period: Period) {
  const where = [
    sql`(s.closed_on is null or s.closed_on >= ${`${period.months[0]}-01`}::date)`,
    ...(filter.visible ? [sql`o.code = any(${filter.visible}::text[])`] : []),
    ...(filter.area ? [under(filter.area, 'area')] : []),
    ...(filter.cluster ? [under(filter.cluster, 'cluster')] : []),
    ...(filter.school ? [sql`o.code = ${filter.school}`] : []),
    ...(filter.phase ? [sql`s.phase = ${filter.phase}`] : []),
  ];
  const kept = [
    sql`true`,
    ...(filter.above === undefined ? [] : [filter.above ? sql`above` : sql`not above`]),
    ...(filter.status === 'deficit' ? [sql`gap > 0`] : []),
    ...(filter.status === 'surplus' ? [sql`gap < 0`] : []),
    ...(filter.status === 'at_norm' ? [sql`gap = 0`] : []),
  ];
  const direction = filter.desc ? sql`desc nulls last` : sql`asc nulls last`;
  return sql<SchoolGapRow>`
    with schools as (
      select s.org_unit_id as school_id
      from school s join org_unit o on o.id = s.org_unit_id
      where ${sql.join(where, sql` and `)}
    ),
    ${schoolGapCtes([period])},
    placed as (
      select o.code, o.name, s.phase, s.type, ar.code as area, ar.name as area_name,
        cl.code as cluster, cl.name as cluster_name, s.latitude::float8 as latitude,
        s.longitude::float8 as longitude, g.pupils, g.teachers, g.teachers_from, g.ptr, g.max_ratio, g.min_teachers,
        g.classes, g.required, g.gap, g.above
      from school_gaps g
      join org_unit o on o.id = g.school_id
      join school s on s.org_unit_id = g.school_id
      left join lateral (
        select u.code, u.name from school_ancestor a join org_unit u on u.id = a.ancestor_id
        where a.school_id = g.school_id and u.level = 'area' limit 1) ar on true
      left join lateral (
        select u.code, u.name from school_ancestor a join org_unit u on u.id = a.ancestor_id
        where a.school_id = g.school_id and u.level = 'cluster' limit 1) cl on true
    )
    select *, (count(*) over ())::int as total from placed
    where ${sql.join(kept, sql` and `)}
    order by ${sortColumn[filter.sort]} ${direction}, code
    ${filter.page ? sql`limit ${filter.page.size} offset ${filter.page.offset}` : sql``}`;
}
