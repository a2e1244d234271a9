// The board indicators' elements for any units and periods in one statement (elements.ts says what each is).
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { Period } from '../kpi/periods.ts';
import type { ElementTotal, ResolvedUnits } from '../kpi/unit-totals.ts';
import { serving, trained, vacancies } from './sql.ts';

const day = sql`p.ends_on`;

export function governanceTotalsQuery(units: ResolvedUnits, periods: Period[]) {
  return sql<{
    unit_code: string;
    period: string;
    boards: number;
    with_plan: number;
    places: number;
    vacancies: number;
    serving: number;
    trained: number;
  }>`
    with unit_schools as (
      select unnest(${units.unitCodes}::text[]) as unit_code, unnest(${units.schoolIds}::int[]) as school_id
    ),
    periods as (
      select unnest(${periods.map((p) => p.id)}::text[]) as period,
        unnest(${periods.map((p) => p.end)}::date[]) as ends_on
    ),
    unit_boards as (
      select distinct us.unit_code, bs.board_id
      from unit_schools us join governing_board_school bs on bs.school_unit_id = us.school_id
    )
    select ub.unit_code, p.period,
      count(*)::int as boards,
      count(*) filter (where s.has_plan and s.reviewed_on <= p.ends_on)::int as with_plan,
      coalesce(sum((select sum(bp.places) from governing_board_place bp where bp.board_id = ub.board_id)), 0)::int
        as places,
      coalesce(sum(${vacancies(sql`ub.board_id`, day)}), 0)::int as vacancies,
      coalesce(sum((select count(*) from governor g where g.board_id = ub.board_id and ${serving('g', day)})), 0)::int
        as serving,
      coalesce(sum((select count(*) from governor g where g.board_id = ub.board_id and ${serving('g', day)}
        and ${trained('g', day)})), 0)::int as trained
    from unit_boards ub cross join periods p
    left join board_succession s on s.board_id = ub.board_id
    group by ub.unit_code, p.period
    order by ub.unit_code, p.period`;
}

/** The board elements among `elements` for the units and periods, as element totals. */
export async function governanceTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  if (units.unitCodes.length === 0 || periods.length === 0) return [];
  const { rows } = await governanceTotalsQuery(units, periods).execute(db);
  const wanted = new Set(elements);
  const columns: [string, keyof (typeof rows)[number]][] = [
    ['governing_boards', 'boards'],
    ['boards_with_succession_plan', 'with_plan'],
    ['governor_places', 'places'],
    ['governor_vacancies', 'vacancies'],
    ['governors_serving', 'serving'],
    ['governors_trained', 'trained'],
  ];
  // A unit with no boards has no figures (rows exist only where boards do); a zero base is left out.
  return rows.flatMap((r) =>
    columns
      .filter(([element]) => wanted.has(element))
      .filter(([, column]) => column !== 'places' || r.places > 0)
      .filter(([, column]) => column !== 'serving' || r.serving > 0)
      .map(([element, column]) => ({
        unit_code: r.unit_code,
        period: r.period,
        element,
        total: r[column] as number,
      })),
  );
}
