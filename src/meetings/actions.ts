// Actions: from a meeting (against an agenda item) or a challenge, with an owner, a due date and a
// status; a person's own list ("my actions"); overdue ones are flagged on the next agenda (agenda.ts).
import { sql } from 'kysely';
import { canSee, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { personName } from '../registry/sql.ts';
import { requireChallenge, requireChallengeEditor, requireMeeting, requireMeetingEditor } from './access.ts';
import { personByCode } from './lookups.ts';
import type { Action, ActionEdit, ActionInput, ActionStatus } from './meeting-contract.ts';

export async function createAction(context: Context, input: ActionInput): Promise<number> {
  const { db, actor, today } = context;
  if (!input.meeting_id && !input.challenge_id)
    throw new HeadwayError(
      'invalid',
      'an action comes from a meeting (meeting_id) or a challenge (challenge_id)',
    );
  let unitId: number | undefined;
  if (input.meeting_id) {
    requireMeetingEditor(actor, await requireMeeting(context, input.meeting_id));
    const meeting = await db
      .selectFrom('meeting')
      .select('org_unit_id')
      .where('id', '=', input.meeting_id)
      .executeTakeFirstOrThrow();
    unitId = meeting.org_unit_id;
    if (input.agenda_item_id) {
      const item = await db
        .selectFrom('agenda_item')
        .select('id')
        .where('id', '=', input.agenda_item_id)
        .where('meeting_id', '=', input.meeting_id)
        .executeTakeFirst();
      if (!item)
        throw new HeadwayError(
          'invalid',
          `agenda_item_id: ${input.agenda_item_id} is not on meeting ${input.meeting_id}'s agenda`,
        );
    }
  }
  if (input.challenge_id) {
    const facts = await requireChallenge(context, input.challenge_id);
    if (!input.meeting_id) requireChallengeEditor(actor, facts);
    const first = await db
      .selectFrom('challenge_unit')
      .select('org_unit_id')
      .where('challenge_id', '=', input.challenge_id)
      .orderBy('org_unit_id')
      .executeTakeFirstOrThrow();
    unitId ??= first.org_unit_id;
  }
  return db.transaction().execute(async (trx) => {
    const owner = input.owner ? await personByCode(trx, input.owner) : null;
    const who = [owner?.name, input.due_on && `due ${input.due_on}`].filter(Boolean).join(', ');
    const { id } = await trx
      .insertInto('action_item')
      .values({
        title: input.title,
        owner_person_id: owner?.id ?? null,
        due_on: input.due_on ?? null,
        status: 'open',
        meeting_id: input.meeting_id ?? null,
        agenda_item_id: input.agenda_item_id ?? null,
        challenge_id: input.challenge_id ?? null,
        org_unit_id: unitId as number,
        created_on: today,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.challenge_id)
      await trx
        .insertInto('challenge_update')
        .values({
          challenge_id: input.challenge_id,
          on_date: today,
          kind: 'note',
          author: actor.name,
          note: `Action: ${input.title}${who ? ` (${who})` : ''}`,
        })
        .execute();
    await recordAudit(trx, actor, 'create', 'action', { id, ...input });
    return id;
  });
}

interface ActionFacts {
  id: number;
  unit: string;
  ownerPersonId: number | null;
  meetingId: number | null;
  challengeId: number | null;
}

async function requireAction(context: Context, id: number): Promise<ActionFacts> {
  const { db, actor } = context;
  requirePermission(actor, 'meetings:read');
  const row = await db
    .selectFrom('action_item as a')
    .innerJoin('org_unit as o', 'o.id', 'a.org_unit_id')
    .select(['a.id', 'o.code', 'a.owner_person_id', 'a.meeting_id', 'a.challenge_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  const facts = row && {
    id: row.id,
    unit: row.code,
    ownerPersonId: row.owner_person_id,
    meetingId: row.meeting_id,
    challengeId: row.challenge_id,
  };
  const mine = facts && actor.personId !== null && facts.ownerPersonId === actor.personId;
  if (!facts || !(mine || canSee(actor, facts.unit) || (await seesSource(context, facts))))
    throw notFound(`Action ${id}`);
  return facts;
}

async function seesSource(context: Context, facts: ActionFacts): Promise<boolean> {
  try {
    if (facts.meetingId) await requireMeeting(context, facts.meetingId);
    else if (facts.challengeId) await requireChallenge(context, facts.challengeId);
    else return false;
    return true;
  } catch {
    return false;
  }
}

/** The owner marks their action done (or dropped); changing what it is takes whoever leads its unit. */
export async function editAction(context: Context, id: number, edit: ActionEdit): Promise<void> {
  const { db, actor, today } = context;
  const facts = await requireAction(context, id);
  const mine = actor.personId !== null && facts.ownerPersonId === actor.personId;
  const onlyStatus = Object.keys(edit).every((k) => k === 'status');
  if (!(mine && onlyStatus)) {
    requirePermission(actor, 'meetings:write');
    if (!canSee(actor, facts.unit)) {
      if (facts.meetingId) requireMeetingEditor(actor, await requireMeeting(context, facts.meetingId));
      else throw new HeadwayError('forbidden', `${actor.name} may not change action ${id}`);
    }
  }
  await db.transaction().execute(async (trx) => {
    const owner =
      edit.owner === undefined ? undefined : edit.owner ? await personByCode(trx, edit.owner) : null;
    await trx
      .updateTable('action_item')
      .set({
        ...(edit.title !== undefined && { title: edit.title }),
        ...(edit.due_on !== undefined && { due_on: edit.due_on }),
        ...(owner !== undefined && { owner_person_id: owner?.id ?? null }),
        ...(edit.status !== undefined && {
          status: edit.status,
          done_on: edit.status === 'open' ? null : today,
        }),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, edit.status ? 'status' : 'edit', 'action', { id, ...edit });
  });
}

/** Actions the caller may see, or only their own: open ones first, by due date. */
export async function listActions(
  context: Context,
  filter: { mine?: boolean; status?: ActionStatus; owner?: string; meeting?: number; challenge?: number },
): Promise<Action[]> {
  const { db, actor, today } = context;
  requirePermission(actor, 'meetings:read');
  if (filter.mine && actor.personId === null)
    throw new HeadwayError(
      'invalid',
      `${actor.name}'s account is not linked to a person in the registry, so has no actions`,
    );
  const { rows } = await sql<Action>`
    select a.id, a.title, a.status, to_char(a.due_on, 'YYYY-MM-DD') as due_on, to_char(a.done_on, 'YYYY-MM-DD') as done_on,
      coalesce(a.status = 'open' and a.due_on < ${today}::date, false) as overdue,
      case when p.id is null then null else json_build_object('code', p.code, 'name', ${personName('p')}) end as owner,
      case when m.id is null then null else json_build_object('id', m.id, 'title', m.title, 'held_on', to_char(m.held_on, 'YYYY-MM-DD')) end as meeting,
      case when c.id is null then null else json_build_object('id', c.id, 'title', c.title) end as challenge,
      case when a.visit_id is null then null else json_build_object('id', a.visit_id,
        'visit_on', (select to_char(v.visit_on, 'YYYY-MM-DD') from visit v where v.id = a.visit_id)) end as visit,
      o.code as unit
    from action_item a
    join org_unit o on o.id = a.org_unit_id
    left join person p on p.id = a.owner_person_id
    left join meeting m on m.id = a.meeting_id
    left join challenge c on c.id = a.challenge_id
    where (${actor.scope.all} or o.code = any(${[...actor.scope.units]}::text[]) or a.owner_person_id = ${actor.personId})
      and (${filter.mine ?? false} = false or a.owner_person_id = ${actor.personId})
      and (${filter.status ?? null}::text is null or a.status = ${filter.status ?? null})
      and (${filter.owner ?? null}::text is null or p.code = ${filter.owner ?? null})
      and (${filter.meeting ?? null}::int is null or a.meeting_id = ${filter.meeting ?? null})
      and (${filter.challenge ?? null}::int is null or a.challenge_id = ${filter.challenge ?? null})
    order by a.status = 'open' desc, a.due_on nulls last, a.id`.execute(db);
  return rows;
}
