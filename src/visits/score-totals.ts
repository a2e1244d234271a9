// The visit-score elements for any units and periods, in one SQL statement: per unit, period and section
// of the leadership rubric (any version), the sum of the levels given and the number of criteria scored
// on visits recorded in the period.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { Period } from '../kpi/periods.ts';
import type { ElementTotal, ResolvedUnits } from '../kpi/unit-totals.ts';
import { scoredParts, scoredRubric } from './score-parts.ts';

export function visitScoreQuery(units: ResolvedUnits, periods: Period[]) {
  return sql<{ unit_code: string; period: string; section: string; levels: number; scores: number }>`
    with unit_schools as (
      select unnest(${units.unitCodes}::text[]) as unit_code, unnest(${units.schoolIds}::int[]) as school_id
    ),
    periods as (
      select unnest(${periods.map((p) => p.id)}::text[]) as period,
        unnest(${periods.map((p) => p.start)}::date[]) as starts_on,
        unnest(${periods.map((p) => p.end)}::date[]) as ends_on
    )
    select us.unit_code, p.period, s.code as section,
      sum(vs.level)::int as levels, count(*)::int as scores
    from unit_schools us
    join visit v on v.school_unit_id = us.school_id and v.status = 'recorded'
    join periods p on v.visit_on between p.starts_on and p.ends_on
    join rubric r on r.id = v.rubric_id and r.code = ${scoredRubric}
    join visit_score vs on vs.visit_id = v.id
    join rubric_criterion c on c.id = vs.criterion_id
    join rubric_section s on s.id = c.section_id
    group by us.unit_code, p.period, s.code
    order by us.unit_code, p.period, s.code`;
}

/** The visit-score elements among `elements` for the units and periods, as element totals. */
export async function visitScoreTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const wanted = new Set(elements);
  if (units.unitCodes.length === 0) return [];
  const { rows } = await visitScoreQuery(units, periods).execute(db);
  const totals = new Map<string, ElementTotal>();
  const add = (unit: string, period: string, element: string, value: number) => {
    if (!wanted.has(element)) return;
    const key = `${unit}\u0000${period}\u0000${element}`;
    const total = totals.get(key);
    if (total) total.total += value;
    else totals.set(key, { unit_code: unit, period, element, total: value });
  };
  const suffixOf = new Map(scoredParts.map((p) => [p.section, p.suffix]));
  for (const row of rows)
    for (const suffix of ['', suffixOf.get(row.section)]) {
      if (suffix === undefined) continue;
      add(row.unit_code, row.period, `visit_levels_leadership${suffix}`, row.levels);
      add(row.unit_code, row.period, `visit_scores_leadership${suffix}`, row.scores);
    }
  return [...totals.values()];
}
