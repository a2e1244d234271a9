// A whole plan written as the workbook import reads: one sheet per part of the plan, leads by their
// person code, strands and parent actions by code, measures by indicator and unit code. Retired strands
// are left out (their actions have moved), so exporting then importing changes nothing.
import { sql } from 'kysely';
import { requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Cell } from '../tabular/write.ts';
import { writeWorkbook } from '../tabular/write.ts';
import { requireStrategy } from './access.ts';
import { type PlanSheet, planSheets } from './workbook-contract.ts';

type Rows = Record<string, Cell>[];

/** The plan's rows, sheet by sheet, in the order a person reads it. */
async function planRows(context: Context, strategyId: number): Promise<Record<PlanSheet, Rows>> {
  const { db } = context;
  const run = async (query: ReturnType<typeof sql<Record<string, Cell>>>) => (await query.execute(db)).rows;
  const strategy = await run(sql`
    select s.code, s.name, s.purpose, u.code as scope, p.code as lead
    from strategy s join org_unit u on u.id = s.scope_unit_id left join person p on p.id = s.lead_person_id
    where s.id = ${strategyId}`);
  const strands = await run(sql`
    select st.code, st.name, st.purpose, p.code as lead
    from strategy_strand st left join person p on p.id = st.lead_person_id
    where st.strategy_id = ${strategyId} and st.retired_on is null order by st.position, st.code`);
  const actions = await run(sql`
    select st.code as strand, a.code, parent.code as parent, a.title, a.purpose, p.code as lead,
      coalesce((select string_agg(g.group_code, ', ' order by g.group_code) from strategy_action_group g
                where g.action_id = a.id), '') as groups,
      a.status,
      -- Why it has its status: the commentary of the update that set it (at risk and off track need one).
      coalesce((select u.commentary from strategy_update u where u.action_id = a.id
                order by u.on_date desc, u.id desc limit 1), '') as status_reason
    from strategy_action a join strategy_strand st on st.id = a.strand_id
      left join strategy_action parent on parent.id = a.parent_action_id
      left join person p on p.id = a.lead_person_id
    where st.strategy_id = ${strategyId} and st.retired_on is null
    order by st.position, st.code, coalesce(parent.position, a.position), coalesce(parent.code, a.code),
      a.parent_action_id nulls first, a.position, a.code`);
  const milestones = await run(sql`
    select a.code as action, m.title, to_char(m.due_on, 'YYYY-MM-DD') as due_on,
      to_char(m.done_on, 'YYYY-MM-DD') as done_on
    from strategy_milestone m join strategy_action a on a.id = m.action_id
      join strategy_strand st on st.id = a.strand_id
    where st.strategy_id = ${strategyId} and st.retired_on is null order by a.code, m.due_on, m.id`);
  const measures = await run(sql`
    select st.code as strand, a.code as action, i.code as indicator, u.code as org_unit,
      m.baseline_value, m.baseline_period, m.target_value, m.target_period, m.trajectory, m.tolerance
    from strategy_measure m join indicator i on i.id = m.indicator_id join org_unit u on u.id = m.org_unit_id
      left join strategy_strand st on st.id = m.strand_id left join strategy_action a on a.id = m.action_id
    where m.strategy_id = ${strategyId} order by m.id`);
  return {
    Strategy: strategy,
    Strands: strands,
    Actions: actions,
    Milestones: milestones,
    Measures: measures,
  };
}

/** The strategy as an XLSX workbook (anyone who may read it). */
export async function exportPlanWorkbook(context: Context, code: string): Promise<Buffer> {
  const facts = await requireStrategy(context, code);
  const rows = await planRows(context, facts.id);
  return writeWorkbook(
    (Object.keys(planSheets) as PlanSheet[]).map((name) => ({
      name,
      columns: planSheets[name].all,
      rows: rows[name],
      widths: { name: 40, title: 40, purpose: 50 },
    })),
  );
}

/** What each column of the plan workbook holds, for the template's Columns sheet and the README. */
const columnNotes: Record<string, string> = {
  'Strategy.code': 'The strategy’s code; an existing strategy with this code is updated',
  'Strategy.scope': 'The authority’s or an area’s code',
  'Strategy.lead': 'The overarching lead’s person code (blank: none yet)',
  'Strands.code': 'Unique in the plan; matches an existing strand',
  'Strands.lead': 'The strand lead’s person code (blank: none yet, flagged)',
  'Actions.strand': 'The code of a strand on the Strands sheet',
  'Actions.code': 'Unique in the plan; matches an existing action (in the same strand)',
  'Actions.parent': 'For a sub-action: its parent action’s code, in the same strand',
  'Actions.lead': 'The action lead’s person code (blank: none yet, flagged)',
  'Actions.groups': 'Group codes, comma-separated (heads, deputies, middle_leaders, bursars …)',
  'Actions.status': 'not_started, on_track, at_risk, off_track, done or stopped; a change is a dated update',
  'Actions.status_reason': 'Required for at_risk and off_track: why',
  'Milestones.action': 'An action code on the Actions sheet; a milestone is matched by action and title',
  'Milestones.due_on': 'YYYY-MM-DD',
  'Milestones.done_on': 'YYYY-MM-DD, blank while not done',
  'Measures.strand': 'The strand it measures (or give action)',
  'Measures.action': 'The action it measures (or give strand)',
  'Measures.indicator': 'An indicator code from the catalogue',
  'Measures.org_unit': 'The unit it is measured for (blank: the strategy’s scope)',
  'Measures.baseline_period': 'A month (2025-09), term (2025-26T1) or academic year (2025-26)',
  'Measures.target_period': 'After the baseline period',
  'Measures.trajectory': 'straight (default) or stepped (by term)',
  'Measures.tolerance': 'How far worse than expected still counts as on track (default 0)',
};

/** An empty plan workbook: every sheet with its headings, and a Columns sheet saying what each holds. */
export async function planTemplate({ actor }: Context): Promise<Buffer> {
  requirePermission(actor, 'strategies:read');
  const names = Object.keys(planSheets) as PlanSheet[];
  return writeWorkbook([
    ...names.map((name) => ({ name, columns: planSheets[name].all, rows: [] })),
    {
      name: 'Columns',
      columns: ['sheet', 'column', 'required', 'meaning'],
      rows: names.flatMap((name) =>
        planSheets[name].all.map((column) => ({
          sheet: name,
          column,
          required: (planSheets[name].required as readonly string[]).includes(column) ? 'yes' : '',
          meaning: columnNotes[`${name}.${column}`] ?? '',
        })),
      ),
      widths: { meaning: 80 },
    },
  ]);
}
