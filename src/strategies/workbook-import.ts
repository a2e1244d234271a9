// Imports a whole plan from a workbook, all or nothing: every sheet is read and every row checked first
// (codes, leads, groups, parents, indicators, periods, reasons), each problem named by sheet, row and
// column; only a workbook with none is written, in one audited transaction. Strands and actions are
// matched by code and updated; those not in the workbook are left as they are, never deleted; an action
// the workbook puts in another strand is refused (a move is a reorganisation, with its reason).

import { sql } from 'kysely';
import { z } from 'zod';
import { canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { cells } from '../tabular/cells.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { ProblemCollector } from '../tabular/problems.ts';
import { readXlsxSheets, type Table, type UploadedFile } from '../tabular/read.ts';
import { parseRecords } from '../tabular/records.ts';
import { isStrategyEditor } from './access.ts';
import { actionStatuses, statusesNeedingReason, trajectories } from './lists.ts';
import { authorName } from './people.ts';
import { type PlanImportReport, type PlanSheet, planSheets } from './workbook-contract.ts';

const shapes = {
  Strategy: z.object({
    code: cells.code(),
    name: cells.text(),
    purpose: cells.optionalText(5000),
    scope: cells.code(),
    lead: cells.optionalCode(),
  }),
  Strands: z.object({
    code: cells.code(),
    name: cells.text(),
    purpose: cells.optionalText(5000),
    lead: cells.optionalCode(),
  }),
  Actions: z.object({
    strand: cells.code(),
    code: cells.code(),
    parent: cells.optionalCode(),
    title: cells.text(),
    purpose: cells.optionalText(5000),
    lead: cells.optionalCode(),
    groups: cells.optionalText(1000),
    status: cells.optionalOneOf(actionStatuses),
    status_reason: cells.optionalText(5000),
  }),
  Milestones: z.object({
    action: cells.code(),
    title: cells.text(),
    due_on: cells.date(),
    done_on: cells.optionalDate(),
  }),
  Measures: z.object({
    strand: cells.optionalCode(),
    action: cells.optionalCode(),
    indicator: cells.code(),
    org_unit: cells.optionalCode(),
    baseline_value: cells.optionalNumber(-1e12, 1e12),
    baseline_period: cells.text(20),
    target_value: cells.optionalNumber(-1e12, 1e12),
    target_period: cells.text(20),
    trajectory: cells.optionalOneOf(trajectories),
    tolerance: cells.optionalNumber(0, 1e12),
  }),
};
type Rows<S extends PlanSheet> = { row: number; value: z.infer<(typeof shapes)[S]> }[];
type Parsed = { [S in PlanSheet]: Rows<S> };

/** Problems as "Actions row 7, column lead: …": the sheet goes with the column. */
class SheetProblems {
  readonly all = new ProblemCollector();
  add(sheet: PlanSheet | null, row: number | null, column: string | null, message: string) {
    this.all.add({ row, column: sheet ? `${sheet}${column ? `: ${column}` : ''}` : column, message });
  }
}

async function readSheets(file: UploadedFile, problems: SheetProblems): Promise<Parsed> {
  if (!file.name.toLowerCase().endsWith('.xlsx'))
    throw new HeadwayError(
      'invalid',
      `${file.name}: a plan is a workbook (.xlsx) with a sheet per part of the plan`,
    );
  const sheets = new Map(
    (await readXlsxSheets(file.bytes)).map((s) => [s.name.trim().toLowerCase(), s.table]),
  );
  const parsed = {} as Parsed;
  for (const name of Object.keys(planSheets) as PlanSheet[]) {
    const table: Table | undefined = sheets.get(name.toLowerCase());
    const optional = name === 'Milestones' || name === 'Measures';
    if (!table) {
      if (!optional) problems.add(name, null, null, `the workbook has no sheet named ${name}`);
      (parsed as Record<string, unknown>)[name] = [];
      continue;
    }
    const collector = new ProblemCollector();
    const { records } = await parseRecords(
      table,
      planSheets[name],
      shapes[name] as z.ZodType<unknown>,
      collector,
    );
    for (const p of collector.report().listed) problems.add(name, p.row, p.column, p.message);
    (parsed as Record<string, unknown>)[name] = records;
  }
  return parsed;
}

interface Known {
  people: Map<string, number>;
  units: Map<string, { id: number; level: string }>;
  groups: Set<string>;
  indicators: Map<string, number>;
}

async function knownCodes(db: Db, parsed: Parsed): Promise<Known> {
  const personCodes = [
    ...parsed.Strategy.map((r) => r.value.lead),
    ...parsed.Strands.map((r) => r.value.lead),
    ...parsed.Actions.map((r) => r.value.lead),
  ].filter((c): c is string => typeof c === 'string' && c !== '');
  const people = personCodes.length
    ? await db.selectFrom('person').select(['id', 'code']).where('code', 'in', personCodes).execute()
    : [];
  const unitCodes = [
    ...parsed.Strategy.map((r) => r.value.scope),
    ...parsed.Measures.map((r) => r.value.org_unit),
  ].filter((c): c is string => typeof c === 'string' && c !== '');
  const units = unitCodes.length
    ? await db.selectFrom('org_unit').select(['id', 'code', 'level']).where('code', 'in', unitCodes).execute()
    : [];
  const groups = await db.selectFrom('strategy_group').select('code').where('retired', '=', false).execute();
  const indicators = await db.selectFrom('indicator').select(['id', 'code']).execute();
  return {
    people: new Map(people.map((p) => [p.code, p.id])),
    units: new Map(units.map((u) => [u.code, { id: u.id, level: u.level }])),
    groups: new Set(groups.map((g) => g.code)),
    indicators: new Map(indicators.map((i) => [i.code, i.id])),
  };
}

const groupList = (text: string | null | undefined) =>
  (text ?? '')
    .split(/[,;]/)
    .map((g) => g.trim())
    .filter(Boolean);

interface Existing {
  id: number;
  strands: Map<string, number>;
  /** Retired strands' codes and the day: a code the plan cannot take again. */
  retired: Map<string, string>;
  /** Each action code's id and strand code; codes used in two strands are ambiguous. */
  actions: Map<string, { id: number; strand: string }[]>;
}

async function existingPlan(db: Db, code: string): Promise<Existing | null> {
  const strategy = await db.selectFrom('strategy').select(['id']).where('code', '=', code).executeTakeFirst();
  if (!strategy) return null;
  const strands = await db
    .selectFrom('strategy_strand')
    .select(['id', 'code', sql<string | null>`to_char(retired_on, 'YYYY-MM-DD')`.as('retired_on')])
    .where('strategy_id', '=', strategy.id)
    .execute();
  const actions = await db
    .selectFrom('strategy_action as a')
    .innerJoin('strategy_strand as st', 'st.id', 'a.strand_id')
    .select(['a.id', 'a.code', 'st.code as strand'])
    .where('st.strategy_id', '=', strategy.id)
    .execute();
  const byCode = new Map<string, { id: number; strand: string }[]>();
  for (const a of actions)
    byCode.set(a.code, [...(byCode.get(a.code) ?? []), { id: a.id, strand: a.strand }]);
  return {
    id: strategy.id,
    strands: new Map(strands.filter((s) => !s.retired_on).map((s) => [s.code, s.id])),
    retired: new Map(strands.flatMap((s) => (s.retired_on ? [[s.code, s.retired_on] as const] : []))),
    actions: byCode,
  };
}

/** Every check that needs no writing: the problems a person must fix before anything is imported. */
function checkPlan(
  parsed: Parsed,
  known: Known,
  existing: Existing | null,
  context: Context,
  problems: SheetProblems,
) {
  const { settings, today, actor } = context;
  if (parsed.Strategy.length !== 1)
    problems.add(
      'Strategy',
      null,
      null,
      `has ${parsed.Strategy.length} rows: it takes exactly one, the strategy`,
    );
  const lead = (sheet: PlanSheet, row: number, code: string | null | undefined) => {
    if (code && !known.people.has(code)) problems.add(sheet, row, 'lead', `no person has the code "${code}"`);
  };
  for (const { row, value } of parsed.Strategy) {
    const unit = known.units.get(value.scope);
    if (!unit || !canSee(actor, value.scope))
      problems.add(
        'Strategy',
        row,
        'scope',
        `"${value.scope}" is not a unit you lead (the authority's or an area's code)`,
      );
    else if (unit.level === 'school')
      problems.add(
        'Strategy',
        row,
        'scope',
        `${value.scope} is a school; a strategy is for the authority or an area`,
      );
    lead('Strategy', row, value.lead);
  }
  const strandRows = new Map<string, number>();
  for (const { row, value } of parsed.Strands) {
    const earlier = strandRows.get(value.code);
    if (earlier) problems.add('Strands', row, 'code', `${value.code} appears already on row ${earlier}`);
    else strandRows.set(value.code, row);
    const retired = existing?.retired.get(value.code);
    if (retired)
      problems.add(
        'Strands',
        row,
        'code',
        `${value.code} is a strand retired on ${retired}; give the strand a new code`,
      );
    lead('Strands', row, value.lead);
  }
  const actionRows = new Map<string, { row: number; strand: string; parent: string | null }>();
  for (const { row, value } of parsed.Actions) {
    const earlier = actionRows.get(value.code);
    if (earlier) problems.add('Actions', row, 'code', `${value.code} appears already on row ${earlier.row}`);
    else actionRows.set(value.code, { row, strand: value.strand, parent: value.parent ?? null });
    if (!strandRows.has(value.strand))
      problems.add('Actions', row, 'strand', `${value.strand} is not a strand on the Strands sheet`);
    lead('Actions', row, value.lead);
    for (const group of groupList(value.groups))
      if (!known.groups.has(group))
        problems.add('Actions', row, 'groups', `"${group}" is not a group in the list`);
    const needsReason = (statusesNeedingReason as readonly string[]).includes(value.status ?? '');
    if (needsReason && !(value.status_reason ?? '').trim())
      problems.add(
        'Actions',
        row,
        'status_reason',
        `say why the action is ${value.status?.replace('_', ' ')} (a reason is required)`,
      );
    const already = existing?.actions.get(value.code) ?? [];
    if (already.length > 1)
      problems.add(
        'Actions',
        row,
        'code',
        `${value.code} is used in ${already.length} strands in Headway; rename one first`,
      );
    else if (already[0] && already[0].strand !== value.strand)
      problems.add(
        'Actions',
        row,
        'strand',
        `${value.code} is in strand ${already[0].strand} in Headway: move it with Reorganise (a move takes a reason)`,
      );
  }
  for (const { row, value } of parsed.Actions) {
    if (!value.parent) continue;
    const parent = actionRows.get(value.parent);
    if (value.parent === value.code)
      problems.add('Actions', row, 'parent', 'an action cannot be its own parent');
    else if (!parent)
      problems.add('Actions', row, 'parent', `${value.parent} is not an action on the Actions sheet`);
    else if (parent.strand !== value.strand)
      problems.add(
        'Actions',
        row,
        'parent',
        `${value.parent} is in strand ${parent.strand}, not ${value.strand}`,
      );
    else if (parent.parent) problems.add('Actions', row, 'parent', `${value.parent} is itself a sub-action`);
  }
  const milestoneKeys = new Map<string, number>();
  for (const { row, value } of parsed.Milestones) {
    if (!actionRows.has(value.action))
      problems.add('Milestones', row, 'action', `${value.action} is not an action on the Actions sheet`);
    const key = `${value.action}\u0000${value.title}`;
    const earlier = milestoneKeys.get(key);
    if (earlier)
      problems.add(
        'Milestones',
        row,
        'title',
        `"${value.title}" for ${value.action} appears already on row ${earlier}`,
      );
    else milestoneKeys.set(key, row);
    if (value.done_on && value.done_on > today)
      problems.add('Milestones', row, 'done_on', `${value.done_on} is in the future (today is ${today})`);
  }
  for (const { row, value } of parsed.Measures) {
    if (Boolean(value.strand) === Boolean(value.action))
      problems.add(
        'Measures',
        row,
        'strand',
        'give the strand or the action the measure belongs to (one of them)',
      );
    else if (value.strand && !strandRows.has(value.strand))
      problems.add('Measures', row, 'strand', `${value.strand} is not a strand on the Strands sheet`);
    else if (value.action && !actionRows.has(value.action))
      problems.add('Measures', row, 'action', `${value.action} is not an action on the Actions sheet`);
    if (!known.indicators.has(value.indicator))
      problems.add('Measures', row, 'indicator', `"${value.indicator}" is not in the catalogue`);
    if (value.org_unit && !known.units.has(value.org_unit))
      problems.add('Measures', row, 'org_unit', `"${value.org_unit}" is not a unit in Headway`);
    for (const column of ['baseline_value', 'target_value'] as const)
      if (value[column] === null || value[column] === undefined)
        problems.add('Measures', row, column, 'is required');
    const periods: Record<string, ReturnType<typeof parsePeriod> | null> = {};
    for (const column of ['baseline_period', 'target_period'] as const) {
      try {
        periods[column] = parsePeriod(value[column], settings.academicYearStart);
      } catch {
        periods[column] = null;
        problems.add(
          'Measures',
          row,
          column,
          `"${value[column]}" is not a period (e.g. 2025-09, 2025-26T2, 2025-26)`,
        );
      }
    }
    const [baseline, target] = [periods.baseline_period, periods.target_period];
    if (baseline && target && target.end <= baseline.end)
      problems.add(
        'Measures',
        row,
        'target_period',
        `${value.target_period} must come after the baseline ${value.baseline_period}`,
      );
  }
}

const counts = () => ({ created: 0, updated: 0, unchanged: 0 });

/** Reads, checks and (unless a dry run) writes a plan workbook; refuses the whole of it on any problem. */
export async function importPlanWorkbook(
  context: Context,
  file: UploadedFile,
  options: { dryRun?: boolean } = {},
): Promise<PlanImportReport> {
  const { db, actor } = context;
  requirePermission(actor, 'strategies:write');
  const problems = new SheetProblems();
  const parsed = await readSheets(file, problems);
  const known = await knownCodes(db, parsed);
  const code = parsed.Strategy[0]?.value.code;
  const existing = code ? await existingPlan(db, code) : null;
  checkPlan(parsed, known, existing, context, problems);
  if (problems.all.total > 0) throw new ImportRejected(problems.all.report(), 'strategy workbook', 'file');
  if (existing) {
    const { requireStrategy } = await import('./access.ts');
    const facts = await requireStrategy(context, code as string);
    if (!isStrategyEditor(actor, facts))
      throw new HeadwayError(
        'forbidden',
        `Only the director or the overarching lead may change strategy ${code} as a whole`,
      );
  }
  class DryRun extends Error {
    constructor(readonly report: PlanImportReport) {
      super('dry run');
    }
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const report = await writePlan(trx, context, parsed, known, existing, options.dryRun === true);
      if (options.dryRun) throw new DryRun(report);
      await recordAudit(trx, actor, 'import', 'strategy-workbook', { file: file.name, ...report });
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

/** Writes the checked plan in the caller's transaction and counts what changed. */
async function writePlan(
  trx: Db,
  context: Context,
  parsed: Parsed,
  known: Known,
  existing: Existing | null,
  dryRun: boolean,
): Promise<PlanImportReport> {
  const { today, actor } = context;
  const person = (code: string | null | undefined) => (code ? (known.people.get(code) ?? null) : null);
  const s = (parsed.Strategy[0] as Parsed['Strategy'][number]).value;
  const scope = known.units.get(s.scope) as { id: number };
  const strategyValues = {
    name: s.name,
    purpose: s.purpose ?? '',
    scope_unit_id: scope.id,
    lead_person_id: person(s.lead),
  };
  const strategyId = existing
    ? existing.id
    : (
        await trx
          .insertInto('strategy')
          .values({ code: s.code, ...strategyValues, created_on: today })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
  if (existing) await trx.updateTable('strategy').set(strategyValues).where('id', '=', strategyId).execute();
  const sheets = {
    strands: counts(),
    actions: counts(),
    milestones: counts(),
    measures: counts(),
    statuses: 0,
  };

  // Strands, by code: the row's values, or unchanged when they are the same.
  const strandIds = new Map<string, number>();
  for (const [position, { value }] of parsed.Strands.entries()) {
    const values = {
      name: value.name,
      purpose: value.purpose ?? '',
      lead_person_id: person(value.lead),
      position,
    };
    const id = existing?.strands.get(value.code);
    if (id === undefined) {
      const created = await trx
        .insertInto('strategy_strand')
        .values({ strategy_id: strategyId, code: value.code, created_on: today, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      strandIds.set(value.code, created.id);
      sheets.strands.created++;
    } else {
      strandIds.set(value.code, id);
      const changed = await trx
        .updateTable('strategy_strand')
        .set(values)
        .where('id', '=', id)
        .where(sql<boolean>`(name, purpose, lead_person_id, position) is distinct from
          (${values.name}, ${values.purpose}, ${values.lead_person_id}::int, ${position}::int)`)
        .executeTakeFirst();
      sheets.strands[changed.numUpdatedRows > 0n ? 'updated' : 'unchanged']++;
    }
  }

  // Actions, by code; parents once every action has its id.
  const actionIds = new Map<string, number>();
  for (const [position, { value }] of parsed.Actions.entries()) {
    const strandId = strandIds.get(value.strand) as number;
    const values = {
      title: value.title,
      purpose: value.purpose ?? '',
      lead_person_id: person(value.lead),
      position,
    };
    const found = existing?.actions.get(value.code)?.[0];
    let id: number;
    let changed = false;
    if (!found) {
      id = (
        await trx
          .insertInto('strategy_action')
          .values({ strand_id: strandId, code: value.code, created_on: today, ...values })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      id = found.id;
      const updated = await trx
        .updateTable('strategy_action')
        .set(values)
        .where('id', '=', id)
        .where(sql<boolean>`(title, purpose, lead_person_id, position) is distinct from
          (${values.title}, ${values.purpose}, ${values.lead_person_id}::int, ${position}::int)`)
        .executeTakeFirst();
      changed = updated.numUpdatedRows > 0n;
    }
    actionIds.set(value.code, id);
    const groups = [...new Set(groupList(value.groups))].sort();
    const current = (
      await trx.selectFrom('strategy_action_group').select('group_code').where('action_id', '=', id).execute()
    )
      .map((g) => g.group_code)
      .sort();
    if (groups.join() !== current.join()) {
      await trx.deleteFrom('strategy_action_group').where('action_id', '=', id).execute();
      if (groups.length)
        await trx
          .insertInto('strategy_action_group')
          .values(groups.map((group_code) => ({ action_id: id, group_code })))
          .execute();
      changed = true;
    }
    sheets.actions[!found ? 'created' : changed ? 'updated' : 'unchanged']++;
  }
  for (const { value } of parsed.Actions) {
    const parent = value.parent ? (actionIds.get(value.parent) as number) : null;
    await trx
      .updateTable('strategy_action')
      .set({ parent_action_id: parent })
      .where('id', '=', actionIds.get(value.code) as number)
      .where(sql<boolean>`parent_action_id is distinct from ${parent}::int`)
      .execute();
  }

  // A status that differs from the action's is a dated update row, as a lead's would be.
  for (const { value } of parsed.Actions) {
    if (!value.status) continue;
    const id = actionIds.get(value.code) as number;
    const current = await trx
      .selectFrom('strategy_action')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (current.status === value.status) continue;
    await trx
      .insertInto('strategy_update')
      .values({
        action_id: id,
        on_date: today,
        author: await authorName(trx, actor),
        author_person_id: actor.personId,
        from_status: current.status,
        to_status: value.status,
        commentary: (value.status_reason ?? '').trim(),
      })
      .execute();
    await trx
      .updateTable('strategy_action')
      .set({ status: value.status, status_on: today })
      .where('id', '=', id)
      .execute();
    sheets.statuses++;
  }

  // Milestones, by action and title.
  for (const { value } of parsed.Milestones) {
    const actionId = actionIds.get(value.action) as number;
    const row = await trx
      .selectFrom('strategy_milestone')
      .select(['id'])
      .where('action_id', '=', actionId)
      .where('title', '=', value.title)
      .executeTakeFirst();
    const dates = { due_on: value.due_on, done_on: value.done_on ?? null };
    if (!row) {
      await trx
        .insertInto('strategy_milestone')
        .values({ action_id: actionId, title: value.title, ...dates })
        .execute();
      sheets.milestones.created++;
    } else {
      const changed = await trx
        .updateTable('strategy_milestone')
        .set(dates)
        .where('id', '=', row.id)
        .where(
          sql<boolean>`(due_on, done_on) is distinct from (${dates.due_on}::date, ${dates.done_on}::date)`,
        )
        .executeTakeFirst();
      sheets.milestones[changed.numUpdatedRows > 0n ? 'updated' : 'unchanged']++;
    }
  }

  // Measures, by what they measure (strand or action), indicator and unit.
  for (const { value } of parsed.Measures) {
    const strandId = value.strand ? (strandIds.get(value.strand) as number) : null;
    const actionId = value.action ? (actionIds.get(value.action) as number) : null;
    const unitId = value.org_unit ? (known.units.get(value.org_unit) as { id: number }).id : scope.id;
    const indicatorId = known.indicators.get(value.indicator) as number;
    const figures = {
      baseline_value: value.baseline_value as number,
      baseline_period: value.baseline_period,
      target_value: value.target_value as number,
      target_period: value.target_period,
      trajectory: value.trajectory ?? 'straight',
      tolerance: value.tolerance ?? 0,
    };
    const row = await trx
      .selectFrom('strategy_measure')
      .select('id')
      .where('strategy_id', '=', strategyId)
      .where(
        sql<boolean>`strand_id is not distinct from ${strandId}::int and action_id is not distinct from ${actionId}::int`,
      )
      .where('indicator_id', '=', indicatorId)
      .where('org_unit_id', '=', unitId)
      .executeTakeFirst();
    if (!row) {
      await trx
        .insertInto('strategy_measure')
        .values({
          strategy_id: strategyId,
          strand_id: strandId,
          action_id: actionId,
          indicator_id: indicatorId,
          org_unit_id: unitId,
          ...figures,
        })
        .execute();
      sheets.measures.created++;
    } else {
      const changed = await trx
        .updateTable('strategy_measure')
        .set(figures)
        .where('id', '=', row.id)
        .where(sql<boolean>`(baseline_value, baseline_period, target_value, target_period, trajectory, tolerance)
          is distinct from (${figures.baseline_value}::float8, ${figures.baseline_period}, ${figures.target_value}::float8,
            ${figures.target_period}, ${figures.trajectory}, ${figures.tolerance}::float8)`)
        .executeTakeFirst();
      sheets.measures[changed.numUpdatedRows > 0n ? 'updated' : 'unchanged']++;
    }
  }

  const left = existing
    ? {
        strands: [...existing.strands.keys()].filter((c) => !strandIds.has(c)).length,
        actions: [...existing.actions.keys()].filter((c) => !actionIds.has(c)).length,
      }
    : { strands: 0, actions: 0 };
  return { strategy: s.code, created: !existing, dry_run: dryRun, sheets, left };
}
