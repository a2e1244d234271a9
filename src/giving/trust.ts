// A trust's (or federation's) give and receive, for its lead: each member school's year with its stage of
// the improvement journey and latest inspection outcome, the needs met within the trust (a deployment
// whose leader's school is a member) against those brokered from outside, the trust's own system leaders
// (designated, at its schools) and its own specialists with their specialisms.
import { sql } from 'kysely';
import { canSeeGroup, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import { lastInspections } from '../inspections/queries.ts';
import { personName } from '../registry/sql.ts';
import { specialistsOf } from '../specialists/specialists.ts';
import { storedRules } from '../stages/definitions.ts';
import { stagesOf } from '../stages/stages.ts';
import type { TrustGiving, TrustLeader } from './contract.ts';
import { givingYear, maskFlow, schoolRows } from './giving.ts';
import { flowsQuery } from './queries.ts';

/** Designated people whose post on the day is at one of the schools, with their designations. */
function trustLeadersQuery(schoolIds: number[], asOf: string) {
  return sql<{ person: string; name: string; school: string; school_name: string; designations: string[] }>`
    select p.code as person, ${personName('p')} as name, o.code as school, o.name as school_name,
      array_agg(distinct d.kind::text order by d.kind::text) as designations
    from designation d join person p on p.id = d.person_id
    join post po on po.person_id = p.id and po.starts_on <= ${asOf} and (po.ends_on is null or po.ends_on >= ${asOf})
    join org_unit o on o.id = po.org_unit_id and o.id = any(${schoolIds}::int[])
    where d.starts_on <= ${asOf} and (d.ends_on is null or d.ends_on >= ${asOf})
    group by p.code, p.id, o.code, o.name
    order by o.name, name, p.code`;
}

export async function trustGiving(
  context: Context,
  code: string,
  query: { year?: string } = {},
): Promise<TrustGiving> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  if (!canSeeGroup(actor, code)) throw notFound(`Trust ${code}`);
  const trust = await db
    .selectFrom('org_group')
    .select(['id', 'code', 'name', 'kind'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!trust) throw notFound(`Trust ${code}`);
  const members = await db
    .selectFrom('org_group_member')
    .select('org_unit_id')
    .where('group_id', '=', trust.id)
    .execute();
  const ids = members.map((m) => m.org_unit_id);
  const period = givingYear(context, query.year);
  // Who is where on the year's last day, or today while the year is under way.
  const asOf = context.today < period.end ? context.today : period.end;
  const [schools, inspections, { rows: flows }, { rows: leaders }, specialists] = await Promise.all([
    schoolRows(db, ids, period),
    lastInspections(db, asOf, 1),
    flowsQuery(period, ids).execute(db),
    trustLeadersQuery(ids, asOf).execute(db),
    specialistsOf(context, { trust: code }),
  ]);
  // Read, never recomputed here: the stages the matching and the school page read (src/stages/).
  const [placed, { stages: journey }] = await Promise.all([
    schools.length > 0 ? stagesOf(context, { schools: schools.map((s) => s.code), on: asOf }) : [],
    storedRules(db),
  ]);
  const stageOf = new Map(placed.map((p) => [p.school_code, p]));
  const stageName = new Map(journey.map((j) => [j.code, j.name]));
  const codes = new Set(schools.map((s) => s.code));
  const idOf = new Map(
    (
      await db
        .selectFrom('org_unit')
        .select(['id', 'code'])
        .where('id', 'in', [...ids, 0])
        .execute()
    ).map((r) => [r.code, r.id]),
  );
  const received = flows
    .filter((f) => f.received_by !== null && codes.has(f.received_by))
    .map((f) => ({ ...f, within: f.given_by !== null && codes.has(f.given_by) }));
  const within = received.filter((f) => f.within);
  const outside = received.filter((f) => !f.within);
  const sum = (list: { days_in_period: number }[]) => list.reduce((total, f) => total + f.days_in_period, 0);
  const count = (status: string) => schools.filter((s) => s.status === status).length;
  const byPerson = (person: string) => flows.filter((f) => f.source === 'deployment' && f.person === person);
  return {
    year: period.id,
    starts_on: period.start,
    ends_on: period.end,
    trust: { code: trust.code, name: trust.name, kind: trust.kind },
    summary: {
      schools: schools.length,
      both: count('both'),
      only_gave: count('only_gave'),
      only_received: count('only_received'),
      neither: count('neither'),
      strong: schools.filter((s) => s.strong).length,
      strong_never_gave: schools.filter(
        (s) => s.strong && (s.status === 'neither' || s.status === 'only_received'),
      ).length,
    },
    needs_met_within: within.length,
    needs_met_outside: outside.length,
    days_within: sum(within),
    days_outside: sum(outside),
    schools: schools.map((s) => {
      const [latest] = inspections.get(idOf.get(s.code) ?? 0) ?? [];
      return {
        ...s,
        judgement: latest
          ? `${latest.overall.replaceAll('_', ' ')}${latest.category ? ` (${latest.category.replaceAll('_', ' ')})` : ''}`
          : null,
        inspected_on: latest?.inspected_on ?? null,
        stage: stageName.get(stageOf.get(s.code)?.stage ?? '') ?? null,
        stage_reasons: stageOf.get(s.code)?.reasons ?? [],
      };
    }),
    stages: journey.map((j) => ({
      stage: j.name,
      schools: placed.filter((p) => p.stage === j.code).length,
    })),
    specialists,
    received: received.map((f) => maskFlow(actor, f)),
    leaders: leaders.map(
      (l): TrustLeader => ({
        ...l,
        deployments: byPerson(l.person).length,
        days: sum(byPerson(l.person)),
      }),
    ),
  };
}
