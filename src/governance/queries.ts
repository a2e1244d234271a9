// The board list's named statement (with a committed SQL snapshot): every board in the caller's scope
// with its places, vacancies, chair, plan and the reasons it is not ready for succession, filtered,
// sorted and paged in the database, each row carrying the figures of the whole filter.
import type { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { BoardFilter, BoardSummary } from './contract.ts';
import { current, serving, trained, vacancies } from './sql.ts';

type Filter = z.output<typeof BoardFilter>;

export interface BoardRules {
  today: string;
  /** A serving member's term ending within this many months is flagged (the chair's makes the board not ready). */
  termMonths: number;
  /** This percentage of places vacant or more makes the board not ready. */
  vacancyPercent: number;
  /** A plan not reviewed within this many months is out of date. */
  planMonths: number;
}

export type BoardRow = BoardSummary & {
  id: number;
  total: number;
  f_not_ready: number;
  f_with_plan: number;
  f_places: number;
  f_vacancies: number;
  f_serving: number;
  f_trained: number;
};

/** Unit `a` is the area school `o` lies in: its parent, or its cluster's parent. */
const areaOf = (o: string, a: string) =>
  sql`${sql.ref(`${a}.level`)} = 'area' and ${sql.ref(`${a}.id`)} in (${sql.ref(`${o}.parent_id`)},
    (select ap.parent_id from org_unit ap where ap.id = ${sql.ref(`${o}.parent_id`)}))`;

const sorts: Record<Filter['sort'], string> = {
  name: 'name asc',
  vacancies: 'vacancies asc, name asc',
  '-vacancies': 'vacancies desc, name asc',
  reasons: 'cardinality(reasons) asc, name asc',
  '-reasons': 'cardinality(reasons) desc, vacancies desc, name asc',
  chair_term: "(chair->>'term_ends_on') asc nulls first, name asc",
};

/** Boards in scope (`units` null: all), one page, with the filter's totals on every row. */
export function boardListQuery(
  units: string[] | null,
  filter: Filter & { code?: string },
  rules: BoardRules,
) {
  const today = sql`${rules.today}::date`;
  const ending = sql`(${rules.today}::date + make_interval(months => ${rules.termMonths}))::date`;
  const staleBefore = sql`(${rules.today}::date - make_interval(months => ${rules.planMonths}))::date`;
  const where = [sql`true`];
  if (units)
    where.push(sql`exists (select 1 from governing_board_school vs join org_unit vo on vo.id = vs.school_unit_id
      where vs.board_id = b.id and vo.code = any(${units}::text[]))`);
  if (filter.code) where.push(sql`b.code = ${filter.code}`);
  if (filter.area)
    where.push(sql`exists (select 1 from governing_board_school fs join org_unit fo on fo.id = fs.school_unit_id
      join org_unit fa on ${areaOf('fo', 'fa')} where fs.board_id = b.id and fa.code = ${filter.area})`);
  if (filter.school)
    where.push(sql`exists (select 1 from governing_board_school fs join org_unit fo on fo.id = fs.school_unit_id
      where fs.board_id = b.id and fo.code = ${filter.school})`);
  if (filter.q)
    where.push(sql`(b.name ilike ${`%${filter.q}%`} or exists (select 1 from governing_board_school fs
      join org_unit fo on fo.id = fs.school_unit_id where fs.board_id = b.id and fo.name ilike ${`%${filter.q}%`}))`);
  const outer = [sql`true`];
  if (filter.not_ready === 'true') outer.push(sql`cardinality(reasons) > 0`);
  if (filter.not_ready === 'false') outer.push(sql`cardinality(reasons) = 0`);
  if (filter.vacancies === 'true') outer.push(sql`vacancies > 0`);
  if (filter.vacancies === 'false') outer.push(sql`vacancies = 0`);
  return sql<BoardRow>`
    with boards as (
      select b.id, b.code, b.name,
        (select json_build_object('code', g.code, 'name', g.name) from org_group g where g.id = b.group_id) as "group",
        (select coalesce(json_agg(json_build_object('code', o.code, 'name', o.name) order by o.name), '[]')
          from governing_board_school bs join org_unit o on o.id = bs.school_unit_id where bs.board_id = b.id) as schools,
        (select coalesce(json_agg(distinct jsonb_build_object('code', a.code, 'name', a.name)), '[]')
          from governing_board_school bs join org_unit o on o.id = bs.school_unit_id
          join org_unit a on ${areaOf('o', 'a')} where bs.board_id = b.id) as areas,
        (select coalesce(sum(bp.places), 0)::int from governing_board_place bp where bp.board_id = b.id) as places,
        (select count(*)::int from governor g where g.board_id = b.id and ${serving('g', today)}) as serving,
        ${vacancies(sql`b.id`, today)} as vacancies,
        (select json_build_object('name', g.name, 'term_ends_on', to_char(g.term_ends_on, 'YYYY-MM-DD'))
          from governor g where g.board_id = b.id and 'chair' = any(g.roles) and ${serving('g', today)}
          order by g.appointed_on desc limit 1) as chair,
        coalesce(s.has_plan, false) as has_plan,
        to_char(s.reviewed_on, 'YYYY-MM-DD') as plan_reviewed_on,
        (select count(*)::int from governor g where g.board_id = b.id and ${serving('g', today)}
          and g.term_ends_on < ${ending}) as terms_ending,
        (select count(*)::int from governor g where g.board_id = b.id and ${serving('g', today)}
          and ${trained('g', today)}) as trained,
        (select count(*)::int from governor g where g.board_id = b.id and ${serving('g', today)} and exists (
          select 1 from governor_training t join governance_course c on c.code = t.course_code
          where t.governor_id = g.id and c.code = 'headteacher_recruitment' and ${current('t', 'c', today)}))
          as recruitment_trained,
        s.has_plan is true and s.reviewed_on < ${staleBefore} as stale_plan
      from governing_board b
      left join board_succession s on s.board_id = b.id
      where ${sql.join(where, sql` and `)}
    ),
    judged as (
      select boards.*, array_remove(array[
        case when not has_plan then 'no_plan' end,
        case when stale_plan then 'plan_out_of_date' end,
        case when chair is null then 'no_chair' end,
        case when (chair->>'term_ends_on')::date < ${ending} then 'chair_term_ending' end,
        case when places > 0 and vacancies * 100 >= places * ${rules.vacancyPercent} then 'many_vacancies' end,
        case when recruitment_trained = 0 then 'no_recruitment_training' end
      ], null) as reasons
      from boards
    )
    select id, code, name, "group", schools, areas, places, serving, vacancies, chair, has_plan, plan_reviewed_on,
      terms_ending, trained, recruitment_trained, reasons,
      count(*) over ()::int as total,
      (count(*) filter (where cardinality(reasons) > 0) over ())::int as f_not_ready,
      (count(*) filter (where has_plan) over ())::int as f_with_plan,
      (sum(places) over ())::int as f_places,
      (sum(vacancies) over ())::int as f_vacancies,
      (sum(serving) over ())::int as f_serving,
      (sum(trained) over ())::int as f_trained
    from judged
    where ${sql.join(outer, sql` and `)}
    order by ${sql.raw(sorts[filter.sort])}, code
    limit ${filter.page_size} offset ${(filter.page - 1) * filter.page_size}`;
}
