// Give and receive in SQL. One fragment says what support between schools is (`flows`): each deployment,
// given by the school where its leader held a post on its first day and received by the school of the
// need it meets, and each programme placement a school hosted (given, received by no school: a person
// learns there). Support within one school (its own deputy covering) is neither given nor received. The
// school status, the unit totals and the export all compose it, so the page, the KPI and the
// spreadsheet count the same support.
import { sql } from 'kysely';
import type { Period } from '../kpi/periods.ts';
import type { ResolvedUnits } from '../kpi/unit-totals.ts';
import { personName } from '../registry/sql.ts';

/** Schools strong in each period (by id): the pairs the status reads "strong" from. */
export interface StrongPairs {
  periods: string[];
  schoolIds: number[];
}

const periodsOf = (periods: Period[]) => sql`periods as (
  select unnest(${periods.map((p) => p.id)}::text[]) as period,
    unnest(${periods.map((p) => p.start)}::date[]) as starts_on,
    unnest(${periods.map((p) => p.end)}::date[]) as ends_on
)`;

/** CTE `flows(source, id, kind, given_by, received_by, person_id, starts_on, ends_on, days_agreed, status)`. */
const flows = sql`flows as (
  select 'deployment'::text as source, d.id, d.role::text as kind, giver.school_id as given_by,
    n.school_id as received_by, d.person_id, d.starts_on, d.ends_on, d.days_agreed::float8 as days_agreed,
    d.status::text as status
  from deployment d join support_need n on n.id = d.need_id
  left join lateral (
    select po.org_unit_id as school_id from post po join org_unit h on h.id = po.org_unit_id and h.level = 'school'
    where po.person_id = d.person_id and po.starts_on <= d.starts_on and (po.ends_on is null or po.ends_on >= d.starts_on)
    order by po.starts_on desc, po.id desc limit 1
  ) giver on true
  where giver.school_id is distinct from n.school_id
  union all
  select 'placement', pl.id, pl.kind::text, pl.host_school_id, null, pl.host_person_id, pl.agreed_on,
    greatest(c.ends_on, pl.agreed_on), pl.days::float8, pl.status::text
  from placement pl join programme_participant pp on pp.id = pl.participant_id
  join programme_cohort c on c.id = pp.cohort_id
  where pl.status <> 'cancelled' and pl.host_school_id is distinct from pp.school_id
)`;

/** Days logged on a deployment within the period (a placement's are its days agreed). */
const daysIn = sql`case when f.source = 'deployment' then coalesce((select sum(x.days) from deployment_day x
    where x.deployment_id = f.id and x.on_date between p.starts_on and p.ends_on), 0) else f.days_agreed end`;

/** CTE `school_status(school_id, period, gave, received, strong, …)` for the schools open in each period. */
const schoolStatus = (schoolIds: number[], strong: StrongPairs) => sql`strong as (
  select unnest(${strong.periods}::text[]) as period, unnest(${strong.schoolIds}::int[]) as school_id
),
active as (
  select f.*, p.period, ${daysIn}::float8 as days_in_period
  from flows f join periods p on f.starts_on <= p.ends_on and f.ends_on >= p.starts_on
),
given as (
  select a.given_by as school_id, a.period, count(*) filter (where a.source = 'deployment') as given,
    count(*) filter (where a.source = 'placement') as hosted, sum(a.days_in_period) as days
  from active a where a.given_by is not null group by a.given_by, a.period
),
got as (
  select a.received_by as school_id, a.period, count(*) as received, sum(a.days_in_period) as days
  from active a where a.received_by is not null group by a.received_by, a.period
),
-- Joined, not looked up per school and period: a lookup into a CTE scans it each time.
school_status as (
  select s.org_unit_id as school_id, p.period,
    coalesce(g.given, 0)::int as given, coalesce(g.hosted, 0)::int as hosted, coalesce(g.days, 0)::float8 as days_given,
    coalesce(r.received, 0)::int as received, coalesce(r.days, 0)::float8 as days_received,
    coalesce(g.given, 0) + coalesce(g.hosted, 0) > 0 as gave, coalesce(r.received, 0) > 0 as got,
    st.school_id is not null as strong
  from school s cross join periods p
  left join given g on g.school_id = s.org_unit_id and g.period = p.period
  left join got r on r.school_id = s.org_unit_id and r.period = p.period
  left join strong st on st.school_id = s.org_unit_id and st.period = p.period
  where s.org_unit_id = any(${schoolIds}::int[])
    and (s.opened_on is null or s.opened_on <= p.ends_on) and (s.closed_on is null or s.closed_on > p.ends_on)
)`;

export interface GivingTotalsRow {
  unit_code: string;
  period: string;
  schools: number;
  both: number;
  only_gave: number;
  only_received: number;
  neither: number;
  strong: number;
  strong_never_gave: number;
}

/** Each unit's schools by what they gave and received in each period: the give-and-receive KPI elements. */
export function givingTotalsQuery(units: ResolvedUnits, periods: Period[], strong: StrongPairs) {
  return sql<GivingTotalsRow>`
    with ${periodsOf(periods)}, ${flows}, ${schoolStatus([...new Set(units.schoolIds)], strong)},
    unit_schools as (
      select unnest(${units.unitCodes}::text[]) as unit_code, unnest(${units.schoolIds}::int[]) as school_id
    )
    select us.unit_code, st.period, count(*)::int as schools,
      count(*) filter (where st.gave and st.got)::int as both,
      count(*) filter (where st.gave and not st.got)::int as only_gave,
      count(*) filter (where st.got and not st.gave)::int as only_received,
      count(*) filter (where not st.gave and not st.got)::int as neither,
      count(*) filter (where st.strong)::int as strong,
      count(*) filter (where st.strong and not st.gave)::int as strong_never_gave
    from unit_schools us join school_status st on st.school_id = us.school_id
    group by us.unit_code, st.period
    order by us.unit_code, st.period`;
}

export interface SchoolStatusRow {
  code: string;
  name: string;
  area_code: string | null;
  area_name: string | null;
  given: number;
  hosted: number;
  days_given: number;
  received: number;
  days_received: number;
  gave: boolean;
  got: boolean;
  strong: boolean;
}

/** Each school's give and receive in one period: the lists of the page and the trust's schools. */
export function schoolStatusQuery(schoolIds: number[], period: Period, strong: StrongPairs) {
  return sql<SchoolStatusRow>`
    with ${periodsOf([period])}, ${flows}, ${schoolStatus(schoolIds, strong)}
    select o.code, o.name, a.code as area_code, a.name as area_name, st.given, st.hosted, st.days_given,
      st.received, st.days_received, st.gave, st.got, st.strong
    from school_status st join org_unit o on o.id = st.school_id
    left join lateral (
      select u.code, u.name from org_unit u where u.level = 'area'
        and u.id in (o.parent_id, (select c.parent_id from org_unit c where c.id = o.parent_id))
      limit 1
    ) a on true
    order by o.name, o.code`;
}

export interface FlowRow {
  source: 'deployment' | 'placement';
  id: number;
  kind: string;
  given_by: string | null;
  given_by_name: string | null;
  received_by: string | null;
  received_by_name: string | null;
  person: string;
  person_name: string;
  starts_on: string;
  ends_on: string;
  status: string;
  days_agreed: number;
  days_in_period: number;
}

/**
 * The support between schools active in the period, given or received by the schools (null: every
 * school), for a school's page and the export the roll-up is checked against.
 */
export function flowsQuery(period: Period, schoolIds: number[] | null) {
  return sql<FlowRow>`
    with ${periodsOf([period])}, ${flows}
    select f.source, f.id, f.kind, g.code as given_by, g.name as given_by_name, r.code as received_by,
      r.name as received_by_name, pe.code as person, ${personName('pe')} as person_name,
      to_char(f.starts_on, 'YYYY-MM-DD') as starts_on, to_char(f.ends_on, 'YYYY-MM-DD') as ends_on, f.status,
      f.days_agreed, ${daysIn}::float8 as days_in_period
    from flows f cross join periods p
    left join org_unit g on g.id = f.given_by left join org_unit r on r.id = f.received_by
    join person pe on pe.id = f.person_id
    where f.starts_on <= p.ends_on and f.ends_on >= p.starts_on
      and (${schoolIds}::int[] is null or f.given_by = any(${schoolIds}::int[]) or f.received_by = any(${schoolIds}::int[]))
    order by f.starts_on, f.source, f.id`;
}
