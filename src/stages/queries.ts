// The stages' heavy SQL: the recorded stages of the caller's schools in some terms, and the flows between
// consecutive terms, counted in the database. Each has a committed snapshot (queries-sql.test.ts).
import { sql } from 'kysely';

/** A school's area: its parent or grandparent at level area (demo schools sit in clusters). */
const areaOf = (school: string) =>
  sql`(select a.code from org_unit a where a.level = 'area' and a.id in (${sql.ref(school)}.parent_id, (select p.parent_id from org_unit p where p.id = ${sql.ref(school)}.parent_id)))`;

export interface RecordedRow {
  school_code: string;
  school_name: string;
  area: string | null;
  area_name: string | null;
  term: string;
  term_end: string;
  stage: string;
  rule: number;
  reasons: string[];
  recorded_on: string;
}

/**
 * The recorded stages in the terms (null: every term), of the schools in `units` (null: every school), in `area` if
 * given, or of the schools named: school, then term.
 */
export function recordedStagesQuery(
  terms: string[] | null,
  filter: { units: string[] | null; area?: string; schools?: string[] },
) {
  return sql<RecordedRow>`
    select o.code as school_code, o.name as school_name, a.code as area, a.name as area_name, ss.term,
      to_char(ss.term_end, 'YYYY-MM-DD') as term_end, ss.stage, ss.rule, ss.reasons,
      to_char(ss.recorded_on, 'YYYY-MM-DD') as recorded_on
    from school_stage ss
    join org_unit o on o.id = ss.school_id
    left join org_unit a on a.code = ${areaOf('o')}
    where (${terms}::text[] is null or ss.term = any(${terms}::text[]))
      and (${filter.units}::text[] is null or o.code = any(${filter.units}::text[]))
      and (${filter.area ?? null}::text is null or a.code = ${filter.area ?? null})
      and (${filter.schools ?? null}::text[] is null or o.code = any(${filter.schools ?? null}::text[]))
    order by o.code, ss.term`;
}

/**
 * Schools moving from each stage to each (or staying) between each pair of consecutive terms given, of
 * the schools recorded in both, within `units` (null: all) and `area`.
 */
export function stageFlowsQuery(
  pairs: { from: string; to: string }[],
  filter: { units: string[] | null; area?: string },
) {
  return sql<{ from_term: string; to_term: string; from_stage: string; to_stage: string; schools: number }>`
    with pair as (
      select * from unnest(${pairs.map((p) => p.from)}::text[], ${pairs.map((p) => p.to)}::text[]) as t(from_term, to_term)
    )
    select p.from_term, p.to_term, a.stage as from_stage, b.stage as to_stage, count(*)::int as schools
    from pair p
    join school_stage a on a.term = p.from_term
    join school_stage b on b.term = p.to_term and b.school_id = a.school_id
    join org_unit o on o.id = a.school_id
    where (${filter.units}::text[] is null or o.code = any(${filter.units}::text[]))
      and (${filter.area ?? null}::text is null or ${areaOf('o')} = ${filter.area ?? null})
    group by p.from_term, p.to_term, a.stage, b.stage
    order by p.from_term, a.stage, b.stage`;
}

/** Schools at each stage in each term, within `units` and `area`. */
export function stageCountsQuery(terms: string[], filter: { units: string[] | null; area?: string }) {
  return sql<{ term: string; stage: string; schools: number }>`
    select ss.term, ss.stage, count(*)::int as schools
    from school_stage ss join org_unit o on o.id = ss.school_id
    where ss.term = any(${terms}::text[])
      and (${filter.units}::text[] is null or o.code = any(${filter.units}::text[]))
      and (${filter.area ?? null}::text is null or ${areaOf('o')} = ${filter.area ?? null})
    group by ss.term, ss.stage
    order by ss.term, ss.stage`;
}
