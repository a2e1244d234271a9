// Reading the plan: the strategies a caller may see with their counts, one strategy as strands with
// their actions (sub-actions after their parent), its measures and links, and one action whole.
import { sql } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { personName } from '../registry/sql.ts';
import {
  canUpdateAction,
  isStrandEditor,
  isStrategyEditor,
  requireAction,
  requireStrategy,
  type StrategyFacts,
  strategyVisibleTo,
} from './access.ts';
import type {
  ActionDetail,
  ActionSummary,
  Measure,
  Milestone,
  Strand,
  Strategy,
  StrategyCounts,
  StrategySummary,
} from './contract.ts';
import {
  type ActionRow,
  actionRowsAsOfQuery,
  type StrandRow,
  strandAsOfQuery,
  strandsAsOfQuery,
} from './history.ts';
import { strategyLinks } from './links.ts';
import { readMeasures } from './measures.ts';
import { type Person, personJson } from './people.ts';

/** The actions of some strands (or one action's sub-actions), with leads, groups and milestones. */
export function actionRowsQuery(where: { strandIds: number[] } | { parentId: number }) {
  const condition =
    'strandIds' in where
      ? sql`a.strand_id = any(${where.strandIds}::int[])`
      : sql`a.parent_action_id = ${where.parentId}`;
  return sql<ActionRow>`
    select a.id, a.code, a.title, a.purpose, a.strand_id, a.parent_action_id as parent_id, a.position,
      ${personJson('p')} as lead, a.lead_person_id, a.status, to_char(a.status_on, 'YYYY-MM-DD') as status_on,
      coalesce((select array_agg(g.group_code order by g.group_code) from strategy_action_group g
                where g.action_id = a.id), '{}') as groups,
      coalesce((select json_agg(json_build_object('id', m.id, 'title', m.title,
                  'due_on', to_char(m.due_on, 'YYYY-MM-DD'), 'done_on', to_char(m.done_on, 'YYYY-MM-DD'))
                  order by m.due_on, m.id)
                from strategy_milestone m where m.action_id = a.id), '[]') as milestones
    from strategy_action a left join person p on p.id = a.lead_person_id
    where ${condition}
    order by a.position, a.code, a.id`;
}

async function actionRows(
  db: Db,
  where: { strandIds: number[] } | { parentId: number },
): Promise<ActionRow[]> {
  return (await actionRowsQuery(where).execute(db)).rows;
}

function milestonesOf(row: ActionRow, today: string): Milestone[] {
  return row.milestones.map((m) => ({ ...m, overdue: m.done_on === null && m.due_on < today }));
}

function summaryOf(row: ActionRow, today: string, canUpdate: boolean): ActionSummary {
  const milestones = milestonesOf(row, today);
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    strand_id: row.strand_id,
    parent_id: row.parent_id,
    lead: row.lead,
    status: row.status,
    status_on: row.status_on,
    groups: row.groups,
    next_milestone: milestones.find((m) => m.done_on === null) ?? null,
    overdue_milestones: milestones.filter((m) => m.overdue).length,
    can_update: canUpdate,
  };
}

/** Actions in reading order: each parent followed by its sub-actions, at every depth. */
function inTreeOrder<T extends { id: number; parent_id: number | null }>(actions: T[]): T[] {
  const ids = new Set(actions.map((a) => a.id));
  const children = new Map<number | null, T[]>();
  for (const action of actions) {
    const parent = action.parent_id !== null && ids.has(action.parent_id) ? action.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), action]);
  }
  const ordered: T[] = [];
  const visit = (parent: number | null) => {
    for (const child of children.get(parent) ?? []) {
      ordered.push(child);
      visit(child.id);
    }
  };
  visit(null);
  return ordered;
}

interface SummaryRow {
  id: number;
  code: string;
  name: string;
  purpose: string;
  scope: StrategySummary['scope'];
  lead: Person;
  lead_person_id: number | null;
  scope_code: string;
  strands: number;
  actions: number;
  unowned: number;
  at_risk: number;
  off_track: number;
}

/** The strategies the caller may see (or one), with their counts of items, in code order. */
export function strategySummariesQuery(actor: Actor, code?: string) {
  return sql<SummaryRow>`
    select s.id, s.code, s.name, s.purpose, s.lead_person_id, su.code as scope_code,
      json_build_object('code', su.code, 'name', su.name, 'level', su.level) as scope,
      ${personJson('p')} as lead,
      (select count(*) from strategy_strand st where st.strategy_id = s.id and st.retired_on is null)::int as strands,
      (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
        where st.strategy_id = s.id and st.retired_on is null)::int as actions,
      ((s.lead_person_id is null)::int
        + (select count(*) from strategy_strand st where st.strategy_id = s.id and st.retired_on is null
            and st.lead_person_id is null)
        + (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
            where st.strategy_id = s.id and st.retired_on is null and a.lead_person_id is null
              and a.status not in ('done', 'stopped')))::int as unowned,
      (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
        where st.strategy_id = s.id and st.retired_on is null and a.status = 'at_risk')::int as at_risk,
      (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
        where st.strategy_id = s.id and st.retired_on is null and a.status = 'off_track')::int as off_track
    from strategy s join org_unit su on su.id = s.scope_unit_id
      left join person p on p.id = s.lead_person_id
    where ${strategyVisibleTo(actor)} ${code === undefined ? sql`` : sql`and s.code = ${code}`}
    order by s.code`;
}

function summaryFrom(row: SummaryRow, measures: Measure[]): StrategySummary {
  const counts: StrategyCounts = {
    strands: row.strands,
    actions: row.actions,
    unowned: row.unowned,
    at_risk: row.at_risk,
    off_track: row.off_track,
    measures: measures.length,
    measures_off_track: measures.filter((m) => m.judgement === 'off_track').length,
  };
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    purpose: row.purpose,
    scope: row.scope,
    lead: row.lead,
    counts,
  };
}

export async function listStrategies(context: Context): Promise<StrategySummary[]> {
  const { rows } = await strategySummariesQuery(context.actor).execute(context.db);
  return Promise.all(
    rows.map(async (row) => summaryFrom(row, await readMeasures(context, { strategyId: row.id }))),
  );
}

/**
 * A strategy whole: its strands in order with their actions, measures and links, for the caller. With
 * `asOf`, the plan as it stood at the end of that day (history.ts): its strands, actions, leads and
 * statuses then, counted then, and read-only; measures judged on the data up to that month; links are today's.
 */
export async function strategyDetail(
  context: Context,
  code: string,
  options: { asOf?: string } = {},
): Promise<Strategy> {
  const facts = await requireStrategy(context, code);
  const { db, actor } = context;
  const asOf = options.asOf !== undefined && options.asOf < context.today ? options.asOf : undefined;
  const today = asOf ?? context.today;
  // The strategy is visible (checked above), so the summary query finds it whatever the caller's scope.
  const { rows } = await strategySummariesQuery(
    { ...actor, scope: { ...actor.scope, all: true } },
    code,
  ).execute(db);
  const row = rows[0] as SummaryRow;
  const strandRows = await (asOf === undefined
    ? sql<StrandRow>`
        select st.id, st.code, st.name, st.purpose, ${personJson('p')} as lead, st.lead_person_id, st.position
        from strategy_strand st left join person p on p.id = st.lead_person_id
        where st.strategy_id = ${facts.id} and st.retired_on is null order by st.position, st.code`
    : strandsAsOfQuery(facts.id, asOf)
  ).execute(db);
  const strandIds = strandRows.rows.map((s) => s.id);
  const actions =
    asOf === undefined
      ? await actionRows(db, { strandIds })
      : (await actionRowsAsOfQuery({ strandIds }, asOf).execute(db)).rows;
  const measures = await readMeasures(context, { strategyId: facts.id }, { asOf });
  const mayChange = asOf === undefined;
  const strands: Strand[] = strandRows.rows.map((strand) => {
    const strandFacts = { id: strand.id, strategy: facts, leadPersonId: strand.lead_person_id };
    const own = inTreeOrder(actions.filter((a) => a.strand_id === strand.id));
    return {
      id: strand.id,
      code: strand.code,
      name: strand.name,
      purpose: strand.purpose,
      lead: strand.lead,
      position: strand.position,
      can_edit: mayChange && isStrandEditor(actor, strandFacts),
      actions: own.map((a) =>
        summaryOf(
          a,
          today,
          mayChange &&
            canUpdateAction(actor, { id: a.id, strand: strandFacts, leadPersonIds: leadChain(a, actions) }),
        ),
      ),
    };
  });
  const links = await strategyLinks(db, facts.id);
  const summary = summaryFrom(row, measures);
  return {
    ...summary,
    counts: asOf === undefined ? summary.counts : countsAsOf(summary, strands),
    can_edit: mayChange && isStrategyEditor(actor, facts),
    strands,
    measures,
    contributes_to: links.filter((l) => l.from.strategy.code === facts.code),
    contributed_by: links.filter((l) => l.to.strategy.code === facts.code),
  };
}

/** The counts of the plan as it stood: its strands' and actions' then (measures judged as of then). */
function countsAsOf(summary: StrategySummary, strands: Strand[]): StrategyCounts {
  const actions = strands.flatMap((s) => s.actions);
  return {
    ...summary.counts,
    strands: strands.length,
    actions: actions.length,
    unowned:
      (summary.lead === null ? 1 : 0) +
      strands.filter((s) => s.lead === null).length +
      actions.filter((a) => a.lead === null && a.status !== 'done' && a.status !== 'stopped').length,
    at_risk: actions.filter((a) => a.status === 'at_risk').length,
    off_track: actions.filter((a) => a.status === 'off_track').length,
  };
}

/** The leads of an action and of its parents, nearest first. */
function leadChain(action: ActionRow, all: ActionRow[]): (number | null)[] {
  const byId = new Map(all.map((a) => [a.id, a]));
  const chain: (number | null)[] = [];
  let current: ActionRow | undefined = action;
  while (current && chain.length < 50) {
    chain.push(current.lead_person_id);
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return chain;
}

interface UpdateRow {
  id: number;
  on: string;
  author: string;
  from_status: ActionSummary['status'] | null;
  to_status: ActionSummary['status'];
  commentary: string;
}

/**
 * One action whole. With `asOf`, the action as it stood at the end of that day: the strand, code,
 * title, lead and parent it had then, its status then, the updates and evidence recorded by then and
 * milestones done by then; read-only (measures judged as of then). Not found if it did not exist yet.
 */
export async function actionDetail(
  context: Context,
  id: number,
  options: { asOf?: string } = {},
): Promise<ActionDetail> {
  const facts = await requireAction(context, id);
  const { db, actor } = context;
  const asOf = options.asOf !== undefined && options.asOf < context.today ? options.asOf : undefined;
  const today = asOf ?? context.today;
  const rowsOf = async (where: { id: number } | { parentId: number }) =>
    asOf === undefined
      ? 'id' in where
        ? (await actionRows(db, { strandIds: [facts.strand.id] })).filter((r) => r.id === where.id)
        : await actionRows(db, where)
      : (await actionRowsAsOfQuery(where, asOf).execute(db)).rows;
  const [row] = await rowsOf({ id });
  if (!row) throw notFound(`Action ${id} on ${asOf}: it was added later`);
  const action = row;
  const strategy = await strategyHeader(db, facts.strand.strategy);
  const strand =
    asOf === undefined
      ? { code: strategy.strand_code, name: strategy.strand_name, lead: strategy.strand_lead }
      : ((await strandAsOfQuery(action.strand_id, asOf).execute(db)).rows[0] as {
          code: string;
          name: string;
          lead: Person;
        });
  const subRows = await rowsOf({ parentId: id });
  const canUpdate = asOf === undefined && canUpdateAction(actor, facts);
  const until = asOf ?? '9999-12-31';
  const updates = await sql<UpdateRow>`
    select u.id, to_char(u.on_date, 'YYYY-MM-DD') as on,
      -- The person's name where the account belongs to one; the account's name otherwise.
      coalesce(${personName('p')}, u.author) as author, u.from_status, u.to_status, u.commentary
    from strategy_update u left join person p on p.id = u.author_person_id
    where u.action_id = ${id} and u.on_date <= ${until}::date
    order by u.on_date desc, u.id desc`.execute(db);
  const evidence = await db
    .selectFrom('strategy_evidence')
    .select(['id', 'note', 'url', sql<string>`to_char(added_on, 'YYYY-MM-DD')`.as('added_on'), 'author'])
    .where('action_id', '=', id)
    .where('added_on', '<=', until)
    .orderBy('added_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const parent = action.parent_id
    ? await db
        .selectFrom('strategy_action')
        .select(['id', 'code', 'title'])
        .where('id', '=', action.parent_id)
        .executeTakeFirst()
    : undefined;
  return {
    ...summaryOf(action, today, canUpdate),
    purpose: action.purpose,
    strategy: { code: strategy.code, name: strategy.name, lead: strategy.lead },
    strand: { id: action.strand_id, ...strand },
    parent: parent ?? null,
    sub_actions: subRows.map((s) =>
      summaryOf(
        s,
        today,
        asOf === undefined &&
          (canUpdate || canUpdateAction(actor, { ...facts, id: s.id, leadPersonIds: [s.lead_person_id] })),
      ),
    ),
    can_edit: asOf === undefined && isStrandEditor(actor, facts.strand),
    milestones: milestonesOf(action, today),
    updates: updates.rows,
    evidence,
    measures: await readMeasures(context, { actionId: id }, { asOf }),
  };

  async function strategyHeader(db: Db, strategyFacts: StrategyFacts) {
    const { rows } = await sql<{
      code: string;
      name: string;
      lead: Person;
      strand_code: string;
      strand_name: string;
      strand_lead: Person;
    }>`
      select s.code, s.name, ${personJson('p')} as lead, st.code as strand_code, st.name as strand_name,
        ${personJson('sp')} as strand_lead
      from strategy s left join person p on p.id = s.lead_person_id
        join strategy_strand st on st.id = ${facts.strand.id}
        left join person sp on sp.id = st.lead_person_id
      where s.id = ${strategyFacts.id}`.execute(db);
    return rows[0] as NonNullable<(typeof rows)[0]>;
  }
}
