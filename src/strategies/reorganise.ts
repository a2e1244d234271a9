// Reorganising a strategy: move an action to another strand, merge strands, split one, retire one, or
// rename it or change its lead. The director and the overarching lead do all of it; a strand's lead may
// move actions between strands they lead. Each change takes a reason and is written to the change log
// (who, when, why, what moved) in the same transaction as the change, and audited; a dry run does the
// whole change, answers what it did and rolls it back, so a person sees what will happen first.

import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { personName } from '../registry/sql.ts';
import { isStrandEditor, requireStrategy, requireStrategyEditor, type StrategyFacts } from './access.ts';
import { authorName, leadId } from './people.ts';
import type { ChangeKind, PlanChange, Reorganisation } from './reorganise-contract.ts';
import {
  handOver,
  moveActions,
  type PlanAction,
  type PlanStrand,
  planActions,
  withSubActions,
} from './reorganise-moves.ts';

class DryRun extends Error {
  constructor(readonly change: PlanChange) {
    super('dry run');
  }
}

const invalid = (message: string) => new HeadwayError('invalid', message);
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const quoted = (names: string[]) =>
  names.length <= 1
    ? `'${names[0] ?? ''}'`
    : `${names
        .slice(0, -1)
        .map((n) => `'${n}'`)
        .join(', ')} and '${names.at(-1)}'`;

interface Outcome {
  kind: ChangeKind;
  summary: string;
  strand_ids: number[];
  action_ids: number[];
  moves: PlanChange['moves'];
  notes: string[];
}

interface Plan {
  trx: Db;
  context: Context;
  facts: StrategyFacts;
  on: string;
  strands: Map<number, PlanStrand>;
  actions: PlanAction[];
  strand: (id: number | undefined, field: string) => PlanStrand;
}

export async function reorganise(
  context: Context,
  code: string,
  change: Reorganisation,
  options: { dryRun?: boolean } = {},
): Promise<PlanChange> {
  const facts = await requireStrategy(context, code);
  const { actor, today } = context;
  const on = change.on ?? today;
  if (on > today) throw invalid(`on: ${on} is in the future (today is ${today})`);
  if (change.kind !== 'move_action') requireStrategyEditor(actor, facts);
  try {
    return await context.db.transaction().execute(async (trx) => {
      // Serialise reorganisations of one strategy, so the log's order is the order they happened.
      await sql`select id from strategy where id = ${facts.id} for update`.execute(trx);
      const last = await sql<{ on_date: string | null }>`
        select to_char(max(on_date), 'YYYY-MM-DD') as on_date from strategy_change
        where strategy_id = ${facts.id}`.execute(trx);
      const lastOn = last.rows[0]?.on_date;
      if (lastOn && on < lastOn)
        throw invalid(`on: ${on} is before the last recorded change to the plan (${lastOn})`);
      await sql`select set_config('headway.on_date', ${on}, true)`.execute(trx);
      const strands = new Map(
        (
          await sql<PlanStrand>`
            select id, code, name, lead_person_id, position, to_char(retired_on, 'YYYY-MM-DD') as retired_on
            from strategy_strand where strategy_id = ${facts.id}`.execute(trx)
        ).rows.map((s) => [s.id, s]),
      );
      const plan: Plan = {
        trx,
        context,
        facts,
        on,
        strands,
        actions: await planActions(trx, facts.id),
        strand: (id, field) => {
          const strand = id === undefined ? undefined : strands.get(id);
          if (!strand) throw invalid(`${field}: strand ${id} is not a strand of strategy ${code}`);
          if (strand.retired_on !== null)
            throw invalid(`${field}: strand '${strand.name}' was retired on ${strand.retired_on}`);
          return strand;
        },
      };
      const outcome = await apply(plan, change);
      const details = {
        strand_ids: outcome.strand_ids,
        action_ids: outcome.action_ids,
        moves: outcome.moves,
        notes: outcome.notes,
      };
      const row = await trx
        .insertInto('strategy_change')
        .values({
          strategy_id: facts.id,
          kind: outcome.kind,
          on_date: on,
          author: actor.name,
          author_person_id: actor.personId,
          reason: change.reason,
          summary: outcome.summary,
          details: JSON.stringify(details),
        })
        .returning([
          'id',
          sql<string>`to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`.as('at'),
        ])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, 'reorganise', 'strategy', { strategy: code, change: row.id, ...change });
      const answer: PlanChange = {
        id: options.dryRun ? null : row.id,
        on_date: on,
        recorded_at: row.at,
        kind: outcome.kind,
        summary: outcome.summary,
        author: (await nameOf(trx, actor.personId)) ?? actor.name,
        reason: change.reason,
        ...details,
      };
      if (options.dryRun) throw new DryRun(answer);
      return answer;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.change;
    if ((error as { code?: string }).code === '23505')
      throw new HeadwayError('conflict', `Strategy ${code} already has a strand with that code`);
    throw error;
  }
}

/** A person's name, or null for none. */
async function nameOf(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const row = await db
    .selectFrom('person as p')
    .select(personName('p').as('name'))
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row?.name ?? null;
}

function apply(plan: Plan, change: Reorganisation): Promise<Outcome> {
  switch (change.kind) {
    case 'move_action':
      return moveAction(plan, change.action, change.to_strand);
    case 'merge_strands':
      return mergeStrands(plan, change);
    case 'split_strand':
      return splitStrand(plan, change);
    case 'retire_strand':
      return retireStrand(plan, change);
    case 'edit_strand':
      return editStrand(plan, change);
  }
}

function forbid(actor: Actor, what: string): never {
  throw new HeadwayError('forbidden', `${actor.name} may not ${what}`);
}

async function moveAction(plan: Plan, actionId: number, toStrand: number): Promise<Outcome> {
  const { context, facts } = plan;
  const action = plan.actions.find((a) => a.id === actionId);
  if (!action) throw invalid(`action: action ${actionId} is not an action of strategy ${facts.code}`);
  const from = plan.strand(action.strand_id, 'action');
  const target = plan.strand(toStrand, 'to_strand');
  if (target.id === from.id) throw invalid(`to_strand: '${action.title}' is already in '${from.name}'`);
  const editor = (s: PlanStrand) =>
    isStrandEditor(context.actor, { id: s.id, strategy: facts, leadPersonId: s.lead_person_id });
  if (!editor(from))
    forbid(
      context.actor,
      `move actions out of '${from.name}': that is for its lead, the overarching lead and the director`,
    );
  if (!editor(target))
    forbid(
      context.actor,
      `move actions into '${target.name}': that is for its lead, the overarching lead and the director`,
    );
  const moving = withSubActions(plan.actions, [action.id]);
  const { moves, notes } = await moveActions(plan.trx, plan.actions, moving, plan.strands, target);
  const subs = moving.length - 1;
  return {
    kind: 'move_action',
    summary: `Moved '${action.title}' from '${from.name}' to '${target.name}'${subs ? ` (with ${count(subs, 'sub-action')})` : ''}`,
    strand_ids: [from.id, target.id],
    action_ids: moving.map((a) => a.id),
    moves,
    notes,
  };
}

async function newStrand(
  plan: Plan,
  input: { code: string; name: string; lead: string | null },
  position: number,
): Promise<PlanStrand> {
  const lead = await leadId(plan.trx, input.lead, 'new_strand.lead');
  const { id } = await plan.trx
    .insertInto('strategy_strand')
    .values({
      strategy_id: plan.facts.id,
      code: input.code,
      name: input.name,
      lead_person_id: lead,
      position,
      created_on: plan.on,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const strand = { id, code: input.code, name: input.name, lead_person_id: lead, position, retired_on: null };
  plan.strands.set(id, strand);
  return strand;
}

async function retire(plan: Plan, ids: number[]): Promise<void> {
  await plan.trx.updateTable('strategy_strand').set({ retired_on: plan.on }).where('id', 'in', ids).execute();
}

async function mergeStrands(
  plan: Plan,
  change: Extract<Reorganisation, { kind: 'merge_strands' }>,
): Promise<Outcome> {
  const ids = [...new Set(change.strands)];
  if (ids.length < 2) throw invalid('strands: name at least two different strands to merge');
  const merging = ids.map((id) => plan.strand(id, 'strands'));
  if ((change.into === undefined) === (change.new_strand === undefined))
    throw invalid(
      'into, new_strand: say what they merge into: one of the strands (into) or a new strand (new_strand)',
    );
  if (change.into !== undefined && !ids.includes(change.into))
    throw invalid(`into: strand ${change.into} is not one of the strands being merged`);
  const target = change.new_strand
    ? await newStrand(plan, change.new_strand, Math.min(...merging.map((s) => s.position)))
    : (plan.strands.get(change.into as number) as PlanStrand);
  const away = merging.filter((s) => s.id !== target.id);
  const leaving = plan.actions.filter((a) => away.some((s) => s.id === a.strand_id));
  const { moves, notes } = await moveActions(plan.trx, plan.actions, leaving, plan.strands, target);
  await handOver(
    plan.trx,
    away.map((s) => s.id),
    target.id,
  );
  await retire(
    plan,
    away.map((s) => s.id),
  );
  const into = change.new_strand ? `a new strand '${target.name}'` : `'${target.name}'`;
  return {
    kind: 'merge_strands',
    summary: `Merged ${quoted(away.map((s) => s.name))} into ${into} (${count(moves.length, 'action')} moved)`,
    strand_ids: [...merging.map((s) => s.id), ...(change.new_strand ? [target.id] : [])],
    action_ids: moves.map((m) => m.action_id),
    moves,
    notes: [...notes, `${quoted(away.map((s) => s.name))} retired: kept in the plan's history.`],
  };
}

async function splitStrand(
  plan: Plan,
  change: Extract<Reorganisation, { kind: 'split_strand' }>,
): Promise<Outcome> {
  const source = plan.strand(change.strand, 'strand');
  for (const id of change.actions)
    if (!plan.actions.some((a) => a.id === id && a.strand_id === source.id))
      throw invalid(`actions: action ${id} is not in strand '${source.name}'`);
  const target = await newStrand(
    plan,
    change.new_strand,
    Math.max(...[...plan.strands.values()].map((s) => s.position)) + 1,
  );
  const moving = withSubActions(plan.actions, change.actions);
  const { moves, notes } = await moveActions(plan.trx, plan.actions, moving, plan.strands, target);
  return {
    kind: 'split_strand',
    summary: `Split '${source.name}': ${count(moves.length, 'action')} moved to a new strand '${target.name}'`,
    strand_ids: [source.id, target.id],
    action_ids: moves.map((m) => m.action_id),
    moves,
    notes,
  };
}

const finished = (a: PlanAction) => a.status === 'done' || a.status === 'stopped';

async function retireStrand(
  plan: Plan,
  change: Extract<Reorganisation, { kind: 'retire_strand' }>,
): Promise<Outcome> {
  const strand = plan.strand(change.strand, 'strand');
  const own = plan.actions.filter((a) => a.strand_id === strand.id);
  const open = own.filter((a) => !finished(a));
  if (change.to_strand !== undefined && change.actions !== 'move')
    throw invalid('to_strand: give a strand to move to only with actions: move');
  const base = { kind: 'retire_strand' as const, strand_ids: [strand.id] };
  if (change.actions === 'move') {
    const target = plan.strand(change.to_strand, 'to_strand');
    if (target.id === strand.id) throw invalid('to_strand: choose another strand than the one retiring');
    const { moves, notes } = await moveActions(plan.trx, plan.actions, own, plan.strands, target);
    await handOver(plan.trx, [strand.id], target.id);
    await retire(plan, [strand.id]);
    return {
      ...base,
      summary: `Retired '${strand.name}' (${count(moves.length, 'action')} moved to '${target.name}')`,
      strand_ids: [strand.id, target.id],
      action_ids: moves.map((m) => m.action_id),
      moves,
      notes,
    };
  }
  if (change.actions === 'stop') {
    for (const action of open) {
      if (action.status_on !== null && action.status_on > plan.on)
        throw invalid(`on: '${action.title}' has an update on ${action.status_on}, after ${plan.on}`);
      await plan.trx
        .insertInto('strategy_update')
        .values({
          action_id: action.id,
          on_date: plan.on,
          author: await authorName(plan.trx, plan.context.actor),
          author_person_id: plan.context.actor.personId,
          from_status: action.status,
          to_status: 'stopped',
          commentary: `Stopped with the strand '${strand.name}'`,
        })
        .execute();
      await plan.trx
        .updateTable('strategy_action')
        .set({ status: 'stopped', status_on: plan.on })
        .where('id', '=', action.id)
        .execute();
    }
    await retire(plan, [strand.id]);
    return {
      ...base,
      summary: `Retired '${strand.name}' (${count(open.length, 'open action')} stopped)`,
      action_ids: open.map((a) => a.id),
      moves: [],
      notes:
        own.length > open.length
          ? [`${count(own.length - open.length, 'finished action')} retired with it.`]
          : [],
    };
  }
  if (open.length > 0)
    throw invalid(
      `actions: '${strand.name}' still has ${count(open.length, 'open action')} (${open
        .map((a) => a.code)
        .join(
          ', ',
        )}): move them to another strand (actions: move, with to_strand) or stop them with it (actions: stop)`,
    );
  await retire(plan, [strand.id]);
  return {
    ...base,
    summary: `Retired '${strand.name}'`,
    action_ids: [],
    moves: [],
    notes: own.length
      ? [`Its ${count(own.length, 'finished action')} (done or stopped) retired with it.`]
      : [],
  };
}

async function editStrand(
  plan: Plan,
  change: Extract<Reorganisation, { kind: 'edit_strand' }>,
): Promise<Outcome> {
  const strand = plan.strand(change.strand, 'strand');
  const lead =
    change.lead === undefined ? strand.lead_person_id : await leadId(plan.trx, change.lead, 'lead');
  const name = change.name ?? strand.name;
  const code = change.code ?? strand.code;
  const said: string[] = [];
  if (name !== strand.name) said.push(`Renamed '${strand.name}' to '${name}'`);
  if (code !== strand.code) said.push(`changed its code from ${strand.code} to ${code}`);
  if (lead !== strand.lead_person_id)
    said.push(
      `changed the lead of '${name}' from ${(await nameOf(plan.trx, strand.lead_person_id)) ?? 'no one'} to ${(await nameOf(plan.trx, lead)) ?? 'no one'}`,
    );
  if (said.length === 0) throw invalid(`code, name, lead: nothing changes in '${strand.name}'`);
  await plan.trx
    .updateTable('strategy_strand')
    .set({ name, code, lead_person_id: lead })
    .where('id', '=', strand.id)
    .execute();
  const summary = said.join('; ');
  return {
    kind: 'edit_strand',
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    strand_ids: [strand.id],
    action_ids: [],
    moves: [],
    notes: [],
  };
}
