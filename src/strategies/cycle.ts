// The termly cycle. The director or the overarching lead opens a strategy's cycle for a term: every lead
// is asked for an update on their items by a due date (an action's lead for the action's status, a strand's
// lead for a strand summary, the overarching lead for an overall summary); items with no lead are listed
// as "no one to ask"; actions done or stopped before the term are not asked. A request is met by the
// first update on or after the term's first day (an action's status update, or the cycle's summary); met
// after the due date is late. While open, the item's current lead is asked; closing freezes each
// request's lead, date met and outcome, so a later reorganisation or update does not rewrite the record.

import { sql } from 'kysely';
import { requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { parsePeriod, shiftPeriod } from '../kpi/periods.ts';
import {
  isStrategyEditor,
  requireStrand,
  requireStrandEditor,
  requireStrategy,
  requireStrategyEditor,
  type StrategyFacts,
} from './access.ts';
import type {
  Cycle,
  CycleCounts,
  CycleInput,
  CycleRequest,
  CycleSummaryRow,
  SummaryInput,
} from './cycle-contract.ts';
import { authorName } from './people.ts';

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The term just ended, or the one ending this month: what a cycle opened today reports on. */
export function defaultTerm(today: string, academicYearStart: number): string {
  const month = today.slice(0, 7);
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const startYear = mon >= academicYearStart ? year : year - 1;
  const label = `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
  const current = [1, 2, 3]
    .map((t) => parsePeriod(`${label}T${t}`, academicYearStart))
    .find((p) => p.months.includes(month));
  if (!current) throw new HeadwayError('invalid', `no term contains ${today}`);
  return current.months.at(-1) === month ? current.id : shiftPeriod(current, -1, academicYearStart).id;
}

function termOf(term: string, academicYearStart: number) {
  const period = parsePeriod(term, academicYearStart);
  if (period.type !== 'term')
    throw new HeadwayError('invalid', `term: "${term}" is not a term (use 2025-26T2)`);
  return period;
}

interface CycleRow {
  id: number;
  strategy_id: number;
  term: string;
  window_from: string;
  term_end: string;
  due_on: string;
  opened_on: string;
  opened_by: string;
  closed_on: string | null;
  closed_by: string | null;
}

const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

function cycleRows(db: Db, strategyId: number) {
  return db
    .selectFrom('strategy_cycle')
    .select([
      'id',
      'strategy_id',
      'term',
      dateText('window_from').as('window_from'),
      dateText('term_end').as('term_end'),
      dateText('due_on').as('due_on'),
      dateText('opened_on').as('opened_on'),
      'opened_by',
      sql<string | null>`to_char(closed_on, 'YYYY-MM-DD')`.as('closed_on'),
      'closed_by',
    ])
    .where('strategy_id', '=', strategyId);
}

async function findCycle(context: Context, facts: StrategyFacts, term: string): Promise<CycleRow> {
  const row = await cycleRows(context.db, facts.id).where('term', '=', term).executeTakeFirst();
  if (!row) throw notFound(`A ${term} cycle of strategy ${facts.code}`);
  return row;
}

interface RequestRow extends CycleRequest {
  person_id: number | null;
}

/**
 * Every request of a cycle (of every open cycle when `cycleId` is null) with its lead (the current one
 * while open, the frozen one once closed), its item and strand (as they stood on the closing day once
 * closed), the day it was first met and its outcome; only those in
 * `strandIds` when given (a strand lead's view). Not yet updated and most overdue first, then by strand,
 * the strand's own summary before its actions.
 */
export function cycleRequestsQuery(cycleId: number | null, today: string, strandIds: number[] | null) {
  return sql<RequestRow>`
    with c as (
      select id, strategy_id, due_on, window_from, closed_on from strategy_cycle
      where id = ${cycleId}::int or (${cycleId}::int is null and closed_on is null)
    ),
    r as (
      select r.id, r.item_kind as kind, r.item_id,
        case r.item_kind when 'action' then coalesce(ha.code, a.code)
          when 'strand' then coalesce(hs.code, st.code) else s.code end as code,
        case r.item_kind when 'action' then coalesce(ha.title, a.title)
          when 'strand' then coalesce(hs.name, st.name) else 'Overall summary' end as title,
        st.id as strand_id, coalesce(hs.code, st.code) as strand_code, coalesce(hs.name, st.name) as strand_name,
        st.position as strand_position,
        case when c.closed_on is not null then r.person_id
          when r.item_kind = 'action' then a.lead_person_id
          when r.item_kind = 'strand' then st.lead_person_id
          else s.lead_person_id end as person_id,
        case when c.closed_on is not null then r.met_on
          when r.item_kind = 'action' then
            (select min(u.on_date) from strategy_update u
             where u.action_id = r.item_id and u.on_date >= c.window_from)
          else (select min(ss.on_date) from strategy_summary ss where ss.cycle_id = c.id
                and ss.strand_id is not distinct from (case when r.item_kind = 'strand' then r.item_id end))
          end as met_on,
        r.outcome as frozen, c.due_on, c.closed_on, coalesce(c.closed_on, ${today}::date) as as_of
      from strategy_cycle_request r
      join c on c.id = r.cycle_id
      join strategy s on s.id = c.strategy_id
      left join strategy_action a on r.item_kind = 'action' and a.id = r.item_id
      -- A closed cycle shows each item where the plan had it on the closing day, not after a later move:
      -- the first state superseded after that day held then (none: the current row still holds).
      left join lateral (
        select h.* from strategy_action_past h
        where c.closed_on is not null and h.action_id = a.id and h.valid_to > c.closed_on
        order by h.valid_to, h.valid_from limit 1
      ) ha on true
      left join strategy_strand st
        on st.id = case r.item_kind when 'strand' then r.item_id
          when 'action' then coalesce(ha.strand_id, a.strand_id) end
      left join lateral (
        select h.* from strategy_strand_past h
        where c.closed_on is not null and h.strand_id = st.id and h.valid_to > c.closed_on
        order by h.valid_to, h.valid_from limit 1
      ) hs on true
      where ${strandIds}::int[] is null or st.id = any(${strandIds}::int[])
    )
    select r.id, r.kind,
      json_build_object('id', r.item_id, 'code', coalesce(r.code, '?'), 'title', coalesce(r.title, '(removed)'))
        as item,
      case when r.strand_id is null then null
        else json_build_object('id', r.strand_id, 'code', r.strand_code, 'name', r.strand_name) end as strand,
      case when p.id is null then null
        else json_build_object('code', p.code, 'name', p.given_name || ' ' || p.family_name) end as lead,
      r.person_id,
      to_char(r.met_on, 'YYYY-MM-DD') as met_on,
      coalesce(r.frozen, case
        when r.met_on is not null then case when r.met_on <= r.due_on then 'on_time' else 'late' end
        when r.person_id is null then 'unowned'
        when r.closed_on is not null or r.as_of > r.due_on then 'missing'
        else 'awaiting' end) as outcome,
      case when r.met_on is null and r.person_id is not null then r.as_of - r.due_on end as days_overdue
    from r left join person p on p.id = r.person_id
    order by days_overdue desc nulls last, r.strand_position nulls first, r.strand_code nulls first,
      r.kind desc, r.code`;
}

async function readRequests(db: Db, cycleId: number, today: string, strandIds: number[] | null) {
  const { rows } = await cycleRequestsQuery(cycleId, today, strandIds).execute(db);
  return rows.map((r) => ({ ...r, days_overdue: r.days_overdue === null ? null : Number(r.days_overdue) }));
}

const emptyCounts = (): CycleCounts => ({
  asked: 0,
  on_time: 0,
  late: 0,
  missing: 0,
  awaiting: 0,
  unowned: 0,
});

function count(requests: CycleRequest[]): CycleCounts {
  const counts = emptyCounts();
  for (const r of requests) {
    counts.asked += 1;
    counts[r.outcome] += 1;
  }
  return counts;
}

function groupBy<T, K>(items: T[], key: (item: T) => K, id: (k: K) => string) {
  const groups = new Map<string, { key: K; items: T[] }>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(id(k)) ?? { key: k, items: [] };
    group.items.push(item);
    groups.set(id(k), group);
  }
  return [...groups.values()];
}

/** Whole (the director, the overarching lead) or the strands the caller leads; refused otherwise. */
async function viewOf(context: Context, facts: StrategyFacts): Promise<number[] | null> {
  const { db, actor } = context;
  if (isStrategyEditor(actor, facts)) return null;
  const led = await db
    .selectFrom('strategy_strand')
    .select('id')
    .where('strategy_id', '=', facts.id)
    .where('lead_person_id', '=', actor.personId ?? -1)
    .execute();
  if (led.length === 0)
    throw new HeadwayError(
      'forbidden',
      `${actor.name} may not see strategy ${facts.code}'s cycle: that is for the director, its overarching lead and its strand leads`,
    );
  return led.map((s) => s.id);
}

async function buildCycle(context: Context, facts: StrategyFacts, row: CycleRow): Promise<Cycle> {
  const { db, actor, today } = context;
  const strandIds = await viewOf(context, facts);
  const rows = await readRequests(db, row.id, today, strandIds);
  const requests = rows.map(({ person_id: _, ...r }) => r);
  const strategy = await db
    .selectFrom('strategy')
    .select(['code', 'name'])
    .where('id', '=', facts.id)
    .executeTakeFirstOrThrow();
  const summaries = await db
    .selectFrom('strategy_summary as ss')
    .leftJoin('strategy_strand as st', 'st.id', 'ss.strand_id')
    .select([
      sql<Cycle['summaries'][number]['strand']>`case when st.id is null then null
        else json_build_object('id', st.id, 'code', st.code, 'name', st.name) end`.as('strand'),
      'ss.rag',
      'ss.commentary',
      dateText('ss.on_date').as('on_date'),
      'ss.author',
    ])
    .where('ss.cycle_id', '=', row.id)
    .$if(strandIds !== null, (q) => q.where('ss.strand_id', 'in', strandIds?.length ? strandIds : [-1]))
    .orderBy('ss.on_date', 'desc')
    .orderBy('ss.id', 'desc')
    .execute();
  const notMet = requests.filter((r) => r.outcome === 'missing' || r.outcome === 'awaiting');
  return {
    ...cycleFacts(row, strategy, requests),
    view: strandIds === null ? 'whole' : 'strands',
    can_manage: isStrategyEditor(actor, facts),
    by_strand: groupBy(
      requests,
      (r) => r.strand,
      (s) => String(s?.id ?? 'overall'),
    ).map((g) => ({
      strand: g.key,
      counts: count(g.items),
    })),
    by_lead: groupBy(
      requests,
      (r) => r.lead,
      (l) => l?.code ?? '',
    )
      .map((g) => ({ lead: g.key, counts: count(g.items) }))
      .sort((a, b) => (a.lead?.name ?? '\uffff').localeCompare(b.lead?.name ?? '\uffff')),
    not_updated: groupBy(
      notMet,
      (r) => r.lead,
      (l) => l?.code ?? '',
    ).flatMap((g) =>
      g.key
        ? [
            {
              lead: g.key,
              items: g.items.map((r) => ({ kind: r.kind, ...r.item })),
              days_overdue: Math.max(...g.items.map((r) => r.days_overdue ?? 0)),
            },
          ]
        : [],
    ),
    requests,
    summaries,
  };
}

function cycleFacts(row: CycleRow, strategy: { code: string; name: string }, requests: CycleRequest[]) {
  return {
    strategy,
    term: row.term,
    window_from: row.window_from,
    term_end: row.term_end,
    due_on: row.due_on,
    opened_on: row.opened_on,
    opened_by: row.opened_by,
    closed_on: row.closed_on,
    closed_by: row.closed_by,
    state: row.closed_on === null ? ('open' as const) : ('closed' as const),
    totals: count(requests),
  };
}

/** A cycle's progress: counts overall, by strand and by lead; who has not updated; every request. */
export async function readCycle(context: Context, code: string, term: string): Promise<Cycle> {
  const facts = await requireStrategy(context, code);
  return buildCycle(context, facts, await findCycle(context, facts, term));
}

/**
 * The whole strategy's update completion in a term's cycle, or null when none was opened: what the
 * termly report shows to everyone who may read the strategy (the caller has been checked by then).
 */
export async function cycleCompletion(
  context: Context,
  strategyId: number,
  term: string,
): Promise<CycleCounts | null> {
  const row = await cycleRows(context.db, strategyId).where('term', '=', term).executeTakeFirst();
  return row ? count(await readRequests(context.db, row.id, context.today, null)) : null;
}

/** The strategy's cycles, newest term first, each with its totals (the whole strategy's). */
export async function listCycles(context: Context, code: string): Promise<CycleSummaryRow[]> {
  const facts = await requireStrategy(context, code);
  const strandIds = await viewOf(context, facts);
  const cycles = await cycleRows(context.db, facts.id).orderBy('term', 'desc').execute();
  const strategy = { code: facts.code, name: '' };
  const { name } = await context.db
    .selectFrom('strategy')
    .select('name')
    .where('id', '=', facts.id)
    .executeTakeFirstOrThrow();
  return Promise.all(
    cycles.map(async (row) =>
      cycleFacts(
        row,
        { ...strategy, name },
        await readRequests(context.db, row.id, context.today, strandIds),
      ),
    ),
  );
}

export async function openCycle(context: Context, code: string, input: CycleInput): Promise<Cycle> {
  const facts = await requireStrategy(context, code);
  const { db, actor, today, settings } = context;
  requireStrategyEditor(actor, facts);
  const term = termOf(
    input.term ?? defaultTerm(today, settings.academicYearStart),
    settings.academicYearStart,
  );
  if (term.start > today)
    throw new HeadwayError('invalid', `term: ${term.id} has not started yet (it starts ${term.start})`);
  // Two weeks after the term ends, or after today when opened later (dates compare as text).
  const dueOn = input.due_on ?? addDays([term.end, today].sort()[1] as string, 14);
  if (dueOn < today) throw new HeadwayError('invalid', `due_on: ${dueOn} is before today (${today})`);
  const existing = await db
    .selectFrom('strategy_cycle')
    .select('closed_on')
    .where('strategy_id', '=', facts.id)
    .where('term', '=', term.id)
    .executeTakeFirst();
  if (existing)
    throw new HeadwayError(
      'conflict',
      `strategy ${facts.code} already has a ${term.id} cycle (${existing.closed_on ? 'closed' : 'open'})`,
    );
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('strategy_cycle')
      .values({
        strategy_id: facts.id,
        term: term.id,
        window_from: term.start,
        term_end: term.end,
        due_on: dueOn,
        opened_on: today,
        opened_by: await authorName(db, actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      insert into strategy_cycle_request (cycle_id, item_kind, item_id)
      select ${id}::int, 'strategy', ${facts.id}::int
      union all
      select ${id}::int, 'strand', st.id from strategy_strand st
      where st.strategy_id = ${facts.id} and st.retired_on is null
      union all
      select ${id}::int, 'action', a.id
      from strategy_action a join strategy_strand st on st.id = a.strand_id
      where st.strategy_id = ${facts.id}
        and not (a.status in ('done', 'stopped') and a.status_on < ${term.start}::date)`.execute(trx);
    await recordAudit(trx, actor, 'open_cycle', 'strategy', { id: facts.id, term: term.id, due_on: dueOn });
  });
  return readCycle(context, code, term.id);
}

/** Freezes each request's lead, date met and outcome (not updated by now is missing). */
export async function closeCycle(context: Context, code: string, term: string): Promise<Cycle> {
  const facts = await requireStrategy(context, code);
  const { db, actor, today } = context;
  requireStrategyEditor(actor, facts);
  const row = await findCycle(context, facts, term);
  if (row.closed_on) throw new HeadwayError('conflict', `the ${term} cycle closed on ${row.closed_on}`);
  const requests = await readRequests(db, row.id, today, null);
  await db.transaction().execute(async (trx) => {
    for (const r of requests)
      await trx
        .updateTable('strategy_cycle_request')
        .set({
          person_id: r.person_id,
          met_on: r.met_on,
          outcome: r.outcome === 'awaiting' ? 'missing' : r.outcome,
        })
        .where('id', '=', r.id)
        .execute();
    await trx
      .updateTable('strategy_cycle')
      .set({ closed_on: today, closed_by: await authorName(db, actor) })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, actor, 'close_cycle', 'strategy', { id: facts.id, term, ...count(requests) });
  });
  return readCycle(context, code, term);
}

/** A strand summary (by the strand's lead or those above) or the overall one (the overarching lead). */
export async function addSummary(
  context: Context,
  code: string,
  term: string,
  input: SummaryInput,
): Promise<number> {
  const facts = await requireStrategy(context, code);
  const { db, actor, today } = context;
  if (input.strand_id === null) requireStrategyEditor(actor, facts);
  else {
    const strand = await requireStrand(context, input.strand_id);
    if (strand.strategy.id !== facts.id)
      throw new HeadwayError(
        'invalid',
        `strand_id: strand ${input.strand_id} is not in strategy ${facts.code}`,
      );
    requireStrandEditor(actor, strand);
  }
  const row = await findCycle(context, facts, term);
  if (row.closed_on) throw new HeadwayError('conflict', `the ${term} cycle closed on ${row.closed_on}`);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('strategy_summary')
      .values({
        cycle_id: row.id,
        strand_id: input.strand_id,
        rag: input.rag,
        commentary: input.commentary.trim(),
        on_date: today,
        author: await authorName(db, actor),
        author_person_id: actor.personId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'add_summary', 'strategy', { id: facts.id, term, summary: id, ...input });
    return id;
  });
}

/** Every request of every open cycle, for "my part of the plan" (which picks the caller's and their strands'). */
export async function openCycleRequests(
  context: Context,
): Promise<(RequestRow & { term: string; due_on: string; strategy_id: number })[]> {
  requirePermission(context.actor, 'strategies:read');
  const cycles = await context.db
    .selectFrom('strategy_cycle')
    .select(['id', 'term', dateText('due_on').as('due_on'), 'strategy_id'])
    .where('closed_on', 'is', null)
    .execute();
  const all = await Promise.all(
    cycles.map(async (c) =>
      (await readRequests(context.db, c.id, context.today, null)).map((r) => ({
        ...r,
        term: c.term,
        due_on: c.due_on,
        strategy_id: c.strategy_id,
      })),
    ),
  );
  return all.flat();
}
