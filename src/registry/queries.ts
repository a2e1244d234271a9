// The registry's reads: the org-unit tree with school counts, schools by place and phase, one school's facts.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { OrgUnitSummary, SchoolListItem } from './contract.ts';
import type { HeadPost } from './headship.ts';
import { headRoles, postRoles } from './schema.ts';

/** Open on a date: opened by then (or date unknown) and not yet closed. */
const openOn = (asOf: string) =>
  sql<boolean>`(s.opened_on is null or s.opened_on <= ${asOf}) and (s.closed_on is null or s.closed_on > ${asOf})`;

export async function orgUnitSummaries(
  db: Db,
  filter: { level?: string; codes?: string[]; parentId?: number; within?: string[] | null },
  asOf: string,
): Promise<OrgUnitSummary[]> {
  const { rows } = await sql<OrgUnitSummary>`
    with recursive selected as (
      select id from org_unit
      where (${filter.level ?? null}::text is null or level = ${filter.level ?? null})
        and (${filter.codes ?? null}::text[] is null or code = any(${filter.codes ?? null}::text[]))
        and (${filter.parentId ?? null}::int is null or parent_id = ${filter.parentId ?? null})
        and (${filter.within ?? null}::text[] is null or code = any(${filter.within ?? null}::text[]))
    ),
    beneath (root_id, id) as (
      select id, id from selected
      union all
      select b.root_id, o.id from beneath b join org_unit o on o.parent_id = b.id
    ),
    open_schools as (
      select b.root_id, count(*) as schools
      from beneath b join school s on s.org_unit_id = b.id
      where ${openOn(asOf)}
      group by b.root_id
    )
    select o.code, o.name, o.level, p.code as parent_code, coalesce(os.schools, 0) as schools
    from selected sel
    join org_unit o on o.id = sel.id
    left join org_unit p on p.id = o.parent_id
    left join open_schools os on os.root_id = o.id
    order by o.name, o.code`.execute(db);
  return rows;
}

export async function orgUnitByCode(db: Db, code: string) {
  return db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'o.level', 'p.code as parent_code'])
    .where('o.code', '=', code)
    .executeTakeFirst();
}

/** The chain of units above a unit, authority first. */
/** The authority at the root of the structure; undefined before a registry is imported. */
export function authorityRoot(db: Db) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name'])
    .where('level', '=', 'authority')
    .orderBy('id')
    .executeTakeFirst();
}

export async function ancestorsOf(db: Db, id: number) {
  const { rows } = await sql<{ code: string; name: string; level: string }>`
    with recursive up (id, parent_id, code, name, level, depth) as (
      select id, parent_id, code, name, level, 0 from org_unit where id = ${id}
      union all
      select o.id, o.parent_id, o.code, o.name, o.level, up.depth + 1 from up join org_unit o on o.id = up.parent_id
    )
    select code, name, level from up where depth > 0 order by depth desc`.execute(db);
  return rows;
}

export interface SchoolFilter {
  code?: string;
  area?: string;
  cluster?: string;
  trust?: string;
  /** Members of this trust or federation (by its code). */
  group?: string;
  phase?: string;
  q?: string;
  includeClosed?: boolean;
  /** Only these schools (the caller's scope); null or left out: all. */
  within?: string[] | null;
  asOf: string;
  limit: number;
  offset: number;
}

/** A school's facts as the list shows them, with its unit id and how many schools match in all. */
export type SchoolListRow = Omit<SchoolListItem, 'headship_status' | 'headteacher'> & {
  id: number;
  total: number;
};

/** Schools with their area (a school sits under an area directly or through a cluster) and trust. */
export async function listSchools(db: Db, f: SchoolFilter): Promise<SchoolListRow[]> {
  const pattern = f.q ? `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const { rows } = await sql<SchoolListRow>`
    with school_place as (
      select s.*, o.code, o.name,
        case when p.level = 'area' then p.id else p.parent_id end as area_id,
        case when p.level = 'cluster' then p.code end as cluster_code
      from school s
      join org_unit o on o.id = s.org_unit_id
      join org_unit p on p.id = o.parent_id
    )
    select s.org_unit_id as id, s.code, s.name, s.phase, s.type, s.urn, a.code as area_code, a.name as area_name,
      s.cluster_code, t.code as trust_code, t.name as trust_name, s.opened_on, s.closed_on, s.capacity,
      s.latitude, s.longitude, count(*) over () as total
    from school_place s
    join org_unit a on a.id = s.area_id
    left join org_group_member m on m.org_unit_id = s.org_unit_id
      and m.group_id in (select id from org_group where kind = 'trust')
    left join org_group t on t.id = m.group_id
    where (${f.code ?? null}::text is null or s.code = ${f.code ?? null})
      and (${f.within ?? null}::text[] is null or s.code = any(${f.within ?? null}::text[]))
      and (${f.area ?? null}::text is null or a.code = ${f.area ?? null})
      and (${f.cluster ?? null}::text is null or s.cluster_code = ${f.cluster ?? null})
      and (${f.trust ?? null}::text is null or t.code = ${f.trust ?? null})
      and (${f.group ?? null}::text is null or s.org_unit_id in (
        select gm.org_unit_id from org_group_member gm join org_group g on g.id = gm.group_id
        where g.code = ${f.group ?? null}))
      and (${f.phase ?? null}::text is null or s.phase = ${f.phase ?? null})
      and (${pattern}::text is null or s.name ilike ${pattern} or s.code ilike ${pattern} or s.urn ilike ${pattern})
      and (${f.includeClosed ?? false} or ${openOn(f.asOf)})
    order by s.name, s.code
    limit ${f.limit} offset ${f.offset}`.execute(db);
  return rows;
}

/** Every head post at these schools, and every head post anywhere of the people who held them. */
export async function headPostsFor(
  db: Db,
  schoolIds: number[],
): Promise<{ schoolPosts: HeadPost[]; careerPosts: HeadPost[] }> {
  if (schoolIds.length === 0) return { schoolPosts: [], careerPosts: [] };
  const { rows } = await sql<HeadPost & { at_school: boolean }>`
    with heads as (
      select distinct person_id from post
      where org_unit_id = any(${schoolIds}::int[]) and role = any(${headRoles}::text[])
    )
    select pe.code as person_code, pe.given_name, pe.family_name, o.code as school_code, po.role,
      po.starts_on, po.ends_on, po.org_unit_id = any(${schoolIds}::int[]) as at_school
    from post po
    join heads h on h.person_id = po.person_id
    join person pe on pe.id = po.person_id
    join org_unit o on o.id = po.org_unit_id
    where po.role = any(${headRoles}::text[])
    order by po.starts_on, pe.code`.execute(db);
  return { schoolPosts: rows.filter((r) => r.at_school), careerPosts: rows };
}

export async function currentPostsAt(db: Db, orgUnitId: number, asOf: string) {
  return (
    db
      .selectFrom('post as po')
      .innerJoin('person as pe', 'pe.id', 'po.person_id')
      .select([
        'pe.code as person_code',
        'pe.given_name',
        'pe.family_name',
        'po.role',
        'po.starts_on',
        'po.ends_on',
        'po.fte',
      ])
      .where('po.org_unit_id', '=', orgUnitId)
      .where('po.starts_on', '<=', asOf)
      .where((eb) => eb.or([eb('po.ends_on', 'is', null), eb('po.ends_on', '>=', asOf)]))
      // Heads first, then the other roles in their usual order of seniority.
      .orderBy(sql`array_position(${postRoles}::text[], po.role)`)
      .orderBy('pe.family_name')
      .orderBy('pe.code')
      .execute()
  );
}
