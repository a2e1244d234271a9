// The plan's past. A strand or action's current row holds from its last change on; the states it held
// before are rows in strategy_strand_past / strategy_action_past with the days they held (kept by
// triggers, see migration 0022), so the plan as it stood at the end of any day is: the strands and
// actions created by then, each in the state that held that day, strands retired by then left out,
// and each action's status the latest update on or before the day. Also the change log, read back as
// sentences with who, when and why.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import { personName } from '../registry/sql.ts';
import { requireAction, requireStrategy } from './access.ts';
import type { ActionSummary } from './contract.ts';
import { type Person, personJson } from './people.ts';
import type { ActionMove, ChangeKind, PlanChange } from './reorganise-contract.ts';

export interface ActionRow {
  id: number;
  code: string;
  title: string;
  purpose: string;
  strand_id: number;
  parent_id: number | null;
  position: number;
  lead: Person;
  lead_person_id: number | null;
  status: ActionSummary['status'];
  status_on: string | null;
  groups: string[];
  milestones: { id: number; title: string; due_on: string; done_on: string | null }[];
}

export interface StrandRow {
  id: number;
  code: string;
  name: string;
  purpose: string;
  lead: Person;
  lead_person_id: number | null;
  position: number;
}

/**
 * The strategy's strands as they stood at the end of `asOf`: created by then (or holding an action with an
 * update dated by then: a plan entered after the fact, its past updates recorded) and not yet retired.
 */
export function strandsAsOfQuery(strategyId: number, asOf: string) {
  return sql<StrandRow>`
    select st.id, coalesce(h.code, st.code) as code, coalesce(h.name, st.name) as name, st.purpose,
      ${personJson('p')} as lead, p.id as lead_person_id, st.position
    from strategy_strand st
      left join strategy_strand_past h
        on h.strand_id = st.id and h.valid_from <= ${asOf}::date and ${asOf}::date < h.valid_to
      left join person p on p.id = case when h.strand_id is null then st.lead_person_id else h.lead_person_id end
    where st.strategy_id = ${strategyId}
      and (st.created_on <= ${asOf}::date or exists (
        select 1 from strategy_action a
          join strategy_update u on u.action_id = a.id and u.on_date <= ${asOf}::date
          left join strategy_action_past h
            on h.action_id = a.id and h.valid_from <= ${asOf}::date and ${asOf}::date < h.valid_to
        where coalesce(h.strand_id, a.strand_id) = st.id))
      and coalesce(case when h.strand_id is null then st.retired_on else h.retired_on end, 'infinity')
        > ${asOf}::date
    order by st.position, 2`;
}

/**
 * The actions in these strands at the end of `asOf`, with the strand, code, title, lead and parent
 * they had then, the status of the latest update by then, and milestones done by then.
 */
export function actionRowsAsOfQuery(
  where: { strandIds: number[] } | { parentId: number } | { id: number },
  asOf: string,
) {
  const condition =
    'strandIds' in where
      ? sql`a.strand_id = any(${where.strandIds}::int[])`
      : 'parentId' in where
        ? sql`a.parent_id = ${where.parentId}`
        : sql`a.id = ${where.id}`;
  return sql<ActionRow>`
    with placed as (
      select a.id, a.purpose, a.position,
        coalesce(h.strand_id, a.strand_id) as strand_id, coalesce(h.code, a.code) as code,
        coalesce(h.title, a.title) as title,
        case when h.action_id is null then a.parent_action_id else h.parent_action_id end as parent_id,
        case when h.action_id is null then a.lead_person_id else h.lead_person_id end as lead_person_id
      from strategy_action a
        left join strategy_action_past h
          on h.action_id = a.id and h.valid_from <= ${asOf}::date and ${asOf}::date < h.valid_to
      where a.created_on <= ${asOf}::date
        or exists (select 1 from strategy_update x where x.action_id = a.id and x.on_date <= ${asOf}::date)
    )
    select a.id, a.code, a.title, a.purpose, a.strand_id, a.parent_id, a.position,
      ${personJson('p')} as lead, a.lead_person_id,
      coalesce(u.to_status, 'not_started') as status, to_char(u.on_date, 'YYYY-MM-DD') as status_on,
      coalesce((select array_agg(g.group_code order by g.group_code) from strategy_action_group g
                where g.action_id = a.id), '{}') as groups,
      coalesce((select json_agg(json_build_object('id', m.id, 'title', m.title,
                  'due_on', to_char(m.due_on, 'YYYY-MM-DD'),
                  'done_on', case when m.done_on <= ${asOf}::date then to_char(m.done_on, 'YYYY-MM-DD') end)
                  order by m.due_on, m.id)
                from strategy_milestone m where m.action_id = a.id), '[]') as milestones
    from placed a left join person p on p.id = a.lead_person_id
      left join lateral (
        select x.to_status, x.on_date from strategy_update x
        where x.action_id = a.id and x.on_date <= ${asOf}::date
        order by x.on_date desc, x.id desc limit 1
      ) u on true
    where ${condition}
    order by a.position, a.code, a.id`;
}

/** A strand's code, name and lead as they stood at the end of `asOf` (retired or not). */
export function strandAsOfQuery(strandId: number, asOf: string) {
  return sql<{ code: string; name: string; lead: Person }>`
    select coalesce(h.code, st.code) as code, coalesce(h.name, st.name) as name, ${personJson('p')} as lead
    from strategy_strand st
      left join strategy_strand_past h
        on h.strand_id = st.id and h.valid_from <= ${asOf}::date and ${asOf}::date < h.valid_to
      left join person p on p.id = case when h.strand_id is null then st.lead_person_id else h.lead_person_id end
    where st.id = ${strandId}`;
}

interface ChangeRow {
  id: number;
  on_date: string;
  recorded_at: string;
  kind: ChangeKind;
  summary: string;
  author: string;
  reason: string;
  details: { strand_ids: number[]; action_ids: number[]; moves: ActionMove[]; notes: string[] };
}

/** The change log of one strategy (or the changes one action took part in), oldest first. */
export function changesQuery(
  where: { strategyId: number; from?: string; to?: string } | { actionId: number },
) {
  const condition =
    'actionId' in where
      ? sql`c.details->'action_ids' @> ${JSON.stringify([where.actionId])}::jsonb`
      : sql`c.strategy_id = ${where.strategyId}
          ${where.from ? sql`and c.on_date > ${where.from}::date` : sql``}
          ${where.to ? sql`and c.on_date <= ${where.to}::date` : sql``}`;
  return sql<ChangeRow>`
    select c.id, to_char(c.on_date, 'YYYY-MM-DD') as on_date,
      to_char(c.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as recorded_at, c.kind,
      c.summary, coalesce(${personName('p')}, c.author) as author, c.reason, c.details
    from strategy_change c left join person p on p.id = c.author_person_id
    where ${condition}
    order by c.on_date, c.id`;
}

function changeFromRow(row: ChangeRow): PlanChange {
  return {
    id: row.id,
    on_date: row.on_date,
    recorded_at: row.recorded_at,
    kind: row.kind,
    summary: row.summary,
    author: row.author,
    reason: row.reason,
    strand_ids: row.details.strand_ids,
    action_ids: row.details.action_ids,
    moves: row.details.moves,
    notes: row.details.notes,
  };
}

/**
 * What changed in a strategy's plan after `from` up to and including `to` (either may be left out),
 * oldest first: the plan as of `to` is the plan as of `from` with these changes made.
 */
export async function planChanges(
  context: Context,
  strategyCode: string,
  from?: string,
  to?: string,
): Promise<PlanChange[]> {
  const facts = await requireStrategy(context, strategyCode);
  const { rows } = await changesQuery({ strategyId: facts.id, from, to }).execute(context.db);
  return rows.map(changeFromRow);
}

/** The reorganisations one action took part in, oldest first: its history across strands. */
export async function actionChanges(context: Context, id: number): Promise<PlanChange[]> {
  await requireAction(context, id);
  const { rows } = await changesQuery({ actionId: id }).execute(context.db);
  return rows.map(changeFromRow);
}
