// "My part of the plan": what the signed-in person leads across every strategy (the strategies they
// lead overall, their strands, their actions), with what the open termly cycle asks of them and by when,
// what is due next and what is overdue: overdue updates first, then overdue milestones, soonest first.
import { sql } from 'kysely';
import { requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { MyItem } from './contract.ts';
import { openCycleRequests } from './cycle.ts';
import { readMeasures } from './measures.ts';

interface Row {
  kind: MyItem['kind'];
  strategy_id: number;
  strategy: MyItem['strategy'];
  id: number;
  code: string;
  title: string;
  status: MyItem['status'];
  status_on: string | null;
  next_milestone: { id: number; title: string; due_on: string; done_on: null } | null;
  overdue_milestones: number;
  unowned_beneath: number;
}

export async function myPlan(context: Context): Promise<MyItem[]> {
  const { db, actor, today } = context;
  requirePermission(actor, 'strategies:read');
  if (actor.personId === null) return [];
  const person = actor.personId;
  const { rows } = await sql<Row>`
    with strategy_ref as (
      select id, json_build_object('code', code, 'name', name) as ref from strategy
    ),
    mine as (
      select 'strategy' as kind, s.id as strategy_id, s.id, s.code, s.name as title, null as status,
        null::date as status_on, 0 as depth,
        ((select count(*) from strategy_strand st where st.strategy_id = s.id and st.lead_person_id is null
            and st.retired_on is null)
          + (select count(*) from strategy_action a join strategy_strand st on st.id = a.strand_id
              where st.strategy_id = s.id and a.lead_person_id is null and a.status not in ('done', 'stopped')))::int
          as unowned_beneath
      from strategy s where s.lead_person_id = ${person}
      union all
      select 'strand', st.strategy_id, st.id, st.code, st.name, null, null, 1,
        (select count(*) from strategy_action a where a.strand_id = st.id and a.lead_person_id is null
          and a.status not in ('done', 'stopped'))::int
      from strategy_strand st where st.lead_person_id = ${person} and st.retired_on is null
      union all
      select 'action', st.strategy_id, a.id, a.code, a.title, a.status, a.status_on, 2, 0
      from strategy_action a join strategy_strand st on st.id = a.strand_id
      where a.lead_person_id = ${person}
    )
    select m.kind, m.strategy_id, r.ref as strategy, m.id, m.code, m.title, m.status,
      to_char(m.status_on, 'YYYY-MM-DD') as status_on, m.unowned_beneath,
      (select json_build_object('id', ms.id, 'title', ms.title, 'due_on', to_char(ms.due_on, 'YYYY-MM-DD'),
                'done_on', null)
         from strategy_milestone ms where m.kind = 'action' and ms.action_id = m.id and ms.done_on is null
         order by ms.due_on, ms.id limit 1) as next_milestone,
      (select count(*) from strategy_milestone ms where m.kind = 'action' and ms.action_id = m.id
         and ms.done_on is null and ms.due_on < ${today}::date)::int as overdue_milestones
    from mine m join strategy_ref r on r.id = m.strategy_id
    order by m.depth, r.ref->>'code', m.code`.execute(db);
  const strategyIds = [...new Set(rows.map((r) => r.strategy_id))];
  const measuresOf = new Map(
    await Promise.all(
      strategyIds.map(async (id) => {
        const measures = await readMeasures(context, { strategyId: id });
        return [id, measures] as const;
      }),
    ),
  );
  const requests = await openCycleRequests(context);
  const askOf = (kind: MyItem['kind'], id: number) => {
    const r = requests.find((q) => q.kind === kind && q.item.id === id && q.person_id === person);
    return r
      ? { term: r.term, due_on: r.due_on, met_on: r.met_on, outcome: r.outcome, days_overdue: r.days_overdue }
      : null;
  };
  const waitingIn = (strandId: number) =>
    requests
      .filter(
        (q) =>
          q.kind === 'action' &&
          q.strand?.id === strandId &&
          (q.outcome === 'awaiting' || q.outcome === 'missing' || q.outcome === 'unowned'),
      )
      .map((q) => ({ ...q.item, lead: q.lead?.name ?? null }));
  const items = rows.map(({ strategy_id, next_milestone, ...row }): MyItem => {
    const measures = (measuresOf.get(strategy_id) ?? []).filter((m) =>
      row.kind === 'strategy'
        ? true
        : row.kind === 'strand'
          ? m.strand_id === row.id
          : m.action_id === row.id,
    );
    return {
      ...row,
      next_milestone: next_milestone && { ...next_milestone, overdue: next_milestone.due_on < today },
      measures_off_track: measures.filter((m) => m.judgement === 'off_track').length,
      measures,
      request: askOf(row.kind, row.id),
      not_updated: row.kind === 'strand' ? waitingIn(row.id) : [],
    };
  });
  // What needs the lead first: updates asked and not given (most overdue first), overdue milestones, then
  // the soonest due; items with nothing due keep their order.
  const asked = (item: MyItem) =>
    item.request && item.request.met_on === null ? (item.request.days_overdue ?? 0) + 100_000 : 0;
  const due = (item: MyItem) => item.next_milestone?.due_on ?? '9999-12-31';
  return items.sort(
    (a, b) =>
      asked(b) - asked(a) || b.overdue_milestones - a.overdue_milestones || due(a).localeCompare(due(b)),
  );
}
