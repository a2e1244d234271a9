// The specialists list's SQL: every current designation that is a specialist's (or lists a specialism),
// with its holder, school and area, capacity and what their active deployments commit, filtered, sorted
// and paged in the database, with the total matching in the same statement.
import { sql } from 'kysely';
import { personName } from '../registry/sql.ts';
import type { Specialist, SpecialistSort } from './contract.ts';
import { specialistKinds } from './lists.ts';

export interface SpecialistSelection {
  /** Codes of the units the caller sees (null: the whole authority). */
  scope: string[] | null;
  today: string;
  id?: number;
  specialism?: string;
  area?: string;
  trust?: string;
  kind?: string;
  minFree?: number;
  q?: string;
  ended?: boolean;
  sort: SpecialistSort;
  descending: boolean;
  limit: number | null;
  offset: number;
}

const orders: Record<SpecialistSort, string> = {
  name: 'person_name',
  school: 'school_name',
  free: 'free',
  kind: 'kind_name',
};

/** A page of specialists and, on each row, how many match in all (`total`). */
export function specialistsQuery(s: SpecialistSelection) {
  const like = s.q ? `%${s.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return sql<Specialist & { total: number }>`
    with specialists as (
      select d.id, p.code as person, ${personName('p')} as person_name, d.kind, r.name as kind_name,
        d.specialisms,
        coalesce((select array_agg(sp.name order by sp.position) from specialism sp
          where sp.code = any(d.specialisms)), '{}') as specialism_names,
        sch.code as school, sch.name as school_name, area.code as area, sch.id as school_id,
        coalesce(d.days_per_year, r.funded_days)::float8 as days_per_year,
        held.funded, coalesce(c.committed, 0)::float8 as committed,
        held.funded - coalesce(c.committed, 0)::float8 as free,
        coalesce(c.schools, 0)::int as supporting,
        to_char(d.accredited_on, 'YYYY-MM-DD') as accredited_on,
        to_char(d.starts_on, 'YYYY-MM-DD') as starts_on, to_char(d.ends_on, 'YYYY-MM-DD') as ends_on
      from designation d
      join person p on p.id = d.person_id
      join leader_role r on r.code = d.kind
      -- their school: the one the designation names, else the school of the post they hold (a head's first)
      left join org_unit sch on sch.id = coalesce(d.school_id, (
        select po.org_unit_id from post po where po.person_id = d.person_id and po.starts_on <= ${s.today}::date
          and (po.ends_on is null or po.ends_on >= ${s.today}::date)
          and po.role in ('headteacher', 'executive_headteacher', 'deputy_headteacher', 'assistant_headteacher', 'teacher')
        order by array_position(array['headteacher', 'executive_headteacher', 'deputy_headteacher',
          'assistant_headteacher', 'teacher'], po.role::text), po.starts_on desc limit 1))
      left join lateral (
        select a.code from org_unit a
        where a.level = 'area' and a.id in (sch.parent_id, (select u.parent_id from org_unit u where u.id = sch.parent_id))
        limit 1
      ) area on true
      -- what the pool funds them: every current designation of a role that meets a need
      cross join lateral (
        select coalesce(sum(coalesce(h.days_per_year, hr.funded_days)), 0)::float8 as funded
        from designation h join leader_role hr on hr.code = h.kind
        where h.person_id = d.person_id and cardinality(hr.meets) > 0 and h.starts_on <= ${s.today}::date
          and (h.ends_on is null or h.ends_on >= ${s.today}::date)
      ) held
      left join lateral (
        select sum(dep.days_agreed) as committed, count(distinct n.school_id) as schools
        from deployment dep join support_need n on n.id = dep.need_id
        where dep.person_id = d.person_id and dep.status = 'active'
      ) c on true
      where (d.kind = any(${[...specialistKinds]}::text[]) or cardinality(d.specialisms) > 0)
        and (${s.ended ?? false} or ((d.ends_on is null or d.ends_on >= ${s.today}::date) and d.starts_on <= ${s.today}::date))
        and (${s.id ?? null}::int is null or d.id = ${s.id ?? null})
    )
    select id, person, person_name, kind, kind_name, specialisms, specialism_names, school, school_name, area,
      days_per_year, funded, committed, free, supporting, accredited_on, starts_on, ends_on,
      count(*) over ()::int as total
    from specialists
    where (${s.scope}::text[] is null or school = any(${s.scope}::text[]))
      and (${s.specialism ?? null}::text is null or ${s.specialism ?? null} = any(specialisms))
      and (${s.area ?? null}::text is null or area = ${s.area ?? null})
      and (${s.trust ?? null}::text is null or exists (
        select 1 from org_group g join org_group_member m on m.group_id = g.id
        where g.code = ${s.trust ?? null} and m.org_unit_id = school_id))
      and (${s.kind ?? null}::text is null or kind = ${s.kind ?? null})
      and (${s.minFree ?? null}::float8 is null or free >= ${s.minFree ?? null})
      and (${like}::text is null or person_name ilike ${like} or person ilike ${like}
        or school_name ilike ${like} or school ilike ${like})
    order by ${sql.ref(orders[s.sort])} ${sql.raw(s.descending ? 'desc' : 'asc')} nulls last, person_name, person, id
    limit ${s.limit}::int offset ${s.offset}::int`;
}
