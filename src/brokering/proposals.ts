// A broker's proposal: refresh the needs, gather the pool, match the open needs in the broker's scope,
// keep the result; then the broker accepts, swaps or rejects pairs and Headway matches the rest again.
import { sql } from 'kysely';
import { type Actor, canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Settings } from '../config.ts';
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import type { BrokeringSettings } from './contract.ts';
import type { OpenNeed } from './eligibility.ts';
import { fitOf, ineligibility, strongAreas } from './eligibility.ts';
import { trackRecords } from './impact.ts';
import { type Leader, leaderPool } from './leaders.ts';
import { type MatchResult, matchNeeds, type Progress } from './match.ts';
import type { RefreshQuery, RefreshResult } from './need-contract.ts';
import { listNeeds, refreshDate, refreshNeeds } from './needs.ts';
import type {
  Decision,
  Decisions,
  LeaderQuery,
  Proposal,
  ProposeInput,
  SystemLeader,
} from './proposal-contract.ts';
import { type SchoolFacts, schoolFacts } from './school-facts.ts';
import { brokeringSettings } from './settings.ts';

/** What a match reads on its date: the brokering settings, every open school's facts and the pool. */
export interface MatchInputs {
  settings: BrokeringSettings;
  facts: SchoolFacts[];
  leaders: Leader[];
}

/** Every open school's facts on a date, kept per data version: a whole-authority read of many tables. */
function cachedSchoolFacts(db: Db, config: Settings, asOf: string): Promise<SchoolFacts[]> {
  return computedOnce(db, `school facts ${asOf} ${config.academicYearStart}`, () =>
    schoolFacts(db, config, asOf),
  );
}

export async function matchInputs(
  context: Context,
  asOf: string,
  { refresh }: { refresh: boolean },
  progress: Progress = () => {},
): Promise<MatchInputs> {
  const { db, settings: config } = context;
  const settings = await brokeringSettings(db);
  progress('Reading every school’s facts');
  const facts = await cachedSchoolFacts(db, config, asOf);
  // A broker's match first brings the rule-found needs up to date; reading the pool changes nothing.
  if (refresh) {
    progress('Bringing the needs up to date');
    await refreshNeeds(context, facts, settings, asOf);
  }
  progress('Reading the pool of system leaders');
  // The pool reads the schools' facts (which needs do not change) and the deployments.
  const pool = await computedOnce(db, `leader pool ${asOf} ${config.academicYearStart}`, async () =>
    leaderPool(db, facts, settings, asOf, await trackRecords(db, config, settings)),
  );
  // Copies: deciding on a proposal counts accepted days against its leaders as it goes.
  return { settings, facts, leaders: pool.map((leader) => ({ ...leader })) };
}

export async function openNeeds(
  context: Context,
  inputs: MatchInputs,
  area: string | undefined,
): Promise<OpenNeed[]> {
  const needs = await listNeeds(context, { status: ['open'], area });
  const { rows: rejections } = await sql<{ need_id: number; person_id: number }>`
    select need_id, person_id from broker_rejection`.execute(context.db);
  const factsByCode = new Map(inputs.facts.map((f) => [f.code, f]));
  return needs.flatMap((n) => {
    const school = factsByCode.get(n.school);
    if (!school) return [];
    const rejected = new Set(rejections.filter((r) => r.need_id === n.id).map((r) => r.person_id));
    return [
      {
        id: n.id,
        kind: n.kind,
        indicator: n.indicator,
        specialism: n.specialism ? { code: n.specialism, name: n.specialism_name ?? n.specialism } : null,
        days: n.days,
        evidence: n.evidence,
        school,
        rejected,
      },
    ];
  });
}

function scopeUnit(actor: Actor, area: string | undefined): string | undefined {
  requirePermission(actor, 'brokering:write');
  if (area && !canSee(actor, area)) throw notFound(`Area ${area}`);
  return area;
}

async function unitOf(db: Db, area: string | undefined): Promise<{ id: number; code: string }> {
  const unit = await db
    .selectFrom('org_unit')
    .select(['id', 'code'])
    .$if(area !== undefined, (q) => q.where('code', '=', area as string).where('level', '=', 'area'))
    .$if(area === undefined, (q) => q.where('level', '=', 'authority'))
    .orderBy('id')
    .executeTakeFirst();
  if (!unit) throw notFound(`Area ${area}`);
  return unit;
}

export async function proposeWith(
  context: Context,
  inputs: MatchInputs,
  area: string | undefined,
  progress: Progress = () => {},
): Promise<Proposal> {
  const { db, actor } = context;
  progress('Listing the open needs');
  const needs = await openNeeds(context, inputs, area);
  const result = await matchNeeds(needs, inputs.leaders, inputs.settings, progress);
  progress('Saving the proposal');
  const unit = await unitOf(db, area);
  const stored = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('brokering_proposal')
      .values({
        org_unit_id: unit.id,
        created_by: actor.name,
        status: result.status,
        objective: result.objective,
        bound: result.bound,
        gap: result.gap,
        seconds: result.seconds,
        result: JSON.stringify({ ...result, needs: needs.length }),
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'propose', 'brokering-proposal', {
      id: row.id,
      unit: unit.code,
      needs: needs.length,
      pairs: result.pairs.length,
      gap: result.gap,
    });
    return row;
  });
  return {
    id: stored.id,
    unit: unit.code,
    created_by: actor.name,
    created_at: new Date(stored.created_at).toISOString(),
    needs: needs.length,
    ...result,
  };
}

/** The date and area of a match the caller asks for, checked before any work starts. */
export function proposalScope(context: Context, input: ProposeInput): { asOf: string; area?: string } {
  const asOf = refreshDate(context, input.as_of);
  const { actor } = context;
  const area = scopeUnit(actor, input.area);
  // A broker for part of the authority must name their area: a whole-authority match is for whole-authority roles.
  if (!area && !actor.scope.all)
    throw new HeadwayError(
      'invalid',
      'area: name the area to broker for (your role is held for part of the authority)',
    );
  return { asOf, area };
}

/** Matches the open needs of the caller's scope (or one area in it) on the date. */
export async function propose(
  context: Context,
  input: ProposeInput,
  progress: Progress = () => {},
): Promise<Proposal> {
  const { asOf, area } = proposalScope(context, input);
  return proposeWith(context, await matchInputs(context, asOf, { refresh: true }, progress), area, progress);
}

export async function proposalById(context: Context, id: number): Promise<Proposal> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:read');
  const row = await db
    .selectFrom('brokering_proposal as p')
    .innerJoin('org_unit as o', 'o.id', 'p.org_unit_id')
    .select(['p.id', 'o.code as unit', 'p.created_by', 'p.created_at', 'p.result'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row || !canSee(actor, row.unit)) throw notFound(`Proposal ${id}`);
  const result = row.result as MatchResult & { needs: number };
  return {
    id: row.id,
    unit: row.unit,
    created_by: row.created_by,
    created_at: new Date(row.created_at).toISOString(),
    ...result,
    // Proposals kept before pairs carried their area and why they are the best available.
    pairs: (result.pairs as Partial<Proposal['pairs'][number]>[]).map(
      (pair) => ({ area: null, weak: [], best_because: '', ...pair }) as Proposal['pairs'][number],
    ),
  };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What applying decisions did, pair by pair. */
export interface Applied {
  accepted: number;
  swapped: number;
  rejected: number;
  /** Accepts and swaps already made from this proposal (the same leader, deployed from it). */
  already: number;
}

/** A proposal's area (undefined: the whole authority), as its match reads the needs. */
export async function proposalArea(db: Db, proposal: Proposal): Promise<string | undefined> {
  return proposal.unit === (await unitOf(db, undefined)).code ? undefined : proposal.unit;
}

/** Deployments already made from a proposal: need id to the leader's person id. */
export async function deployedFrom(db: Db, proposalId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('deployment')
    .select(['need_id', 'person_id'])
    .where('proposal_id', '=', proposalId)
    .execute();
  return new Map(rows.map((r) => [r.need_id, r.person_id]));
}

/**
 * Applies decisions on a proposal's pairs inside the caller's transaction: accepts and swaps become
 * deployments (counted against the leaders as it goes), rejects are kept for the next match. An accept
 * or swap found in `deployed` (need to person, made from this proposal) is counted, not made twice.
 */
export async function applyDecisions(
  trx: Db,
  actor: Actor,
  proposal: Proposal,
  inputs: MatchInputs,
  needs: Map<number, OpenNeed>,
  decisions: Decision[],
  asOf: string,
  deployed: ReadonlyMap<number, number>,
): Promise<Applied> {
  const leaders = new Map(inputs.leaders.map((l) => [l.code, l]));
  const pairs = new Map(proposal.pairs.map((p) => [p.need, p]));
  const applied: Applied = { accepted: 0, swapped: 0, rejected: 0, already: 0 };
  const batch = new Map<number, string[]>();
  for (const d of decisions) {
    const proposed = pairs.get(d.need);
    const code = d.decision === 'accept' ? proposed?.leader : (d.leader ?? proposed?.leader);
    const leader = code === undefined ? undefined : leaders.get(code);
    const need = needs.get(d.need);
    if (!need) {
      if (d.decision !== 'reject' && leader && deployed.get(d.need) === leader.id) {
        applied.already += 1;
        continue;
      }
      throw new HeadwayError('conflict', `Need ${d.need} is not open in this proposal's scope any more`);
    }
    if (d.decision === 'swap' && !d.leader)
      throw new HeadwayError('invalid', `need ${d.need}: name the leader to swap in`);
    if (!code) throw new HeadwayError('invalid', `need ${d.need}: the proposal has no leader for it`);
    if (!leader) throw new HeadwayError('invalid', `need ${d.need}: ${code} is not a system leader`);
    if (d.decision === 'reject') {
      if (!d.reason) throw new HeadwayError('invalid', `need ${d.need}: say why ${leader.name} is rejected`);
      await trx
        .insertInto('broker_rejection')
        .values({ need_id: need.id, person_id: leader.id, reason: d.reason, rejected_by: actor.name })
        .onConflict((oc) => oc.columns(['need_id', 'person_id']).doUpdateSet({ reason: d.reason as string }))
        .execute();
      applied.rejected += 1;
      continue;
    }
    // A proposal may give one leader several needs of a school; taken together they are one decision, so
    // the school this batch has just given them does not count as one they already support.
    const givenNow = batch.get(leader.id) ?? [];
    const why = ineligibility(
      givenNow.includes(need.school.code)
        ? {
            ...leader,
            schools: leader.schools.filter((code) => code !== need.school.code),
            supporting: leader.supporting.filter((s) => s.school !== need.school.code),
          }
        : leader,
      need,
      inputs.settings,
    );
    if (why.length > 0)
      throw new HeadwayError(
        'unprocessable',
        `need ${d.need}: ${leader.name} is not eligible: ${why.join('; ')}`,
      );
    const { fit } = fitOf(leader, need, inputs.settings);
    await trx
      .insertInto('deployment')
      .values({
        need_id: need.id,
        person_id: leader.id,
        role: need.kind,
        starts_on: asOf,
        ends_on: addDays(asOf, 7 * inputs.settings.weeks[need.kind]),
        days_agreed: need.days,
        proposal_id: proposal.id,
        fit,
        created_by: actor.name,
      })
      .execute();
    await trx.updateTable('support_need').set({ status: 'supported' }).where('id', '=', need.id).execute();
    needs.delete(need.id);
    // The leader's days and slots now count against the rest of these decisions.
    leader.committed += need.days;
    leader.schools = [...leader.schools, need.school.code];
    leader.supporting = [...leader.supporting, { school: need.school.code, kind: need.kind }];
    batch.set(leader.id, [...givenNow, need.school.code]);
    if (d.decision === 'swap' && code !== proposed?.leader) applied.swapped += 1;
    else applied.accepted += 1;
  }
  return applied;
}

/**
 * Applies the broker's decisions on a proposal in one transaction, then matches what is left. For a
 * swap a decision names the leader to deploy instead; for a reject, the leader rejected (default: the
 * proposed one).
 */
export async function decide(context: Context, proposalId: number, input: Decisions): Promise<Proposal> {
  const { db, actor } = context;
  const { decisions } = input;
  const asOf = input.as_of ?? context.today;
  const proposal = await proposalById(context, proposalId);
  requirePermission(actor, 'brokering:write');
  const area = await proposalArea(db, proposal);
  const inputs = await matchInputs(context, asOf, { refresh: true });
  const needs = new Map((await openNeeds(context, inputs, area)).map((n) => [n.id, n]));
  await db.transaction().execute(async (trx) => {
    // One by one, a decision on a need no longer open is refused, even if it was this one.
    await applyDecisions(trx, actor, proposal, inputs, needs, decisions, asOf, new Map());
    await recordAudit(trx, actor, 'decide', 'brokering-proposal', { proposal: proposal.id, decisions });
  });
  // The inputs already count the accepted pairs' days and places; the needs are read again.
  return proposeWith(context, inputs, area);
}

/**
 * The pool on the date, for those who broker: who may give support, their days, and the schools they
 * support now (named only inside the broker's scope; `places` counts them all). Anyone else sees only
 * their own entry, if they are in the pool (a system leader), and a caller with no place in the
 * registry is refused: the pool names people, their schools and where those schools are weak or strong.
 */
export async function listLeaders(context: Context, query: LeaderQuery): Promise<SystemLeader[]> {
  const { actor } = context;
  requirePermission(actor, 'brokering:read');
  const brokers = actor.permissions.has('brokering:write');
  if (!brokers && actor.personId === null)
    throw new HeadwayError(
      'forbidden',
      'Only those who broker support (admin, director, area lead) see the system-leader pool; a system leader sees their own entry',
    );
  const { leaders } = await matchInputs(context, query.as_of ?? context.today, { refresh: false });
  return leaders
    .filter((l) => brokers || l.id === actor.personId)
    .map((l) => ({
      code: l.code,
      name: l.name,
      designations: l.designations,
      roles: l.roles,
      host: l.host,
      school: l.school?.code ?? null,
      school_name: l.school?.name ?? null,
      phase: l.school?.phase ?? null,
      funded: l.funded,
      committed: l.committed,
      left: l.funded - l.committed,
      // Schools supported now, counted whoever can see them.
      places: l.schools.length,
      schools: l.schools.filter((code) => canSee(actor, code) || l.id === actor.personId),
      headship_years: l.headship_years,
      strengths: [...strongAreas(l.school)],
      track: l.track,
    }));
}

/** Brings the rule-found needs up to date on the date (a broker's action). */
export async function refreshNeedsNow(context: Context, query: RefreshQuery): Promise<RefreshResult> {
  const asOf = refreshDate(context, query.as_of);
  const { db, actor } = context;
  requirePermission(actor, 'brokering:write');
  const settings = await brokeringSettings(db);
  return refreshNeeds(context, await cachedSchoolFacts(db, context.settings, asOf), settings, asOf);
}
