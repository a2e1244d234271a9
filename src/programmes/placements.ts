// Placements: the candidates a programme's placement is for (an NPQH internship of 5 to 20 days, an
// associate head's 10-day placement) matched to host schools by the match brokering uses: the pool's
// heads holding the catalogue's NPQH host school or associate head placement designation are the hosts,
// with their days and places less what support deployments and agreed placements already take; the
// catalogue's rules (a serving head, leadership good or outstanding), not the candidate's own school or
// trust, and the authority's distance limit decide who may host; fit (phase, strength, distance, track
// record) and HiGHS decide who does. The director accepts pairs; each is checked again as it is agreed.
import { sql } from 'kysely';
import { canSee, requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { BrokeringSettings } from '../brokering/contract.ts';
import { fitOf, ineligibility, type OpenNeed } from '../brokering/eligibility.ts';
import type { Leader } from '../brokering/leaders.ts';
import { matchNeeds, reasonsFor } from '../brokering/match.ts';
import { matchInputs } from '../brokering/proposals.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { personName } from '../registry/sql.ts';
import type { PlacementKind } from './lists.ts';
import type {
  AcceptPlacements,
  HostCapacity,
  Placement,
  PlacementChange,
  PlacementProposal,
  PlacementRefusal,
  ProposePlacements,
} from './placement-contract.ts';

/** An NPQH internship takes 5 to 20 days; an associate head's placement, 10 unless recorded otherwise. */
const DAYS_RANGE: Record<PlacementKind, [number, number]> = {
  npqh_internship: [5, 20],
  leadership_placement: [1, 30],
};

interface Candidate {
  participant: number;
  name: string;
  cohort: string;
  school: string | null;
  school_name: string | null;
  kind: PlacementKind;
  days: number;
}

/** Enrolled participants of a programme with a placement who have no live placement yet. */
async function candidates(context: Context, programme: string | undefined): Promise<Candidate[]> {
  const { rows } = await sql<Candidate>`
    select pp.id as participant, ${personName('pe')} as name, c.code as cohort, s.code as school,
      s.name as school_name, p.placement as kind,
      coalesce(pp.placement_days, p.placement_days, 10)::float8 as days
    from programme_participant pp
    join programme_cohort c on c.id = pp.cohort_id
    join programme p on p.id = c.programme_id
    join person pe on pe.id = pp.person_id
    left join org_unit s on s.id = pp.school_id
    where p.placement is not null and pp.status = 'enrolled'
      and ${programme === undefined ? sql`true` : sql`p.code = ${programme}`}
      and not exists (select 1 from placement pl where pl.participant_id = pp.id and pl.status <> 'cancelled')
    order by pe.family_name, pe.given_name, pp.id`.execute(context.db);
  return rows;
}

/**
 * Host days and places already taken by agreed placements, per host. A place is a candidates' school:
 * two candidates from one school placed with the same host take one place (a candidate with no school
 * recorded takes one of their own).
 */
async function placementLoads(context: Context) {
  const { rows } = await sql<{
    person_id: number;
    days: number;
    places: { school: string; kind: PlacementKind }[];
  }>`
    select host_person_id as person_id, sum(days)::float8 as days,
      jsonb_agg(distinct jsonb_build_object('school', coalesce(s.code, 'participant ' || pl.participant_id),
        'kind', pl.kind)) as places
    from placement pl
    join programme_participant pp on pp.id = pl.participant_id
    left join org_unit s on s.id = pp.school_id
    where pl.status = 'agreed' group by host_person_id`.execute(context.db);
  return new Map(rows.map((r) => [r.person_id, r]));
}

/** The name a place takes in a host's list of schools: never a school's own code, which would refuse it. */
const placeOf = (school: string) => `placement from ${school}`;

interface Setup {
  settings: BrokeringSettings;
  hosts: Leader[];
  needs: OpenNeed[];
  byParticipant: Map<number, Candidate>;
  refused: PlacementRefusal[];
}

const kindsMet = (leader: Leader) =>
  leader.roles.filter((r): r is PlacementKind => r === 'npqh_internship' || r === 'leadership_placement');

/** The hosts with what agreed placements take counted in, and each candidate as a need at their own school. */
async function setUp(context: Context, list: Candidate[]): Promise<Setup> {
  const inputs = await matchInputs(context, context.today, { refresh: false });
  // A placement never goes to the candidate's own trust, whatever the authority set for support.
  const settings = { ...inputs.settings, exclude_own_trust: true };
  const loads = await placementLoads(context);
  const hosts = inputs.leaders
    .filter((l) => kindsMet(l).length > 0)
    .map((l) => {
      const load = loads.get(l.id);
      // Candidates take places as schools supported do, one a candidates' school; each counts against
      // the host role that meets its kind (each role has its own limit).
      const supporting = (load?.places ?? []).map((p) => ({ school: placeOf(p.school), kind: p.kind }));
      const places = [...new Set(supporting.map((p) => p.school))];
      return {
        ...l,
        committed: l.committed + (load?.days ?? 0),
        schools: [...l.schools, ...places],
        supporting: [...l.supporting, ...supporting],
      };
    });
  const facts = new Map(inputs.facts.map((f) => [f.code, f]));
  const needs: OpenNeed[] = [];
  const refused: PlacementRefusal[] = [];
  for (const c of list) {
    const [least, most] = DAYS_RANGE[c.kind];
    const school = c.school ? facts.get(c.school) : undefined;
    const why =
      c.days < least || c.days > most
        ? `${c.days} days recorded: ${c.kind === 'npqh_internship' ? 'an NPQH internship' : 'a leadership placement'} takes ${least} to ${most}`
        : !c.school
          ? 'No school recorded at entry: a host is matched from the candidate’s own school'
          : !school
            ? `${c.school_name ?? c.school} is not open: a host is matched from the candidate’s own school`
            : null;
    if (why) refused.push({ ...c, why });
    else
      needs.push({
        id: c.participant,
        kind: c.kind,
        indicator: null,
        days: c.days,
        evidence: `${c.name}, ${c.cohort}`,
        school: school as NonNullable<typeof school>,
        rejected: new Set(),
      });
  }
  return { settings, hosts, needs, byParticipant: new Map(list.map((c) => [c.participant, c])), refused };
}

const words = (code: string) => code.replaceAll('_', ' ');

/** Why this host, in a placement's words first, then the match's own (after its first, the designation). */
function placementReasons(host: Leader, kind: PlacementKind, matchReasons: string[]): string[] {
  const school = host.school as NonNullable<Leader['school']>;
  const latest = school.inspections[0];
  const judged = latest ? (latest.leadership ?? latest.overall) : null;
  return [
    `${school.name} hosts ${kind === 'npqh_internship' ? 'NPQH internships' : 'associate head placements'}: ${host.name}, its head, holds the designation`,
    ...(judged && latest ? [`Leadership judged ${words(judged)} (${latest.inspected_on})`] : []),
    ...(school.trust ? [`In ${school.trust}; the candidate’s school is not`] : ['Not in a trust']),
    // The first of the match's reasons is the designation, and its host-school line says the first line's.
    ...matchReasons.slice(1).filter((r) => !r.startsWith('Host school:')),
  ];
}

export async function proposePlacements(
  context: Context,
  input: ProposePlacements,
): Promise<PlacementProposal> {
  requireWholeSystem(context.actor, 'programmes:write');
  if (input.programme) {
    const found = await context.db
      .selectFrom('programme')
      .select('id')
      .where('code', '=', input.programme)
      .executeTakeFirst();
    if (!found) throw notFound(`Programme ${input.programme}`);
  }
  const list = await candidates(context, input.programme);
  const { settings, hosts, needs, byParticipant, refused } = await setUp(context, list);
  const match = await matchNeeds(needs, hosts, settings);
  const hostByCode = new Map(hosts.map((h) => [h.code, h]));
  const proposedDays = new Map<string, number>();
  const proposedPlaces = new Map<string, Set<string>>();
  const pairs = match.pairs.map((p) => {
    const candidate = byParticipant.get(p.need) as Candidate;
    const host = hostByCode.get(p.leader) as Leader;
    const school = host.school as NonNullable<Leader['school']>;
    proposedDays.set(host.code, (proposedDays.get(host.code) ?? 0) + p.days);
    // A second candidate from a school the host already takes uses no new place.
    const place = placeOf(p.school);
    if (!host.schools.includes(place) && !proposedPlaces.get(host.code)?.has(place))
      proposedPlaces.set(host.code, new Set([...(proposedPlaces.get(host.code) ?? []), place]));
    return {
      participant: candidate.participant,
      name: candidate.name,
      cohort: candidate.cohort,
      school: p.school,
      school_name: p.school_name,
      kind: candidate.kind,
      days: p.days,
      host: host.code,
      host_name: host.name,
      host_school: school.code,
      host_school_name: school.name,
      fit: p.fit,
      km: p.km,
      reasons: placementReasons(host, candidate.kind, p.reasons),
      next_best: p.next_best
        ? {
            host_school_name: hostByCode.get(p.next_best.leader)?.school?.name ?? p.next_best.leader_name,
            fit: p.next_best.fit,
            // The match names the other need's school; here that is another candidate's.
            why_not: p.next_best.why_not.replace(
              /is proposed for (.+?) \(fit/,
              'is proposed for the candidate from $1 (fit',
            ),
          }
        : null,
    };
  });
  for (const u of match.unmet) {
    const c = byParticipant.get(u.need) as Candidate;
    // The match says "leader"; a placement's reader thinks of host schools.
    const why = u.why
      .replaceAll('eligible leader', 'eligible host')
      .replace(
        'No leader in the pool is designated for this kind of support',
        'No head holds a host designation for this placement',
      );
    refused.push({ ...c, why });
  }
  refused.sort((a, b) => a.name.localeCompare(b.name));
  const capacity: HostCapacity[] = hosts.map((h) => ({
    host: h.code,
    host_name: h.name,
    host_school: h.school?.code ?? '',
    host_school_name: h.school?.name ?? '',
    kinds: kindsMet(h),
    funded: h.funded,
    committed: h.committed,
    proposed: proposedDays.get(h.code) ?? 0,
    // The places of the host roles they hold, within the authority's limit across all roles.
    places: Math.min(
      settings.max_schools,
      h.held
        .filter((r) => r.meets.some((k) => kindsMet(h).includes(k as PlacementKind)))
        .reduce((n, r) => n + r.max_schools, 0),
    ),
    taken: h.schools.length + (proposedPlaces.get(h.code)?.size ?? 0),
  }));
  capacity.sort((a, b) => b.proposed - a.proposed || a.host_school_name.localeCompare(b.host_school_name));
  return {
    as_of: context.today,
    candidates: list.length,
    status: match.status,
    objective: match.objective,
    gap: match.gap,
    pairs: pairs.sort((a, b) => a.name.localeCompare(b.name)),
    refused,
    hosts: capacity,
  };
}

function placementsQuery(context: Context) {
  return sql<Placement>`
    select pl.id, pl.participant_id as participant, ${personName('pe')} as name, c.code as cohort,
      s.code as school, s.name as school_name, pl.kind, pl.days::float8 as days,
      hp.code as host, ${personName('hp')} as host_name, h.code as host_school, h.name as host_school_name,
      pl.status, pl.fit::float8 as fit, pl.reasons, pl.agreed_by, pl.agreed_on
    from placement pl
    join programme_participant pp on pp.id = pl.participant_id
    join programme_cohort c on c.id = pp.cohort_id
    join person pe on pe.id = pp.person_id
    left join org_unit s on s.id = pp.school_id
    join person hp on hp.id = pl.host_person_id
    join org_unit h on h.id = pl.host_school_id`;
}

export async function listPlacements(context: Context): Promise<{ placements: Placement[] }> {
  const { actor } = context;
  requirePermission(actor, 'programmes:read');
  const { rows } =
    await sql<Placement>`${placementsQuery(context)} order by pl.agreed_on desc, pe.family_name, pl.id`.execute(
      context.db,
    );
  const seen = rows.filter(
    (r) => actor.scope.all || (r.school !== null && canSee(actor, r.school)) || canSee(actor, r.host_school),
  );
  return { placements: seen };
}

export async function acceptPlacements(
  context: Context,
  input: AcceptPlacements,
): Promise<{ placements: Placement[] }> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'programmes:write');
  const ids = input.pairs.map((p) => p.participant);
  if (new Set(ids).size !== ids.length)
    throw new HeadwayError('invalid', 'pairs: a candidate is named twice (one host each)');
  const list = await candidates(context, undefined);
  const { settings, hosts, needs, byParticipant, refused } = await setUp(context, list);
  const needOf = new Map(needs.map((n) => [n.id, n]));
  const hostByCode = new Map(hosts.map((h) => [h.code, h]));
  const problems: string[] = [];
  const agreed: { need: OpenNeed; host: Leader; fit: number; reasons: string[] }[] = [];
  for (const pair of input.pairs) {
    const need = needOf.get(pair.participant);
    const host = hostByCode.get(pair.host);
    if (!need) {
      const found = await db
        .selectFrom('programme_participant')
        .select('id')
        .where('id', '=', pair.participant)
        .executeTakeFirst();
      if (!found) throw notFound(`Participant ${pair.participant}`);
      const refusal = refused.find((r) => r.participant === pair.participant);
      problems.push(
        `participant ${pair.participant}: ${refusal?.why ?? 'not a candidate (placed already, not enrolled, or their programme has no placement)'}`,
      );
      continue;
    }
    if (!host) {
      problems.push(`${byParticipant.get(need.id)?.name}: ${pair.host} holds no host designation`);
      continue;
    }
    // Checked in turn against what the pairs before it took: capacity is never exceeded. A candidate from
    // a school the host already takes is checked as if that place were free: they share it.
    const place = placeOf(need.school.code);
    const shared = host.schools.includes(place)
      ? {
          ...host,
          schools: host.schools.filter((s) => s !== place),
          supporting: host.supporting.filter((s) => s.school !== place),
        }
      : host;
    const why = ineligibility(shared, need, settings);
    if (why.length > 0) {
      problems.push(
        `${byParticipant.get(need.id)?.name} at ${host.school?.name ?? host.name}: ${why.join('; ')}`,
      );
      continue;
    }
    const candidate = fitOf(host, need, settings);
    host.committed += need.days;
    // Places count candidates' schools: a second candidate from one school takes no new place.
    if (!host.schools.includes(place)) host.schools = [...host.schools, place];
    const daysLeft = host.funded - host.committed;
    agreed.push({
      need,
      host,
      fit: candidate.fit,
      reasons: placementReasons(
        host,
        need.kind as PlacementKind,
        reasonsFor({ ...candidate, need, leader: host }, daysLeft),
      ),
    });
  }
  if (problems.length > 0)
    throw new HeadwayError('conflict', `Nothing was agreed: ${problems.join(' | ')}`, { problems });
  const made = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('placement')
      .values(
        agreed.map(({ need, host, fit, reasons }) => ({
          participant_id: need.id,
          host_person_id: host.id,
          host_school_id: (host.school as NonNullable<Leader['school']>).id,
          kind: need.kind as PlacementKind,
          days: need.days,
          fit,
          reasons,
          agreed_by: actor.name,
          agreed_on: context.today,
        })),
      )
      .returning('id')
      .execute();
    await recordAudit(trx, actor, 'agree', 'placements', { pairs: input.pairs });
    return rows.map((r) => r.id);
  });
  const { rows } =
    await sql<Placement>`${placementsQuery(context)} where pl.id = any(${made}::int[]) order by pe.family_name, pl.id`.execute(
      db,
    );
  return { placements: rows };
}

export async function changePlacement(
  context: Context,
  id: number,
  change: PlacementChange,
): Promise<Placement> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'programmes:write');
  const before = await db
    .selectFrom('placement')
    .select(['id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound(`Placement ${id}`);
  if (before.status !== 'agreed')
    throw new HeadwayError('conflict', `Placement ${id} is ${before.status} already`);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('placement').set({ status: change.status }).where('id', '=', id).execute();
    await recordAudit(trx, actor, 'change', 'placement', { id, ...change });
  });
  const { rows } = await sql<Placement>`${placementsQuery(context)} where pl.id = ${id}`.execute(db);
  return rows[0] as Placement;
}
