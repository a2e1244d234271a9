// The projection's two statements: heads in post by phase, area and whole years in the headship, and the
// pipeline by phase, area and kind. Both count in the database and are limited to the caller's units.
import { type RawBuilder, sql } from 'kysely';
import type { Phase } from '../registry/contract.ts';

export interface HeadCount {
  phase: Phase;
  area: string | null;
  area_name: string | null;
  years: number;
  heads: number;
}

export interface PipelineCount {
  phase: Phase | null;
  area: string | null;
  area_name: string | null;
  /** The groups these people belong to: the projection counts each once, in the one with the highest rate. */
  npqh: boolean;
  associate_head: boolean;
  aspiring: boolean;
  role: 'deputy_head' | 'assistant_head' | null;
  people: number;
}

/** Open schools on the date with phase and area (the school's parent or grandparent), in the units given. */
function schoolsCte(asOf: string, units: string[] | null): RawBuilder<unknown> {
  return sql`schools as (
      select o.id, s.phase, a.code as area, a.name as area_name
      from school s join org_unit o on o.id = s.org_unit_id
      left join org_unit a on a.level = 'area'
        and a.id in (o.parent_id, (select parent_id from org_unit p where p.id = o.parent_id))
      where (s.opened_on is null or s.opened_on <= ${asOf}::date) and (s.closed_on is null or s.closed_on > ${asOf}::date)
        and (${units}::text[] is null or o.code = any(${units}::text[]))
    )`;
}

/** Posts held on the date. */
const held = (on: RawBuilder<unknown>, alias: string) =>
  sql`${sql.ref(`${alias}.starts_on`)} <= ${on} and (${sql.ref(`${alias}.ends_on`)} is null or ${sql.ref(`${alias}.ends_on`)} > ${on})`;

/** Substantive heads in post, counted by phase, area and whole years since they first led that school. */
export function projectionHeadsQuery(asOf: string, units: string[] | null): RawBuilder<HeadCount> {
  return sql<HeadCount>`
    with ${schoolsCte(asOf, units)},
    heads as (
      select p.person_id, p.org_unit_id,
        (select min(e.starts_on) from post e
          where e.person_id = p.person_id and e.org_unit_id = p.org_unit_id
            and e.role in ('headteacher', 'executive_headteacher') and e.starts_on <= ${asOf}::date) as since
      from post p
      where p.role in ('headteacher', 'executive_headteacher') and ${held(sql`${asOf}::date`, 'p')}
    )
    select s.phase, s.area, s.area_name,
      extract(year from age(${asOf}::date, h.since))::int as years, count(*)::int as heads
    from heads h join schools s on s.id = h.org_unit_id
    group by 1, 2, 3, 4
    order by 2, 1, 4`;
}

/**
 * People who are not heads but could become one, by the groups they belong to: NPQH holders; associate
 * heads (an associate head placement agreed, or finished within `recentYears`); aspiring leaders (enrolled
 * on a programme with a placement, or completed one within `recentYears`); deputy and assistant heads.
 * Each is placed at their deputy or assistant post's school, else any school post they hold, else the
 * school they joined their programme from. Someone with no school has no phase or area, and only a
 * whole-authority caller counts them.
 */
export function projectionPipelineQuery(
  asOf: string,
  units: string[] | null,
  recentYears: number,
): RawBuilder<PipelineCount> {
  const recent = sql`(${asOf}::date - make_interval(years => ${recentYears}))::date`;
  return sql<PipelineCount>`
    with ${schoolsCte(asOf, units)},
    heads as (
      select distinct person_id from post p
      where p.role in ('headteacher', 'executive_headteacher', 'acting_headteacher', 'interim_headteacher')
        and ${held(sql`${asOf}::date`, 'p')}
    ),
    placed as (
      select distinct on (p.person_id) p.person_id, p.org_unit_id, p.role
      from post p join school s on s.org_unit_id = p.org_unit_id
      where ${held(sql`${asOf}::date`, 'p')}
      order by p.person_id,
        case p.role when 'deputy_headteacher' then 0 when 'assistant_headteacher' then 1 else 2 end, p.starts_on desc
    ),
    npqh as (
      select distinct d.person_id from designation d where d.kind = 'npqh' and ${held(sql`${asOf}::date`, 'd')}
    ),
    associate as (
      select distinct pp.person_id from placement pl
      join programme_participant pp on pp.id = pl.participant_id
      where pl.kind = 'leadership_placement' and pl.agreed_on <= ${asOf}::date
        and (pl.status = 'agreed' or (pl.status = 'finished' and pl.agreed_on >= ${recent}))
    ),
    aspiring as (
      select distinct on (pp.person_id) pp.person_id, pp.school_id
      from programme_participant pp
      join programme_cohort c on c.id = pp.cohort_id
      join programme g on g.id = c.programme_id
      where g.placement is not null and c.starts_on <= ${asOf}::date
        and (pp.status = 'enrolled'
          or (pp.status = 'completed' and coalesce(pp.completed_on, c.ends_on) between ${recent} and ${asOf}::date))
      order by pp.person_id, c.starts_on desc
    ),
    everyone as (
      select person_id from placed union select person_id from npqh
      union select person_id from associate union select person_id from aspiring
    ),
    people as (
      select e.person_id, coalesce(pl.org_unit_id, a.school_id) as org_unit_id,
        n.person_id is not null as npqh,
        e.person_id in (select person_id from associate) as associate_head,
        a.person_id is not null as aspiring,
        case pl.role when 'deputy_headteacher' then 'deputy_head'
          when 'assistant_headteacher' then 'assistant_head' end as role
      from everyone e
      left join placed pl on pl.person_id = e.person_id
      left join npqh n on n.person_id = e.person_id
      left join aspiring a on a.person_id = e.person_id
    )
    select s.phase, s.area, s.area_name, x.npqh, x.associate_head, x.aspiring, x.role, count(*)::int as people
    from people x left join schools s on s.id = x.org_unit_id
    where (x.npqh or x.associate_head or x.aspiring or x.role is not null)
      and x.person_id not in (select person_id from heads)
      and (s.id is not null or (x.org_unit_id is null and ${units}::text[] is null))
    group by 1, 2, 3, 4, 5, 6, 7
    order by 2, 1, 4, 5, 6, 7`;
}

/**
 * The authority's own history: for each of the three years before the date, the heads in post at its
 * start, and how many of them had left that headship within the year.
 */
export function leavingHistoryQuery(
  asOf: string,
  units: string[] | null,
): RawBuilder<{ head_years: number; leavers: number }> {
  return sql<{ head_years: number; leavers: number }>`
    with ${schoolsCte(asOf, units)},
    starts as (select (${asOf}::date - make_interval(years => k))::date as start_day from generate_series(1, 3) k)
    select count(*)::int as head_years,
      count(*) filter (where p.ends_on is not null and p.ends_on <= (t.start_day + interval '1 year')::date
        and not exists (select 1 from post n where n.person_id = p.person_id and n.org_unit_id = p.org_unit_id
          and n.role in ('headteacher', 'executive_headteacher') and n.starts_on = p.ends_on))::int as leavers
    from starts t
    join post p on p.role in ('headteacher', 'executive_headteacher') and ${held(sql`t.start_day`, 'p')}
    join schools s on s.id = p.org_unit_id`;
}
