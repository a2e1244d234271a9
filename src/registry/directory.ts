// What the registry answers: the tree of areas and clusters, schools found by place, phase or name,
// and one school's facts with its headship. Each function checks the actor first.
import {
  comparableUnits,
  requireComparable,
  requirePermission,
  requireVisible,
  visibleUnits,
} from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import type {
  Headship,
  OrgUnitDetail,
  OrgUnitLevel,
  OrgUnitSummary,
  SchoolDetail,
  SchoolListItem,
  SchoolPage,
} from './contract.ts';
import { headshipOf } from './headship.ts';
import {
  ancestorsOf,
  currentPostsAt,
  headPostsFor,
  listSchools,
  orgUnitByCode,
  orgUnitSummaries,
  type SchoolFilter,
} from './queries.ts';

/** The registry as on a date: today unless the caller asks for another day. */
export interface AsOf {
  asOf?: string;
}

export async function listOrgUnits(
  { db, actor, today }: Context,
  { level, asOf = today }: { level?: OrgUnitLevel } & AsOf = {},
): Promise<OrgUnitSummary[]> {
  requirePermission(actor, 'registry:read');
  return orgUnitSummaries(db, { level, within: comparableUnits(actor) }, asOf);
}

export async function getOrgUnit(
  { db, actor, today }: Context,
  code: string,
  { asOf = today }: AsOf = {},
): Promise<OrgUnitDetail> {
  requirePermission(actor, 'registry:read');
  requireComparable(actor, code, `Org unit ${code}`);
  const unit = await orgUnitByCode(db, code);
  if (!unit) throw notFound(`Org unit ${code}`);
  const [summary] = await orgUnitSummaries(db, { codes: [code] }, asOf);
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    parent_code: unit.parent_code,
    schools: summary?.schools ?? 0,
    ancestors: await ancestorsOf(db, unit.id),
    children: await orgUnitSummaries(db, { parentId: unit.id, within: comparableUnits(actor) }, asOf),
  };
}

export type SchoolQuery = Omit<SchoolFilter, 'code' | 'limit' | 'offset' | 'asOf'> &
  AsOf & {
    page: number;
    pageSize: number;
  };

function headteacherSummary(headship: Headship): Pick<SchoolListItem, 'headship_status' | 'headteacher'> {
  const leader = headship.head ?? headship.cover[0] ?? null;
  return {
    headship_status: headship.status,
    headteacher: leader && {
      person_code: leader.person_code,
      name: leader.name,
      role: leader.role,
      since: leader.since,
      tenure_years: leader.tenure_years,
    },
  };
}

export async function findSchools({ db, actor, today }: Context, query: SchoolQuery): Promise<SchoolPage> {
  requirePermission(actor, 'registry:read');
  const asOf = query.asOf ?? today;
  const rows = await listSchools(db, {
    ...query,
    asOf,
    within: visibleUnits(actor),
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const { schoolPosts, careerPosts } = await headPostsFor(
    db,
    rows.map((r) => r.id),
  );
  const schools = rows.map(({ id: _id, total: _total, ...school }) => ({
    ...school,
    ...headteacherSummary(
      headshipOf(
        schoolPosts.filter((p) => p.school_code === school.code),
        careerPosts,
        asOf,
      ),
    ),
  }));
  return { total: rows[0]?.total ?? 0, page: query.page, page_size: query.pageSize, schools };
}

export async function getSchool(
  { db, actor, today }: Context,
  code: string,
  { asOf = today }: AsOf = {},
): Promise<SchoolDetail> {
  requirePermission(actor, 'registry:read');
  requireVisible(actor, code, `School ${code}`);
  const unit = await orgUnitByCode(db, code);
  if (unit?.level !== 'school') throw notFound(`School ${code}`);
  const [school] = await listSchools(db, { code, includeClosed: true, asOf, limit: 1, offset: 0 });
  if (!school) throw notFound(`School ${code}`);
  const { schoolPosts, careerPosts } = await headPostsFor(db, [unit.id]);
  const { id: _id, total: _total, ...facts } = school;
  return {
    ...facts,
    headship: headshipOf(schoolPosts, careerPosts, asOf),
    posts: await currentPostsAt(db, unit.id, asOf),
    ancestors: await ancestorsOf(db, unit.id),
  };
}
