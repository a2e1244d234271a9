// Recommended programmes for the weakest competencies. For a leader: their validated ratings below the
// threshold (HEADWAY_SKILLS_WEAK_BELOW), lowest first, each with the programmes that develop it which they
// have not completed nor are on now and which have a cohort running or starting later. For an area: the
// competencies its leaders are weakest in on average (validated ratings; too few leaders are not shown),
// with every programme that develops each and its next cohort, or none: one to commission.
import { sql } from 'kysely';
import { canCompareWith, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { namesAnyone, seesLeader } from './access.ts';
import { findAudit, leaderRows } from './audits.ts';
import type { Recommendations, RecommendationsQuery } from './heatmap-contract.ts';
import { areaWeaknessQuery } from './queries.ts';

type Weakness = Recommendations['weaknesses'][number];
type Offer = Weakness['programmes'][number];

const weakBelow = (context: Context) => context.settings.skillsWeakBelow ?? 3;

/** Per competency, the active programmes that develop it with their next cohort running or to come. */
async function offers(context: Context, excludeFor: number | null): Promise<Map<string, Offer[]>> {
  const rows = await context.db
    .selectFrom('competency_programme as cp')
    .innerJoin('competency as c', 'c.id', 'cp.competency_id')
    .innerJoin('programme as p', 'p.id', 'cp.programme_id')
    .select([
      'c.code as competency',
      'p.code',
      'p.name',
      sql<
        Offer['cohort']
      >`(select json_build_object('code', pc.code, 'name', pc.name, 'starts_on', pc.starts_on::text,
        'ends_on', pc.ends_on::text) from programme_cohort pc where pc.programme_id = p.id and pc.ends_on >= ${context.today}
        order by pc.starts_on, pc.code limit 1)`.as('cohort'),
    ])
    .where('p.active', '=', true)
    .$if(excludeFor !== null, (q) =>
      // Not a programme they completed, nor one they are on in a cohort still running.
      q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('programme_participant as pp')
              .innerJoin('programme_cohort as done', 'done.id', 'pp.cohort_id')
              .select('pp.id')
              .whereRef('done.programme_id', '=', 'p.id')
              .where('pp.person_id', '=', excludeFor as number)
              .where((eb) =>
                eb.or([
                  eb('pp.status', '=', 'completed'),
                  eb.and([eb('pp.status', '=', 'enrolled'), eb('done.ends_on', '>=', context.today)]),
                ]),
              ),
          ),
        ),
      ),
    )
    .orderBy('p.position')
    .orderBy('p.code')
    .execute();
  const map = new Map<string, Offer[]>();
  for (const { competency, ...offer } of rows) map.set(competency, [...(map.get(competency) ?? []), offer]);
  return map;
}

export async function recommendations(
  context: Context,
  query: RecommendationsQuery,
): Promise<Recommendations> {
  const { actor, db } = context;
  requirePermission(actor, 'kpi:read');
  if ((query.person === undefined) === (query.area === undefined))
    throw new HeadwayError('invalid', 'Name either a person or an area');
  const audit = await findAudit(context, query.audit);
  const threshold = weakBelow(context);
  const summary = audit && (({ id: _, ...rest }) => rest)(audit);
  if (query.person !== undefined) {
    if (!namesAnyone(actor))
      throw new HeadwayError('forbidden', 'Your role shows the skills heat map, not leaders by name');
    const person = await db
      .selectFrom('person')
      .select('id')
      .where('code', '=', query.person)
      .executeTakeFirst();
    const [leader] = person && audit ? await leaderRows(context, audit.id, person.id) : [];
    if (!leader || !seesLeader(actor, leader)) throw notFound(`Leader ${query.person} in the audit`);
    const weak = await db
      .selectFrom('skill_rating as r')
      .innerJoin('competency as c', 'c.id', 'r.competency_id')
      .select(['c.code', 'c.name', 'r.validated_rating'])
      .where('r.audit_id', '=', audit?.id as number)
      .where('r.person_id', '=', leader.person_id)
      .where('c.retired_on', 'is', null)
      .where('r.validated_rating', '<', threshold)
      .orderBy('r.validated_rating')
      .orderBy('c.position')
      .execute();
    const offered = await offers(context, leader.person_id);
    return {
      audit: summary,
      weak_below: threshold,
      person: { code: leader.person, name: leader.name },
      area: null,
      weaknesses: weak.map((w) => ({
        competency: w.code,
        name: w.name,
        rating: w.validated_rating as number,
        weak_leaders: 1,
        // A leader is pointed only at programmes they can join: with a cohort running or to come.
        programmes: (offered.get(w.code) ?? []).filter((o) => o.cohort !== null),
      })),
    };
  }
  const area = await db
    .selectFrom('org_unit')
    .select(['code', 'name'])
    .where('code', '=', query.area as string)
    .where('level', '=', 'area')
    .executeTakeFirst();
  if (!area || !canCompareWith(actor, area.code)) throw notFound(`Area ${query.area}`);
  if (!audit)
    return {
      audit: null,
      weak_below: threshold,
      person: null,
      area: { ...area, leaders: 0 },
      weaknesses: [],
    };
  const { rows } = await areaWeaknessQuery(audit.id, area.code, threshold).execute(db);
  const n = context.settings.skillsMinCell ?? 3;
  const offered = await offers(context, null);
  return {
    audit: summary,
    weak_below: threshold,
    person: null,
    area: { ...area, leaders: Math.max(0, ...rows.map((r) => r.leaders)) },
    weaknesses: rows
      .filter((r) => r.leaders >= n && r.mean < threshold)
      .map((r) => ({
        competency: r.competency,
        name: r.name,
        rating: Math.round(r.mean * 100) / 100,
        weak_leaders: r.weak_leaders,
        programmes: offered.get(r.competency) ?? [],
      })),
  };
}
