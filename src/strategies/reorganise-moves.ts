// Moving actions between strands of one strategy, the step every reorganisation shares: an action
// keeps its id (so its updates, evidence, milestones and measures follow it) and takes its sub-actions
// along; it gets a new code only when its code is taken in the target strand, and a sub-action moved
// without its parent becomes a top-level action there. The triggers of migration 0022 keep where each
// stood before.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import type { ActionStatus } from './contract.ts';
import type { ActionMove, StrandRef } from './reorganise-contract.ts';

export interface PlanStrand {
  id: number;
  code: string;
  name: string;
  lead_person_id: number | null;
  position: number;
  retired_on: string | null;
}

export interface PlanAction {
  id: number;
  strand_id: number;
  parent_action_id: number | null;
  code: string;
  title: string;
  position: number;
  status: ActionStatus;
  status_on: string | null;
}

const refOf = (s: PlanStrand): StrandRef => ({ id: s.id, code: s.code, name: s.name });

export async function planActions(db: Db, strategyId: number): Promise<PlanAction[]> {
  const { rows } = await sql<PlanAction>`
    select a.id, a.strand_id, a.parent_action_id, a.code, a.title, a.position, a.status,
      to_char(a.status_on, 'YYYY-MM-DD') as status_on
    from strategy_action a join strategy_strand st on st.id = a.strand_id
    where st.strategy_id = ${strategyId}
    order by st.position, st.code, a.position, a.code, a.id`.execute(db);
  return rows;
}

/** The actions and every sub-action beneath them, in plan order. */
export function withSubActions(actions: PlanAction[], roots: number[]): PlanAction[] {
  const moving = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of actions)
      if (a.parent_action_id !== null && moving.has(a.parent_action_id) && !moving.has(a.id)) {
        moving.add(a.id);
        grew = true;
      }
  }
  return actions.filter((a) => moving.has(a.id));
}

/** A code not yet taken: the code itself, else code-2, code-3 … */
function freeCode(code: string, taken: Set<string>): string {
  if (!taken.has(code)) return code;
  let n = 2;
  while (taken.has(`${code}-${n}`)) n++;
  return `${code}-${n}`;
}

/**
 * Moves these actions (already with their sub-actions) to the target strand, after its own actions
 * and in their plan order; returns each move, with a note for each code that had to change.
 */
export async function moveActions(
  trx: Db,
  all: PlanAction[],
  moving: PlanAction[],
  strands: Map<number, PlanStrand>,
  target: PlanStrand,
): Promise<{ moves: ActionMove[]; notes: string[] }> {
  const ids = new Set(moving.map((a) => a.id));
  const staying = all.filter((a) => a.strand_id === target.id && !ids.has(a.id));
  const taken = new Set(staying.map((a) => a.code));
  let position = Math.max(-1, ...staying.map((a) => a.position)) + 1;
  const moves: ActionMove[] = [];
  const notes: string[] = [];
  for (const action of moving) {
    const code = freeCode(action.code, taken);
    taken.add(code);
    const parent =
      action.parent_action_id !== null && ids.has(action.parent_action_id) ? action.parent_action_id : null;
    await trx
      .updateTable('strategy_action')
      .set({ strand_id: target.id, code, position: position++, parent_action_id: parent })
      .where('id', '=', action.id)
      .execute();
    const from = strands.get(action.strand_id) as PlanStrand;
    moves.push({
      action_id: action.id,
      title: action.title,
      from_strand: refOf(from),
      to_strand: refOf(target),
      from_code: action.code,
      to_code: code,
    });
    if (code !== action.code)
      notes.push(`The code ${action.code} was taken in '${target.name}': '${action.title}' is now ${code}.`);
    if (action.parent_action_id !== null && parent === null)
      notes.push(`'${action.title}' moved without its parent action and is now a top-level action.`);
  }
  return { moves, notes };
}

/** A strand's own measures and its links to other strategies go to the strand that takes its work. */
export async function handOver(trx: Db, from: number[], to: number): Promise<void> {
  if (from.length === 0) return;
  await trx.updateTable('strategy_measure').set({ strand_id: to }).where('strand_id', 'in', from).execute();
  await trx
    .updateTable('strategy_link')
    .set({ from_strand_id: to })
    .where('from_strand_id', 'in', from)
    .execute();
  await trx
    .updateTable('strategy_link')
    .set({ to_strand_id: to })
    .where('to_strand_id', 'in', from)
    .execute();
}
