// The strengths' SQL, each a named statement with a committed snapshot: visit rubric sections scored
// high over the year to a date, inspection evaluation areas graded in a framework's top two grades at
// each school's latest inspection, and the declared strengths confirmed by a date.
import { sql } from 'kysely';

export interface RubricSectionRow {
  school: string;
  rubric: string;
  section: string;
  section_name: string;
  mean_level: number;
  scale_max: number;
  scores: number;
  visits: number;
  first_on: string;
  last_on: string;
}

/**
 * Each school's rubric sections whose mean level over the recorded visits of the year up to the date is
 * at least `share` of the rubric's top level, from at least two scores (one criterion once is too thin).
 */
export function rubricStrengthsQuery(on: string, share: number) {
  return sql<RubricSectionRow>`
    with section_scores as (
      select o.code as school, r.code as rubric, s.code as section, s.name as section_name, r.scale_max,
        avg(vs.level)::float8 as mean_level, count(*)::int as scores, count(distinct v.id)::int as visits,
        to_char(min(v.visit_on), 'YYYY-MM-DD') as first_on, to_char(max(v.visit_on), 'YYYY-MM-DD') as last_on
      from visit v
      join org_unit o on o.id = v.school_unit_id
      join visit_score vs on vs.visit_id = v.id
      join rubric_criterion c on c.id = vs.criterion_id
      join rubric_section s on s.id = c.section_id
      join rubric r on r.id = s.rubric_id
      where v.status = 'recorded' and v.visit_on <= ${on}::date
        and v.visit_on > ${on}::date - interval '1 year'
      group by o.code, r.code, s.code, s.name, r.scale_max
    )
    select * from section_scores
    where scores >= 2 and mean_level >= ${share}::float8 * scale_max
    order by school, rubric, section`;
}

export interface InspectionAreaRow {
  school: string;
  inspected_on: string;
  framework: string;
  area: string;
  area_name: string;
  grade: string;
  grade_name: string;
}

/**
 * At each school's latest inspection on or before the date, the areas graded in its framework's top two
 * grades (a report card's exceptional and strong standard; legacy leadership outstanding or good). A
 * legacy overall grade is no area of practice, so it is never read here.
 */
export function inspectionStrengthsQuery(on: string) {
  return sql<InspectionAreaRow>`
    with latest as (
      select distinct on (i.school_id) i.*
      from inspection i where i.inspected_on <= ${on}::date
      order by i.school_id, i.inspected_on desc, i.id desc
    ),
    graded as (
      select l.school_id, l.inspected_on, l.framework, g.key as area, g.value as grade
      from latest l cross join lateral jsonb_each_text(l.grades) g
      union all
      select l.school_id, l.inspected_on, l.framework, 'leadership', l.leadership
      from latest l where l.leadership is not null
    )
    select o.code as school, to_char(gr.inspected_on, 'YYYY-MM-DD') as inspected_on, gr.framework,
      gr.area, coalesce(a.name, initcap(replace(gr.area, '_', ' '))) as area_name, gr.grade, ig.name as grade_name
    from graded gr
    join org_unit o on o.id = gr.school_id
    join inspection_grade ig on ig.framework = gr.framework and ig.code = gr.grade
    left join inspection_area a on a.framework = gr.framework and a.code = gr.area
    where ig.position <= 2
    order by o.code, gr.area`;
}

export interface ConfirmedRow {
  id: number;
  school: string;
  practice_area: string;
  evidence: string;
  decided_on: string;
}

/** The declared strengths confirmed on or before the date (and not withdrawn). */
export function confirmedDeclaredQuery(on: string) {
  return sql<ConfirmedRow>`
    select d.id, o.code as school, d.practice_area, d.evidence, to_char(d.decided_on, 'YYYY-MM-DD') as decided_on
    from declared_strength d join org_unit o on o.id = d.school_id
    where d.status = 'confirmed' and d.decided_on <= ${on}::date
    order by o.code, d.practice_area, d.id`;
}

export interface SchoolRow {
  code: string;
  name: string;
  phase: string;
  area: string | null;
  area_name: string | null;
}

/** Every school open on the date, with its area (its parent or its parent's parent), by name. */
export function openSchoolsQuery(on: string) {
  return sql<SchoolRow>`
    select o.code, o.name, s.phase, a.code as area, a.name as area_name
    from school s join org_unit o on o.id = s.org_unit_id
    left join lateral (
      select a.code, a.name from org_unit a where a.level = 'area'
        and a.id in (o.parent_id, (select p.parent_id from org_unit p where p.id = o.parent_id)) limit 1
    ) a on true
    where (s.opened_on is null or s.opened_on <= ${on}::date) and (s.closed_on is null or s.closed_on > ${on}::date)
    order by o.name, o.code`;
}
