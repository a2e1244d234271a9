// The projection's two statements: heads in post by phase, area and whole years in the headship, and the
// pipeline by phase, area and kind. Both count in the database and are limited to the caller's units.
import { type RawBuilder, sql } from 'kysely';
import type { Phase } from '../registry/contract.ts';
import type { PipelineKind } from './contract.ts';

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
  kind: PipelineKind;
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
 * People who are not heads but could become one, each once: an NPQH holder first, then a deputy, then an
 * assistant head; placed at their deputy or assistant post's school, else any school post they hold. An
 * NPQH holder with no school post has no phase or area, and only a whole-authority caller counts them.
 */
export function projectionPipelineQuery(asOf: string, units: string[] | null): RawBuilder<PipelineCount> {
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
    people as (
      select coalesce(pl.person_id, n.person_id) as person_id, pl.org_unit_id,
        case when n.person_id is not null then 'npqh'
          when pl.role = 'deputy_headteacher' then 'deputy_head'
          when pl.role = 'assistant_headteacher' then 'assistant_head' end as kind
      from placed pl full join npqh n on n.person_id = pl.person_id
    )
    select s.phase, s.area, s.area_name, x.kind, count(*)::int as people
    from people x left join schools s on s.id = x.org_unit_id
    where x.kind is not null and x.person_id not in (select person_id from heads)
      and (s.id is not null or (x.org_unit_id is null and ${units}::text[] is null))
    group by 1, 2, 3, 4
    order by 2, 1, 4`;
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
