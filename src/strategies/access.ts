// Who may see and change a strategy. Three levels of accountability: the director (a role that sets up
// strategies, held over the strategy's scope) and the strategy's overarching lead change the whole plan;
// a strand's lead changes that strand's actions; an action's lead (or a parent action's) updates its
// status, milestones and evidence. Everyone with a role sees the strategies whose scope includes them:
// a unit in or above their own (an area lead sees the authority's and their own area's, not another
// area's), and any strategy in which they lead something.
import { sql } from 'kysely';
import { type Actor, canCompareWith, canSee, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';

export interface StrategyFacts {
  id: number;
  code: string;
  scopeCode: string;
  leadPersonId: number | null;
}

export interface StrandFacts {
  id: number;
  strategy: StrategyFacts;
  leadPersonId: number | null;
}

export interface ActionFacts {
  id: number;
  strand: StrandFacts;
  /** The action's lead and its parent actions' leads, nearest first. */
  leadPersonIds: (number | null)[];
}

/** A SQL condition on `s` (strategy): the caller may see it. */
export function strategyVisibleTo(actor: Actor) {
  if (actor.scope.all) return sql<boolean>`true`;
  const units = [...actor.scope.units, ...actor.scope.comparisons];
  const person = actor.personId ?? -1;
  return sql<boolean>`(
    exists (select 1 from org_unit su where su.id = s.scope_unit_id and su.code = any(${units}::text[]))
    or s.lead_person_id = ${person}
    or exists (select 1 from strategy_strand ls where ls.strategy_id = s.id and ls.lead_person_id = ${person})
    or exists (select 1 from strategy_action la join strategy_strand las on las.id = la.strand_id
               where las.strategy_id = s.id and la.lead_person_id = ${person}))`;
}

async function visible(db: Db, actor: Actor, facts: StrategyFacts): Promise<boolean> {
  if (canCompareWith(actor, facts.scopeCode) || isStrategyEditor(actor, facts)) return true;
  const row = await db
    .selectFrom('strategy as s')
    .select('s.id')
    .where('s.id', '=', facts.id)
    .where(strategyVisibleTo(actor))
    .executeTakeFirst();
  return row !== undefined;
}

const strategyColumns = sql<StrategyFacts>`json_build_object('id', s.id, 'code', s.code,
  'scopeCode', su.code, 'leadPersonId', s.lead_person_id)`;

async function requireSeen(context: Context, facts: StrategyFacts | undefined, what: string) {
  requirePermission(context.actor, 'strategies:read');
  if (!facts || !(await visible(context.db, context.actor, facts))) throw notFound(what);
  return facts;
}

/** The strategy's facts, or "not found" for a caller who may not see it. */
export async function requireStrategy(context: Context, code: string): Promise<StrategyFacts> {
  const row = await context.db
    .selectFrom('strategy as s')
    .innerJoin('org_unit as su', 'su.id', 's.scope_unit_id')
    .select(strategyColumns.as('facts'))
    .where('s.code', '=', code)
    .executeTakeFirst();
  return requireSeen(context, row?.facts, `Strategy ${code}`);
}

export async function requireStrand(context: Context, id: number): Promise<StrandFacts> {
  const row = await context.db
    .selectFrom('strategy_strand as st')
    .innerJoin('strategy as s', 's.id', 'st.strategy_id')
    .innerJoin('org_unit as su', 'su.id', 's.scope_unit_id')
    .select([strategyColumns.as('facts'), 'st.lead_person_id'])
    .where('st.id', '=', id)
    .executeTakeFirst();
  const strategy = await requireSeen(context, row?.facts, `Strand ${id}`);
  return { id, strategy, leadPersonId: row?.lead_person_id ?? null };
}

export async function requireAction(context: Context, id: number): Promise<ActionFacts> {
  const { rows } = await sql<{ strand_id: number; leads: (number | null)[] }>`
    with recursive chain (id, parent_action_id, lead_person_id, strand_id, depth) as (
      select id, parent_action_id, lead_person_id, strand_id, 0 from strategy_action where id = ${id}
      union all
      select a.id, a.parent_action_id, a.lead_person_id, a.strand_id, c.depth + 1
      from strategy_action a join chain c on a.id = c.parent_action_id
    )
    select (select strand_id from chain where depth = 0) as strand_id,
      array_agg(lead_person_id order by depth) as leads
    from chain`.execute(context.db);
  const row = rows[0];
  if (!row?.strand_id) {
    requirePermission(context.actor, 'strategies:read');
    throw notFound(`Action ${id}`);
  }
  const strand = await requireStrand(context, row.strand_id).catch((error) => {
    throw error instanceof HeadwayError && error.code === 'not_found' ? notFound(`Action ${id}`) : error;
  });
  return { id, strand, leadPersonIds: row.leads };
}

const leads = (actor: Actor, personId: number | null) =>
  actor.personId !== null && personId === actor.personId;

/** The director (a role that sets up strategies, over the strategy's scope) or the overarching lead. */
export function isStrategyEditor(actor: Actor, facts: StrategyFacts): boolean {
  return (
    (actor.permissions.has('strategies:write') && canSee(actor, facts.scopeCode)) ||
    leads(actor, facts.leadPersonId)
  );
}

export function isStrandEditor(actor: Actor, facts: StrandFacts): boolean {
  return isStrategyEditor(actor, facts.strategy) || leads(actor, facts.leadPersonId);
}

export function canUpdateAction(actor: Actor, facts: ActionFacts): boolean {
  return isStrandEditor(actor, facts.strand) || facts.leadPersonIds.some((id) => leads(actor, id));
}

function refuse(actor: Actor, what: string): never {
  throw new HeadwayError('forbidden', `${actor.name} may not ${what}`);
}

export function requireStrategyEditor(actor: Actor, facts: StrategyFacts): void {
  if (!isStrategyEditor(actor, facts))
    refuse(actor, `change strategy ${facts.code}: that is for the director and its overarching lead`);
}

export function requireStrandEditor(actor: Actor, facts: StrandFacts): void {
  if (!isStrandEditor(actor, facts))
    refuse(
      actor,
      `change strand ${facts.id}'s actions: that is for its lead, the overarching lead and the director`,
    );
}

export function requireActionUpdater(actor: Actor, facts: ActionFacts): void {
  if (!canUpdateAction(actor, facts))
    refuse(
      actor,
      `update action ${facts.id}: that is for its lead and those who lead its strand or strategy`,
    );
}
