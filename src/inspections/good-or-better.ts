// The good-or-better elements for any units and periods, in one SQL statement: each open school's
// latest inspection on or before the period's end, whether it is good or better (as outcome.ts says it,
// from the framework's grade scale), and the pupils it has enrolled (its latest pupils_enrolled then).
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { Period } from '../kpi/periods.ts';
import type { ElementTotal, ResolvedUnits } from '../kpi/unit-totals.ts';
import { isInspectionElement } from './catalogue.ts';

interface GoodOrBetterRow {
  unit_code: string;
  period: string;
  phase: string;
  inspected_schools: number;
  good_or_better_schools: number;
  inspected_pupils: number;
  good_or_better_pupils: number;
}

export function goodOrBetterQuery(units: ResolvedUnits, periods: Period[]) {
  return sql<GoodOrBetterRow>`
    with unit_schools as (
      select unnest(${units.unitCodes}::text[]) as unit_code, unnest(${units.schoolIds}::int[]) as school_id
    ),
    periods as (
      select unnest(${periods.map((p) => p.id)}::text[]) as period, unnest(${periods.map((p) => p.end)}::date[]) as ends_on
    ),
    school_status as (
      select distinct s.org_unit_id as school_id, s.phase, p.period,
        case when f.form = 'overall'
          then coalesce((select g.good_or_better from inspection_grade g
            where g.framework = i.framework and g.code = i.overall), false)
          else i.grades <> '{}'::jsonb
            and (not f.safeguarding or i.safeguarding = 'met')
            and not exists (
              select 1 from jsonb_each_text(i.grades) area
              left join inspection_grade g on g.framework = i.framework and g.code = area.value
              where not coalesce(g.good_or_better, false))
        end as good_or_better,
        coalesce(pupils.value, 0) as pupils
      from (select distinct school_id from unit_schools) us
      join school s on s.org_unit_id = us.school_id
      cross join periods p
      join lateral (
        select * from inspection i where i.school_id = s.org_unit_id and i.inspected_on <= p.ends_on
        order by i.inspected_on desc limit 1
      ) i on true
      join inspection_framework f on f.code = i.framework
      left join lateral (
        select v.value from data_value v join data_element e on e.id = v.element_id and e.code = 'pupils_enrolled'
        where v.org_unit_id = s.org_unit_id and v.month <= p.ends_on order by v.month desc limit 1
      ) pupils on true
      where (s.opened_on is null or s.opened_on <= p.ends_on) and (s.closed_on is null or s.closed_on > p.ends_on)
    )
    select us.unit_code, st.period, st.phase,
      count(*)::int as inspected_schools,
      count(*) filter (where st.good_or_better)::int as good_or_better_schools,
      sum(st.pupils)::float8 as inspected_pupils,
      coalesce(sum(st.pupils) filter (where st.good_or_better), 0)::float8 as good_or_better_pupils
    from unit_schools us join school_status st on st.school_id = us.school_id
    group by us.unit_code, st.period, st.phase
    order by us.unit_code, st.period, st.phase`;
}

const measures = [
  'inspected_schools',
  'good_or_better_schools',
  'inspected_pupils',
  'good_or_better_pupils',
] as const;

/** The good-or-better elements among `elements` for the units and periods, as element totals. */
export async function goodOrBetterTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  const wanted = new Set(elements.filter(isInspectionElement));
  if (wanted.size === 0 || units.unitCodes.length === 0) return [];
  const { rows } = await goodOrBetterQuery(units, periods).execute(db);
  const totals = new Map<string, ElementTotal>();
  const add = (unit: string, period: string, element: string, value: number) => {
    if (!wanted.has(element)) return;
    const key = `${unit}\u0000${period}\u0000${element}`;
    const total = totals.get(key);
    if (total) total.total += value;
    else totals.set(key, { unit_code: unit, period, element, total: value });
  };
  for (const row of rows)
    for (const measure of measures) {
      add(row.unit_code, row.period, measure, Number(row[measure]));
      add(row.unit_code, row.period, `${measure}_${row.phase}`, Number(row[measure]));
    }
  return [...totals.values()];
}
