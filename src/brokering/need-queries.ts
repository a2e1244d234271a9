// The needs list's SQL: every need in the caller's scope with what it is filtered and sorted by (its
// severity, its school's area and latest inspection, its age), one page of them, and how many needs
// each value of each filter would give with the other filters applied. Filtering, counting, sorting and
// paging happen in the database, so a page of 50 costs the same at 80 needs or 8,000.
import { type RawBuilder, sql } from 'kysely';
import { legacyGrades } from '../inspections/schema.ts';
import { personName } from '../registry/sql.ts';
import type { NeedKind, NeedStatus } from './contract.ts';
import {
  type InspectionOutcome,
  type Need,
  type NeedSeverity,
  type NeedSort,
  needSeverities,
} from './need-contract.ts';

/** Which needs: the caller's scope (null for the whole authority) and the filters asked for. */
export interface NeedSelection {
  scope: string[] | null;
  today: string;
  id?: number;
  school?: string;
  area?: string;
  status?: NeedStatus[];
  kind?: NeedKind[];
  severity?: NeedSeverity[];
  inspection?: InspectionOutcome[];
  /** A specialism's code, or 'any' for every need asking for one. */
  specialism?: string;
  olderThan?: number;
  q?: string;
}

const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? [...values] : null);

/** Least severe first, so a descending sort puts critical at the top. */
const severityRank = sql`array_position(${[...needSeverities].reverse()}::text[], severity)`;

/**
 * `needs`: the needs in scope with their severity, area, inspection outcome and age; `marked`: the same
 * with, for each filter, whether the need passes it (the counts apply all filters but their own).
 */
function markedNeeds(s: NeedSelection): RawBuilder<unknown> {
  return sql`needs as (
      select n.id, o.code as school, o.name as school_name, area.code as area,
        n.kind, n.rule, n.indicator, n.specialism,
        (select sp.name from specialism sp where sp.code = n.specialism) as specialism_name,
        n.evidence, n.figures, n.days, n.status,
        case
          when n.rule = 'inspection_category' and n.figures->>'category' = 'special_measures' then 'critical'
          when n.rule = 'inspection_category' and (n.figures->>'overall' = 'inadequate' or n.figures->>'category' is not null) then 'high'
          when n.rule in ('headship_vacant', 'va_below') then 'high'
          when n.rule in ('first_year_head', 'npqh_candidate', 'placement_requested') then 'low'
          else 'medium'
        end as severity,
        coalesce(latest.outcome, 'none') as inspection,
        (${s.today}::date - n.raised_on) as age_days,
        n.raised_on, n.raised_by
      from support_need n
      join org_unit o on o.id = n.school_id
      left join lateral (
        select a.code from org_unit a
        where a.level = 'area' and a.id in (o.parent_id, (select p.parent_id from org_unit p where p.id = o.parent_id))
        limit 1
      ) area on true
      left join lateral (
        -- the legacy overall grade as outcome.ts says it: a report card's worst area, inadequate when unsafe
        select case
            when f.form = 'overall' then coalesce(g.legacy::text, 'inadequate')
            when f.safeguarding and i.safeguarding = 'not_met' then 'inadequate'
            else coalesce((
              select ag.legacy::text from jsonb_each_text(i.grades) graded
              join inspection_grade ag on ag.framework = i.framework and ag.code = graded.value
              order by array_position(${[...legacyGrades]}::text[], ag.legacy::text) desc limit 1), 'outstanding')
          end as outcome
        from inspection i
        join inspection_framework f on f.code = i.framework
        left join inspection_grade g on g.framework = i.framework and g.code = i.overall
        where i.school_id = o.id and i.inspected_on <= ${s.today}::date
        order by i.inspected_on desc, i.id desc limit 1
      ) latest on true
      where (${s.scope}::text[] is null or o.code = any(${s.scope}::text[]))
        and (${s.id ?? null}::int is null or n.id = ${s.id ?? null})
        and (${s.school ?? null}::text is null or o.code = ${s.school ?? null})
        and (${s.specialism ?? null}::text is null
          or (${s.specialism ?? null} = 'any' and n.specialism is not null) or n.specialism = ${s.specialism ?? null})
        and (${s.q ?? null}::text is null
          or strpos(lower(o.name), lower(${s.q ?? null})) > 0 or strpos(lower(o.code), lower(${s.q ?? null})) > 0)
    ),
    marked as (
      select needs.*,
        (${list(s.status)}::text[] is null or status = any(${list(s.status)}::text[])) as by_status,
        (${list(s.kind)}::text[] is null or kind = any(${list(s.kind)}::text[])) as by_kind,
        (${list(s.severity)}::text[] is null or severity = any(${list(s.severity)}::text[])) as by_severity,
        (${list(s.inspection)}::text[] is null or inspection = any(${list(s.inspection)}::text[])) as by_inspection,
        (${s.area ?? null}::text is null or area = ${s.area ?? null}) as by_area,
        (${s.olderThan ?? null}::int is null or age_days > ${s.olderThan ?? null}) as by_age
      from needs
    )`;
}

const orders: Record<NeedSort, RawBuilder<unknown>> = {
  severity: severityRank,
  age: sql`age_days`,
  school: sql`school_name`,
  area: sql`area`,
  kind: sql`kind`,
};
const defaultDescending: Record<NeedSort, boolean> = {
  severity: true,
  age: true,
  school: false,
  area: false,
  kind: false,
};

export interface NeedOrder {
  sort?: NeedSort;
  order?: 'asc' | 'desc';
  limit: number | null;
  offset: number;
}

/**
 * One page of the needs that pass every filter, in the order asked for; ties are broken by severity,
 * age (oldest first), school, kind and id, so a need keeps its place from one page to the next.
 * Without a sort: open needs first, the newest first (the order the list always had).
 */
export function needPageQuery(s: NeedSelection, o: NeedOrder) {
  const descending = o.sort ? (o.order ? o.order === 'desc' : defaultDescending[o.sort]) : false;
  const primary = o.sort
    ? sql`${orders[o.sort]} ${sql.raw(descending ? 'desc' : 'asc')} nulls last,`
    : sql`status = 'open' desc, raised_on desc,`;
  return sql<Need>`
    with ${markedNeeds(s)}
    select id, school, school_name, area, kind, rule, indicator, specialism, specialism_name, evidence, figures, days, status,
      severity, inspection, age_days, to_char(raised_on, 'YYYY-MM-DD') as raised_on, raised_by,
      (select json_build_object('id', d.id, 'leader', pe.code, 'leader_name', ${personName('pe')}, 'status', d.status)
       from deployment d join person pe on pe.id = d.person_id where d.need_id = marked.id order by d.id desc limit 1) as deployment
    from marked
    where by_status and by_kind and by_severity and by_inspection and by_area and by_age
    order by ${primary} ${severityRank} desc, raised_on, school_name, school, kind, id
    limit ${o.limit}::int offset ${o.offset}::int`;
}

/**
 * How many needs each value of each filter would give, the other filters applied (so an option's count
 * is what choosing it shows), and the total that pass them all (`facet` 'total').
 */
export function needCountsQuery(s: NeedSelection) {
  return sql<{ facet: string; value: string; count: number }>`
    with ${markedNeeds(s)}
    select 'severity' as facet, severity as value, count(*)::int as count from marked
      where by_status and by_kind and by_inspection and by_area and by_age group by severity
    union all
    select 'kind', kind, count(*)::int from marked
      where by_status and by_severity and by_inspection and by_area and by_age group by kind
    union all
    select 'area', coalesce(area, ''), count(*)::int from marked
      where by_status and by_kind and by_severity and by_inspection and by_age group by area
    union all
    select 'inspection', inspection, count(*)::int from marked
      where by_status and by_kind and by_severity and by_area and by_age group by inspection
    union all
    select 'status', status, count(*)::int from marked
      where by_kind and by_severity and by_inspection and by_area and by_age group by status
    union all
    select 'older_than', band::text, count(*) filter (where age_days > band)::int
      from marked cross join unnest(array[30, 60, 90]) band
      where by_status and by_kind and by_severity and by_inspection and by_area group by band
    union all
    select 'total', '', count(*)::int from marked
      where by_status and by_kind and by_severity and by_inspection and by_area and by_age
    order by 1, 2`;
}
