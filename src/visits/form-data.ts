// The visit form's data in one answer, so the offline worker can keep it and the form opens with no
// connection: the schools the caller may record visits to, the people they can name as visitors
// (holders of a role that records visits) or as an action's owner (post holders at those schools,
// and people with an account at one of them),
// and every current rubric whole. Names and codes only: nothing pupil-level goes onto the device.
import { sql } from 'kysely';
import { requirePermission, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { personName } from '../registry/sql.ts';
import type { VisitFormData } from './form-contract.ts';
import { listRubrics, rubricDetail } from './rubrics.ts';

/** Schools in scope by name; people who record visits or hold a post at one of them; current rubrics. */
export async function visitFormData(context: Context): Promise<VisitFormData> {
  const { actor, db } = context;
  requirePermission(actor, 'visits:write');
  const units = visibleUnits(actor);
  let schoolQuery = db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as a', 'a.id', 'o.parent_id')
    .select(['o.id', 'o.code', 'o.name', 'a.name as area'])
    .where('o.level', '=', 'school')
    .orderBy('o.name')
    .orderBy('o.code');
  if (units) schoolQuery = schoolQuery.where('o.code', 'in', units.length ? units : ['']);
  const schools = await schoolQuery.execute();
  const schoolIds = schools.map((s) => s.id);
  const people = await db
    .selectFrom('person as p')
    .select([
      'p.code',
      sql<string>`${personName('p')}`.as('name'),
      sql<boolean>`exists (select 1 from app_user u join role_grant g on g.user_id = u.id
        where u.person_id = p.id and not u.disabled and g.role in ('area_lead', 'director'))`.as('visitor'),
      sql<string[]>`coalesce((select array_agg(distinct o.code order by o.code) from org_unit o
        where o.id in (${sql.join(schoolIds.length ? schoolIds : [0])}) and (
          exists (select 1 from post where post.person_id = p.id and post.org_unit_id = o.id
            and (post.ends_on is null or post.ends_on >= ${context.today}))
          or exists (select 1 from app_user u join role_grant g on g.user_id = u.id
            where u.person_id = p.id and not u.disabled and g.org_unit_id = o.id))), '{}')`.as('schools'),
    ])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('app_user as u')
            .innerJoin('role_grant as g', 'g.user_id', 'u.id')
            .select('u.id')
            .whereRef('u.person_id', '=', 'p.id')
            .where('u.disabled', '=', false)
            .where('g.role', 'in', ['area_lead', 'director']),
        ),
        eb.exists(
          eb
            .selectFrom('post')
            .select('post.id')
            .whereRef('post.person_id', '=', 'p.id')
            .where((w) => w.or([w('post.ends_on', 'is', null), w('post.ends_on', '>=', context.today)]))
            .where('post.org_unit_id', 'in', schoolIds.length ? schoolIds : [0]),
        ),
        // A head with an account at one of the schools, though the registry has no post for them.
        eb.exists(
          eb
            .selectFrom('app_user as u')
            .innerJoin('role_grant as g', 'g.user_id', 'u.id')
            .select('u.id')
            .whereRef('u.person_id', '=', 'p.id')
            .where('u.disabled', '=', false)
            .where('g.org_unit_id', 'in', schoolIds.length ? schoolIds : [0]),
        ),
      ]),
    )
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('p.code')
    .execute();
  const rubrics = await Promise.all(
    (await listRubrics(context)).map((r) => rubricDetail(context, r.code, r.version)),
  );
  return { schools: schools.map(({ id: _id, ...s }) => s), people, rubrics };
}
