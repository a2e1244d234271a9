// The termly impact report drafted from the data: for a strategy and a term, each strand's measures
// against trajectory at the term's end (with the values by period), actions with their status at the
// term's end and the leads' commentary written in the term, milestones due in the term and missed, what
// changed in the plan, unowned items, and what the strands contribute to in other strategies.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { type Indicator, listIndicators } from '../kpi/indicators.ts';
import { type Period, parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import type { ReportFormat } from '../reports/contract.ts';
import { asFormat, type ReportFile } from '../reports/reports.ts';
import type { ActionStatus, Measure, Strategy } from './contract.ts';
import { cycleCompletion } from './cycle.ts';
import type { CycleCounts } from './cycle-contract.ts';
import { planChanges } from './history.ts';
import { periodHolding } from './measures.ts';
import { strategyDetail } from './plan.ts';
import type { PlanChange } from './reorganise-contract.ts';
import type { ReportMeasure, ReportStrand, StrategyReport } from './report-contract.ts';
import { renderStrategyReport } from './report-html.ts';
import { expectedValue, judge } from './trajectory.ts';

/** Values by period shown on each measure's chart: the periods up to the term's end. */
const SERIES_PERIODS = 6;

/** A term such as 2025-26T2, or a clear refusal naming what was given. */
function parseTerm(term: string, academicYearStart: number): Period {
  const refusal = `"${term}" is not a term: use an academic year and a term number, such as 2025-26T2`;
  if (!/^\d{4}-\d{2}T[123]$/.test(term)) throw new HeadwayError('invalid', refusal);
  try {
    return parsePeriod(term, academicYearStart);
  } catch {
    throw new HeadwayError('invalid', refusal);
  }
}

/**
 * What the report is drafted from: the plan as it stood at the term's end (strands, actions, leads,
 * statuses), the changes made to it since the last term, and the term's update completion.
 */
async function reportInputs(
  context: Context,
  code: string,
  term: Period,
): Promise<{ plan: Strategy; changes: PlanChange[]; completion: CycleCounts | null }> {
  const plan = await strategyDetail(context, code, { asOf: term.end });
  // "What changed since last term": after the previous term's last day, up to this term's.
  const changes = await planChanges(context, code, dayBefore(term.start), term.end);
  return { plan, changes, completion: await cycleCompletion(context, plan.id, term.id) };
}

const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The strategy's status updates, with their action and strand joined. */
const updatesOf = (db: Db, strategyId: number) =>
  db
    .selectFrom('strategy_update as u')
    .innerJoin('strategy_action as a', 'a.id', 'u.action_id')
    .innerJoin('strategy_strand as st', 'st.id', 'a.strand_id')
    .where('st.strategy_id', '=', strategyId);

/** Each action's status at `end`: its latest update on or before that day (newest recorded wins a tie). */
export function statusesAtQuery(db: Db, strategyId: number, end: string) {
  return updatesOf(db, strategyId)
    .where('u.on_date', '<=', sql<string>`${end}::date`)
    .distinctOn('u.action_id')
    .select(['u.action_id', 'u.to_status', sql<string>`to_char(u.on_date, 'YYYY-MM-DD')`.as('on_date')])
    .orderBy('u.action_id')
    .orderBy('u.on_date', 'desc')
    .orderBy('u.id', 'desc');
}

/** The updates written in the term with commentary, oldest first. */
export function commentaryInQuery(db: Db, strategyId: number, term: Period) {
  return updatesOf(db, strategyId)
    .where('u.on_date', '>=', sql<string>`${term.start}::date`)
    .where('u.on_date', '<=', sql<string>`${term.end}::date`)
    .where(sql<boolean>`btrim(u.commentary) <> ''`)
    .select([
      'u.action_id',
      sql<string>`to_char(u.on_date, 'YYYY-MM-DD')`.as('on'),
      'u.author',
      'u.to_status',
      'u.commentary',
    ])
    .orderBy('u.on_date')
    .orderBy('u.id');
}

/** Milestones due in the term, with whether each was missed (not done by its due date, or done late). */
export function milestonesDueQuery(db: Db, strategyId: number, term: Period) {
  return db
    .selectFrom('strategy_milestone as m')
    .innerJoin('strategy_action as a', 'a.id', 'm.action_id')
    .innerJoin('strategy_strand as st', 'st.id', 'a.strand_id')
    .where('st.strategy_id', '=', strategyId)
    .where('m.due_on', '>=', sql<string>`${term.start}::date`)
    .where('m.due_on', '<=', sql<string>`${term.end}::date`)
    .select([
      'a.strand_id',
      'm.action_id',
      'a.code as action_code',
      'm.title',
      sql<string>`to_char(m.due_on, 'YYYY-MM-DD')`.as('due_on'),
      sql<string | null>`to_char(m.done_on, 'YYYY-MM-DD')`.as('done_on'),
      sql<boolean>`(m.done_on is null or m.done_on > m.due_on)`.as('missed'),
    ])
    .orderBy('m.due_on')
    .orderBy('a.code')
    .orderBy('m.id');
}

/** A measure judged at the term's end: its latest value by then against the trajectory, and the series. */
async function measureAtTermEnd(
  context: Context,
  measure: Measure,
  indicator: Indicator,
  term: Period,
): Promise<ReportMeasure> {
  const { academicYearStart } = context.settings;
  const lastMonth = term.months.at(-1) as string;
  const period = parsePeriod(
    periodHolding(measure.target_period, lastMonth, academicYearStart),
    academicYearStart,
  );
  const [result] = await rollupIndicator(context.db, indicator, { codes: [measure.org_unit.code] }, period, {
    academicYearStart,
    seriesPeriods: SERIES_PERIODS,
  });
  const series = (result?.series ?? []).map((p) => ({ period: p.period, value: p.value }));
  const point = [...series].reverse().find((p) => p.value !== null);
  const latest = point?.value != null ? { period: point.period, value: point.value } : null;
  const expected = latest
    ? expectedValue(
        {
          baselineValue: measure.baseline_value,
          baselinePeriod: measure.baseline_period,
          targetValue: measure.target_value,
          targetPeriod: measure.target_period,
          trajectory: measure.trajectory,
        },
        latest.period,
        academicYearStart,
      )
    : null;
  const judgement =
    expected === null
      ? 'no_data'
      : judge(latest?.value ?? null, expected, indicator.direction, measure.tolerance);
  return { ...measure, latest, expected, judgement, series };
}

/** Each link to another strategy with its targets' state at the term's end, where the caller may see them. */
async function chainOf(
  context: Context,
  plan: Strategy,
  indicators: Map<string, Indicator>,
  term: Period,
): Promise<StrategyReport['contributes_to']> {
  const others = new Map<string, Promise<Strategy | null>>();
  const strategy = (code: string) => {
    if (!others.has(code))
      others.set(
        code,
        strategyDetail(context, code).catch(() => null),
      );
    return others.get(code) as Promise<Strategy | null>;
  };
  return Promise.all(
    plan.contributes_to.map(async (link) => {
      const other = await strategy(link.to.strategy.code);
      const aimed = (other?.measures ?? []).filter((m) =>
        link.to.measure
          ? m.id === link.to.measure.id
          : link.to.strand
            ? m.strand_id === link.to.strand.id
            : false,
      );
      const targets = await Promise.all(
        aimed.map((m) => measureAtTermEnd(context, m, indicators.get(m.indicator.code) as Indicator, term)),
      );
      return { ...link, targets };
    }),
  );
}

/** The report's figures for a strategy and a term, drafted from the data. */
export async function strategyReport(
  context: Context,
  code: string,
  termId: string,
): Promise<StrategyReport> {
  const term = parseTerm(termId, context.settings.academicYearStart);
  if (term.start > context.today)
    throw new HeadwayError(
      'invalid',
      `${termId} has not started yet (today is ${context.today}): nothing to report`,
    );
  const { plan, changes, completion } = await reportInputs(context, code, term);
  const { db } = context;
  const statuses = new Map(
    (await statusesAtQuery(db, plan.id, term.end).execute()).map((r) => [r.action_id, r]),
  );
  const commentary = await commentaryInQuery(db, plan.id, term).execute();
  const milestones = await milestonesDueQuery(db, plan.id, term).execute();
  const indicators = new Map((await listIndicators(db)).map((i) => [i.code, i]));
  const measures = await Promise.all(
    plan.measures.map((m) =>
      measureAtTermEnd(context, m, indicators.get(m.indicator.code) as Indicator, term),
    ),
  );
  // The plan's strands and actions as they stood at the term's end.
  const strands: ReportStrand[] = plan.strands.map((strand) => {
    const actions = strand.actions.map((a) => {
      const at = statuses.get(a.id);
      return {
        id: a.id,
        code: a.code,
        title: a.title,
        lead: a.lead,
        status: (at?.to_status ?? 'not_started') as ActionStatus,
        status_on: at?.on_date ?? null,
        commentary: commentary.filter((c) => c.action_id === a.id).map(({ action_id: _id, ...c }) => c),
      };
    });
    const unowned = [
      ...(strand.lead ? [] : [{ kind: 'strand' as const, code: strand.code, title: strand.name }]),
      ...actions
        .filter((a) => !a.lead)
        .map((a) => ({ kind: 'action' as const, code: a.code, title: a.title })),
    ];
    return {
      id: strand.id,
      code: strand.code,
      name: strand.name,
      lead: strand.lead,
      measures: measures.filter(
        (m) => m.strand_id === strand.id || actions.some((a) => a.id === m.action_id),
      ),
      actions,
      // By the action's strand as the plan stood, not as it is now (an action moved later stays put).
      milestones: milestones
        .filter((m) => actions.some((a) => a.id === m.action_id))
        .map(({ strand_id: _strand, action_id: _action, ...m }) => m),
      unowned,
    };
  });
  const allActions = strands.flatMap((s) => s.actions);
  const byStatus: Record<string, number> = {};
  for (const a of allActions) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  const count = (j: Measure['judgement']) => measures.filter((m) => m.judgement === j).length;
  return {
    strategy: { code: plan.code, name: plan.name, purpose: plan.purpose, lead: plan.lead },
    term: { id: term.id, start: term.start, end: term.end },
    drafted_on: context.today,
    summary: {
      actions_by_status: byStatus,
      measures_on_track: count('on_track'),
      measures_off_track: count('off_track'),
      measures_no_data: count('no_data'),
      milestones_due: milestones.length,
      milestones_missed: milestones.filter((m) => m.missed).length,
      unowned: (plan.lead ? 0 : 1) + strands.reduce((n, s) => n + s.unowned.length, 0),
      completion,
    },
    strategy_measures: measures.filter((m) => m.strand_id === null && m.action_id === null),
    strands,
    changes,
    contributes_to: await chainOf(context, plan, indicators, term),
  };
}

/** The report as a file: HTML, or PDF printed by the area pack's Chromium path. */
export async function strategyReportFile(
  context: Context,
  code: string,
  termId: string,
  format: ReportFormat,
): Promise<ReportFile> {
  const report = await strategyReport(context, code, termId);
  const html = renderStrategyReport(report, context.settings.academicYearStart);
  const [file] = await asFormat(
    context,
    [{ name: `${report.strategy.code}-${report.term.id}`, html }],
    format,
  );
  return file as ReportFile;
}
