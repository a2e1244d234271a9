// What an action's lead does: record its status with commentary (a dated row in the log, never an
// overwrite, so the plan as it stood on any day can be read back; a reason is required when at risk or
// off track), add and tick off milestones, and add evidence.

import { sql } from 'kysely';
import { requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { requireAction, requireActionUpdater } from './access.ts';
import type { EvidenceInput, MilestoneEdit, MilestoneInput, StatusUpdate } from './contract.ts';
import { statusesNeedingReason } from './lists.ts';
import { authorName } from './people.ts';

const words: Record<string, string> = { at_risk: 'at risk', off_track: 'off track' };

export async function updateAction(context: Context, id: number, update: StatusUpdate): Promise<number> {
  const facts = await requireAction(context, id);
  const { db, actor, today } = context;
  requireActionUpdater(actor, facts);
  const on = update.on ?? today;
  const commentary = update.commentary.trim();
  if ((statusesNeedingReason as readonly string[]).includes(update.status) && commentary === '')
    throw new HeadwayError(
      'invalid',
      `commentary: say why the action is ${words[update.status]} (a reason is required for at risk and off track)`,
    );
  if (on > today) throw new HeadwayError('invalid', `on: ${on} is in the future (today is ${today})`);
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('strategy_action')
      .select(['status', sql<string | null>`to_char(status_on, 'YYYY-MM-DD')`.as('status_on')])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.status_on !== null && on < current.status_on)
      throw new HeadwayError('invalid', `on: ${on} is before the last update (${current.status_on})`);
    const { id: updateId } = await trx
      .insertInto('strategy_update')
      .values({
        action_id: id,
        on_date: on,
        author: await authorName(db, actor),
        author_person_id: actor.personId,
        from_status: current.status,
        to_status: update.status,
        commentary,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('strategy_action')
      .set({ status: update.status, status_on: on })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, 'update_action', 'strategy', { id, ...update });
    return updateId;
  });
}

export async function addMilestone(
  context: Context,
  actionId: number,
  input: MilestoneInput,
): Promise<number> {
  const facts = await requireAction(context, actionId);
  requireActionUpdater(context.actor, facts);
  return context.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('strategy_milestone')
      .values({ action_id: actionId, title: input.title, due_on: input.due_on })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context.actor, 'add_milestone', 'strategy', { action: actionId, id, ...input });
    return id;
  });
}

export async function editMilestone(context: Context, id: number, edit: MilestoneEdit): Promise<void> {
  const row = await context.db
    .selectFrom('strategy_milestone')
    .select('action_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) {
    requirePermission(context.actor, 'strategies:read');
    throw notFound(`Milestone ${id}`);
  }
  const facts = await requireAction(context, row.action_id);
  requireActionUpdater(context.actor, facts);
  if (edit.done_on && edit.done_on > context.today)
    throw new HeadwayError(
      'invalid',
      `done_on: ${edit.done_on} is in the future (today is ${context.today})`,
    );
  await context.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('strategy_milestone')
      .set({ title: edit.title, due_on: edit.due_on, done_on: edit.done_on })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, context.actor, 'edit_milestone', 'strategy', { id, ...edit });
  });
}

export async function addEvidence(context: Context, actionId: number, input: EvidenceInput): Promise<number> {
  const facts = await requireAction(context, actionId);
  requireActionUpdater(context.actor, facts);
  return context.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('strategy_evidence')
      .values({
        action_id: actionId,
        note: input.note.trim(),
        url: input.url,
        added_on: context.today,
        author: await authorName(context.db, context.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context.actor, 'add_evidence', 'strategy', { action: actionId, id });
    return id;
  });
}
