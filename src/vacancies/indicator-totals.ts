// The register's KPI elements for any units and periods in one statement. Each unit's figures are
// computed from the vacancies of all the schools beneath it (never combined from its schools' figures),
// so the median of an area is the median of its vacancies. Withdrawn vacancies: their rounds were
// advertised and drew applications, so they count in applications per round and per vacancy; they were
// never filled, so they are in neither time to fill nor filled first time.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { Period } from '../kpi/periods.ts';
import type { ElementTotal, ResolvedUnits } from '../kpi/unit-totals.ts';

interface Row {
  unit_code: string;
  period: string;
  rounds: number;
  applications: number;
  advertised: number;
  filled: number;
  first_time: number;
  median_days: number | null;
  interim_led: number;
  schools: number;
}

export function vacancyTotalsQuery(units: ResolvedUnits, periods: Period[]) {
  return sql<Row>`
    with unit_schools as (
      select unnest(${units.unitCodes}::text[]) as unit_code, unnest(${units.schoolIds}::int[]) as school_id
    ),
    periods as (
      select unnest(${periods.map((p) => p.id)}::text[]) as period,
        unnest(${periods.map((p) => p.start)}::date[]) as starts_on,
        unnest(${periods.map((p) => p.end)}::date[]) as ends_on
    ),
    headship_rounds as (
      select us.unit_code, p.period, count(*)::int as rounds, coalesce(sum(r.applications), 0)::int as applications,
        count(distinct v.id)::int as advertised
      from unit_schools us join vacancy v on v.school_unit_id = us.school_id and v.post_role = 'headteacher'
      join vacancy_round r on r.vacancy_id = v.id
      join periods p on r.advertised_on between p.starts_on and p.ends_on
      group by us.unit_code, p.period
    ),
    filled as (
      select us.unit_code, p.period, count(*)::int as filled,
        count(*) filter (where exists (select 1 from vacancy_round r where r.vacancy_id = v.id
          and r.number = 1 and r.outcome = 'appointed'))::int as first_time,
        percentile_cont(0.5) within group (order by v.appointed_on - v.opened_on) as median_days
      from unit_schools us join vacancy v on v.school_unit_id = us.school_id and v.post_role = 'headteacher'
      join periods p on v.appointed_on between p.starts_on and p.ends_on
      group by us.unit_code, p.period
    ),
    -- On the period's last day: an acting or interim head in post, or a headship vacancy open that day
    -- (opened, not withdrawn, its appointee not yet started) with cover arranged.
    interim as (
      select us.unit_code, p.period, count(distinct us.school_id)::int as interim_led
      from unit_schools us cross join periods p
      where exists (select 1 from post po where po.org_unit_id = us.school_id
          and po.role in ('acting_headteacher', 'interim_headteacher')
          and po.starts_on <= p.ends_on and (po.ends_on is null or po.ends_on >= p.ends_on))
        or exists (select 1 from vacancy v where v.school_unit_id = us.school_id and v.post_role = 'headteacher'
          and v.opened_on <= p.ends_on and (v.withdrawn_on is null or v.withdrawn_on > p.ends_on)
          and (v.appointed_starts_on is null or v.appointed_starts_on > p.ends_on)
          and (v.cover_deployment_id is not null or v.cover_person_id is not null))
      group by us.unit_code, p.period
    ),
    open_schools as (
      select us.unit_code, p.period, count(distinct us.school_id)::int as schools
      from unit_schools us join school s on s.org_unit_id = us.school_id cross join periods p
      where (s.opened_on is null or s.opened_on <= p.ends_on) and (s.closed_on is null or s.closed_on > p.ends_on)
      group by us.unit_code, p.period
    )
    select u.unit_code, p.period,
      coalesce(hr.rounds, 0) as rounds, coalesce(hr.applications, 0) as applications,
      coalesce(hr.advertised, 0) as advertised, coalesce(f.filled, 0) as filled,
      coalesce(f.first_time, 0) as first_time, f.median_days,
      coalesce(i.interim_led, 0) as interim_led, coalesce(o.schools, 0) as schools
    from (select distinct unit_code from unit_schools) u cross join periods p
    left join headship_rounds hr on hr.unit_code = u.unit_code and hr.period = p.period
    left join filled f on f.unit_code = u.unit_code and f.period = p.period
    left join interim i on i.unit_code = u.unit_code and i.period = p.period
    left join open_schools o on o.unit_code = u.unit_code and o.period = p.period
    order by u.unit_code, p.period`;
}

/** The register's elements among `elements` for the units and periods, as element totals. */
export async function vacancyTotals(
  db: Db,
  units: ResolvedUnits,
  elements: string[],
  periods: Period[],
): Promise<ElementTotal[]> {
  if (units.unitCodes.length === 0 || periods.length === 0) return [];
  const { rows } = await vacancyTotalsQuery(units, periods).execute(db);
  const wanted = new Set(elements);
  const values: [string, (r: Row) => number | null][] = [
    ['headship_rounds', (r) => r.rounds],
    ['headship_round_applications', (r) => r.applications],
    ['headship_vacancies_advertised', (r) => r.advertised],
    ['headships_filled', (r) => r.filled],
    ['headships_filled_first_time', (r) => r.first_time],
    // No headship filled: no median, rather than a zero.
    ['headship_fill_days_median', (r) => (r.median_days === null ? null : Number(r.median_days))],
    ['schools_interim_led', (r) => r.interim_led],
    ['schools_open_at_end', (r) => (r.schools > 0 ? r.schools : null)],
  ];
  return rows.flatMap((r) =>
    values.flatMap(([element, value]) => {
      const total = wanted.has(element) ? value(r) : null;
      return total === null ? [] : [{ unit_code: r.unit_code, period: r.period, element, total }];
    }),
  );
}
