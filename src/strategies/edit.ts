// Changing the plan: strategies, strands and actions with their leads and groups, and the measures
// linked to them. Each change is checked against the three levels of accountability (access.ts) and
// audited; a code already taken is a conflict, not a silent overwrite.
import { sql } from 'kysely';
import { canSee, requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { indicatorByCode } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import {
  requireAction,
  requireStrand,
  requireStrandEditor,
  requireStrategy,
  requireStrategyEditor,
} from './access.ts';
import type {
  ActionEdit,
  ActionInput,
  GroupInput,
  MeasureInput,
  StrandEdit,
  StrandInput,
  StrategyEdit,
  StrategyGroup,
  StrategyInput,
} from './contract.ts';
import { leadId } from './people.ts';

/** A unique-constraint failure as a conflict the caller can act on. */
async function unique<T>(work: () => Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new HeadwayError('conflict', message);
    throw error;
  }
}

export async function createStrategy(context: Context, input: StrategyInput): Promise<number> {
  const { db, actor, today } = context;
  requirePermission(actor, 'strategies:write');
  const unit = await db
    .selectFrom('org_unit')
    .select(['id', 'level'])
    .where('code', '=', input.scope)
    .executeTakeFirst();
  if (!unit || !canSee(actor, input.scope))
    throw new HeadwayError(
      'invalid',
      `scope: "${input.scope}" is not a unit you lead (use the authority's or an area's code)`,
    );
  if (unit.level === 'school')
    throw new HeadwayError(
      'invalid',
      `scope: ${input.scope} is a school; a strategy is for the authority or an area`,
    );
  const lead = await leadId(db, input.lead, 'lead');
  return unique(
    () =>
      db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('strategy')
          .values({
            code: input.code,
            name: input.name,
            purpose: input.purpose,
            scope_unit_id: unit.id,
            lead_person_id: lead,
            created_on: today,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, 'create', 'strategy', { id, ...input });
        return id;
      }),
    `A strategy with the code ${input.code} already exists`,
  );
}

export async function editStrategy(context: Context, code: string, edit: StrategyEdit): Promise<void> {
  const facts = await requireStrategy(context, code);
  requireStrategyEditor(context.actor, facts);
  const lead = edit.lead === undefined ? undefined : await leadId(context.db, edit.lead, 'lead');
  await context.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('strategy')
      .set({ name: edit.name, purpose: edit.purpose, lead_person_id: lead })
      .where('id', '=', facts.id)
      .execute();
    await recordAudit(trx, context.actor, 'edit', 'strategy', { code, ...edit });
  });
}

async function nextPosition(
  db: Db,
  table: 'strategy_strand' | 'strategy_action',
  column: 'strategy_id' | 'strand_id',
  id: number,
) {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'))
    .where(column, '=', id)
    .executeTakeFirstOrThrow();
  return row.next;
}

export async function addStrand(context: Context, code: string, input: StrandInput): Promise<number> {
  const facts = await requireStrategy(context, code);
  requireStrategyEditor(context.actor, facts);
  const { db, actor, today } = context;
  const lead = await leadId(db, input.lead, 'lead');
  const position = input.position ?? (await nextPosition(db, 'strategy_strand', 'strategy_id', facts.id));
  return unique(
    () =>
      db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('strategy_strand')
          .values({
            strategy_id: facts.id,
            code: input.code,
            name: input.name,
            purpose: input.purpose,
            lead_person_id: lead,
            position,
            created_on: today,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, 'add_strand', 'strategy', { strategy: code, id, ...input });
        return id;
      }),
    `Strategy ${code} already has a strand ${input.code}`,
  );
}

export async function editStrand(context: Context, id: number, edit: StrandEdit): Promise<void> {
  const facts = await requireStrand(context, id);
  requireStrategyEditor(context.actor, facts.strategy);
  const lead = edit.lead === undefined ? undefined : await leadId(context.db, edit.lead, 'lead');
  await context.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('strategy_strand')
      .set({ name: edit.name, purpose: edit.purpose, lead_person_id: lead, position: edit.position })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, context.actor, 'edit_strand', 'strategy', { id, ...edit });
  });
}

async function checkGroups(db: Db, groups: string[]): Promise<void> {
  if (groups.length === 0) return;
  const known = new Set(
    (await db.selectFrom('strategy_group').select('code').where('code', 'in', groups).execute()).map(
      (g) => g.code,
    ),
  );
  const unknown = groups.filter((g) => !known.has(g));
  if (unknown.length)
    throw new HeadwayError('invalid', `groups: ${unknown.join(', ')} is not a group on the list`);
}

async function setGroups(trx: Db, actionId: number, groups: string[]): Promise<void> {
  await trx.deleteFrom('strategy_action_group').where('action_id', '=', actionId).execute();
  const distinct = [...new Set(groups)];
  if (distinct.length)
    await trx
      .insertInto('strategy_action_group')
      .values(distinct.map((group_code) => ({ action_id: actionId, group_code })))
      .execute();
}

export async function addAction(context: Context, strandId: number, input: ActionInput): Promise<number> {
  const facts = await requireStrand(context, strandId);
  requireStrandEditor(context.actor, facts);
  const { db, actor, today } = context;
  const lead = await leadId(db, input.lead, 'lead');
  await checkGroups(db, input.groups);
  if (input.parent !== null) {
    const parent = await db
      .selectFrom('strategy_action')
      .select('strand_id')
      .where('id', '=', input.parent)
      .executeTakeFirst();
    if (parent?.strand_id !== strandId)
      throw new HeadwayError('invalid', `parent: action ${input.parent} is not in strand ${strandId}`);
  }
  const position = input.position ?? (await nextPosition(db, 'strategy_action', 'strand_id', strandId));
  return unique(
    () =>
      db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('strategy_action')
          .values({
            strand_id: strandId,
            parent_action_id: input.parent,
            code: input.code,
            title: input.title,
            purpose: input.purpose,
            lead_person_id: lead,
            position,
            created_on: today,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await setGroups(trx, id, input.groups);
        await recordAudit(trx, actor, 'add_action', 'strategy', {
          strategy: facts.strategy.code,
          strand: strandId,
          id,
          ...input,
        });
        return id;
      }),
    `Strand ${strandId} already has an action ${input.code}`,
  );
}

export async function editAction(context: Context, id: number, edit: ActionEdit): Promise<void> {
  const facts = await requireAction(context, id);
  requireStrandEditor(context.actor, facts.strand);
  const { db, actor } = context;
  const lead = edit.lead === undefined ? undefined : await leadId(db, edit.lead, 'lead');
  if (edit.groups) await checkGroups(db, edit.groups);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('strategy_action')
      .set({ title: edit.title, purpose: edit.purpose, lead_person_id: lead, position: edit.position })
      .where('id', '=', id)
      .execute();
    if (edit.groups) await setGroups(trx, id, edit.groups);
    await recordAudit(trx, actor, 'edit_action', 'strategy', { id, ...edit });
  });
}

export async function addMeasure(context: Context, code: string, input: MeasureInput): Promise<number> {
  const facts = await requireStrategy(context, code);
  const { db, actor, settings } = context;
  if ((input.strand === undefined) === (input.action === undefined))
    throw new HeadwayError(
      'invalid',
      'strand, action: give the strand or the action the measure belongs to (one of them)',
    );
  let strandId = input.strand;
  if (input.action !== undefined) {
    const action = await requireAction(context, input.action);
    strandId = action.strand.id;
  }
  const strand = await requireStrand(context, strandId as number);
  if (strand.strategy.id !== facts.id)
    throw new HeadwayError('invalid', `${input.action ? 'action' : 'strand'}: not part of strategy ${code}`);
  // A strand's measures are the plan's shape (the strategy's editors); an action's, its strand's.
  if (input.action !== undefined) requireStrandEditor(actor, strand);
  else requireStrategyEditor(actor, facts);
  const indicator = await indicatorByCode(db, input.indicator).catch(() => {
    throw new HeadwayError('invalid', `indicator: "${input.indicator}" is not in the catalogue`);
  });
  const unitCode = input.org_unit ?? facts.scopeCode;
  const unit = await db.selectFrom('org_unit').select(['id']).where('code', '=', unitCode).executeTakeFirst();
  if (!unit || !(await beneath(db, unitCode, facts.scopeCode)))
    throw new HeadwayError(
      'invalid',
      `org_unit: "${unitCode}" is not ${facts.scopeCode} or a unit within it`,
    );
  const baseline = parsePeriod(input.baseline_period, settings.academicYearStart);
  const target = parsePeriod(input.target_period, settings.academicYearStart);
  if (target.end <= baseline.end)
    throw new HeadwayError(
      'invalid',
      `target_period: ${input.target_period} must come after the baseline period ${input.baseline_period}`,
    );
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('strategy_measure')
      .values({
        strategy_id: facts.id,
        strand_id: input.action === undefined ? (input.strand as number) : null,
        action_id: input.action ?? null,
        indicator_id: indicator.id,
        org_unit_id: unit.id,
        baseline_value: input.baseline_value,
        baseline_period: input.baseline_period,
        target_value: input.target_value,
        target_period: input.target_period,
        trajectory: input.trajectory,
        tolerance: input.tolerance,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'add_measure', 'strategy', { strategy: code, id, ...input });
    return id;
  });
}

/** Is `code` the unit `root` or beneath it? */
async function beneath(db: Db, code: string, root: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    with recursive up (id, parent_id, code) as (
      select id, parent_id, code from org_unit where code = ${code}
      union select o.id, o.parent_id, o.code from org_unit o join up on o.id = up.parent_id
    )
    select exists (select 1 from up where code = ${root}) as found`.execute(db);
  return rows[0]?.found === true;
}

export async function deleteMeasure(context: Context, id: number): Promise<void> {
  const row = await context.db
    .selectFrom('strategy_measure as m')
    .leftJoin('strategy_action as a', 'a.id', 'm.action_id')
    .select(['m.action_id', sql<number>`coalesce(m.strand_id, a.strand_id)`.as('strand_id')])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    requirePermission(context.actor, 'strategies:read');
    throw notFound(`Measure ${id}`);
  }
  const strand = await requireStrand(context, row.strand_id);
  if (row.action_id === null) requireStrategyEditor(context.actor, strand.strategy);
  else requireStrandEditor(context.actor, strand);
  await context.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('strategy_measure').where('id', '=', id).execute();
    await recordAudit(trx, context.actor, 'remove_measure', 'strategy', { id });
  });
}

export async function listGroups({ db, actor }: Context): Promise<StrategyGroup[]> {
  requirePermission(actor, 'strategies:read');
  return db
    .selectFrom('strategy_group')
    .select(['code', 'name'])
    .where('retired', '=', false)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

/** The list is the authority's, shared by every strategy: a role held at the top changes it. */
export async function addGroup({ db, actor }: Context, input: GroupInput): Promise<StrategyGroup> {
  requireWholeSystem(actor, 'strategies:write');
  return unique(
    () =>
      db.transaction().execute(async (trx) => {
        const { next } = await trx
          .selectFrom('strategy_group')
          .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'))
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('strategy_group')
          .values({ code: input.code, name: input.name, position: next })
          .execute();
        await recordAudit(trx, actor, 'add_group', 'strategy', { ...input });
        return { code: input.code, name: input.name };
      }),
    `The group ${input.code} is already on the list`,
  );
}
