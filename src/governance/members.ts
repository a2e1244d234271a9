// A board's members: adding one, changing roles, term, resignation, contact details and skills ratings,
// and recording training. A board has at most one serving chair and one vice-chair. Every write is audited.
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { personIdsByCode } from '../registry/lookups.ts';
import { personName } from '../registry/sql.ts';
import { mayOnBoard, requireBoard, requireMemberBoard, requireOnBoard } from './access.ts';
import { type Member, MemberEdit, MemberInput, TrainingInput } from './contract.ts';

/** The day `months` after `day` (YYYY-MM-DD), as PostgreSQL's date + interval: the 31st clips to the month's end. */
function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

const termMonths = (context: Context) => context.settings.governorTermMonths ?? 6;

/** Members of a board as the page shows them; email and phone only when `contacts`. */
export async function boardMembers(
  context: Context,
  boardId: number,
  contacts: boolean,
  only?: number,
): Promise<Member[]> {
  const { db, today } = context;
  let query = db
    .selectFrom('governor as g')
    .leftJoin('person as p', 'p.id', 'g.person_id')
    .select([
      'g.id',
      'g.name',
      'g.email',
      'g.phone',
      'g.category',
      'g.roles',
      'g.appointed_on',
      'g.term_ends_on',
      'g.resigned_on',
      'p.code as person_code',
      personName('p').as('person_name'),
    ])
    .where('g.board_id', '=', boardId);
  if (only) query = query.where('g.id', '=', only);
  const rows = await query.orderBy('g.name').orderBy('g.id').execute();
  const ids = rows.map((r) => r.id);
  const [skills, training, courses] = await Promise.all([
    ids.length
      ? db.selectFrom('governor_skill').selectAll().where('governor_id', 'in', ids).execute()
      : Promise.resolve([]),
    ids.length
      ? db
          .selectFrom('governor_training')
          .selectAll()
          .where('governor_id', 'in', ids)
          .orderBy('attended_on', 'desc')
          .execute()
      : Promise.resolve([]),
    db.selectFrom('governance_course').selectAll().orderBy('position').execute(),
  ]);
  const renew = new Map(courses.map((c) => [c.code, c.renew_months]));
  const ending = addMonths(today, termMonths(context));
  return rows.map((r) => {
    const status: Member['status'] =
      r.resigned_on && r.resigned_on <= today
        ? 'resigned'
        : r.appointed_on > today
          ? 'appointed'
          : r.term_ends_on < today
            ? 'term_ended'
            : 'serving';
    const attended = training
      .filter((t) => t.governor_id === r.id && t.attended_on <= today)
      .map((t) => {
        const months = renew.get(t.course_code);
        return {
          id: t.id,
          course: t.course_code,
          attended_on: t.attended_on,
          expires_on: months ? addMonths(t.attended_on, months) : null,
        };
      });
    const inDate = (course: string) =>
      attended.some((t) => t.course === course && (t.expires_on === null || t.expires_on > today));
    return {
      id: r.id,
      name: r.name,
      person: r.person_code ? { code: r.person_code, name: r.person_name as string } : null,
      email: contacts ? r.email : null,
      phone: contacts ? r.phone : null,
      category: r.category,
      roles: r.roles as Member['roles'],
      appointed_on: r.appointed_on,
      term_ends_on: r.term_ends_on,
      resigned_on: r.resigned_on,
      status,
      term_ending: status === 'serving' && r.term_ends_on < ending,
      skills: Object.fromEntries(
        skills.filter((s) => s.governor_id === r.id).map((s) => [s.skill_code, s.rating]),
      ),
      training: attended,
      overdue:
        status === 'serving' ? courses.filter((c) => c.mandatory && !inDate(c.code)).map((c) => c.code) : [],
    };
  });
}

/** A second serving chair or vice-chair is refused, naming the one who holds it. */
async function refuseSecondHolder(
  db: Db,
  boardId: number,
  roles: readonly string[],
  except: number | null,
  today: string,
) {
  for (const role of ['chair', 'vice_chair'].filter((r) => roles.includes(r))) {
    const holder = await db
      .selectFrom('governor')
      .select('name')
      .where('board_id', '=', boardId)
      .where('id', '!=', except ?? 0)
      .where((eb) => eb(eb.val(role), '=', eb.fn.any('roles')))
      .where('term_ends_on', '>=', today)
      .where((eb) => eb.or([eb('resigned_on', 'is', null), eb('resigned_on', '>', today)]))
      .executeTakeFirst();
    if (holder)
      throw new HeadwayError(
        'invalid',
        `roles: ${holder.name} is already the board's ${role.replace('_', '-')}; change their roles first`,
      );
  }
}

async function personIdOf(db: Db, code: string | undefined): Promise<number | null> {
  if (!code) return null;
  const id = (await personIdsByCode(db, [code])).get(code);
  if (!id) throw new HeadwayError('invalid', `person: ${code} is not a person in the registry`);
  return id;
}

/** Adds a member to a board the caller may record for. */
export async function addMember(context: Context, code: string, raw: MemberInput): Promise<{ id: number }> {
  const input = MemberInput.parse(raw);
  const board = await requireBoard(context, code);
  requireOnBoard(context, board, 'governance:write');
  if (input.term_ends_on <= input.appointed_on)
    throw new HeadwayError('invalid', `term_ends_on: ${input.term_ends_on} is not after appointed_on`);
  const roles = [...new Set(input.roles)];
  await refuseSecondHolder(context.db, board.id, roles, null, context.today);
  const personId = await personIdOf(context.db, input.person);
  return context.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('governor')
      .values({
        board_id: board.id,
        name: input.name,
        email: input.email ?? null,
        phone: input.phone ?? null,
        person_id: personId,
        category: input.category,
        roles,
        appointed_on: input.appointed_on,
        term_ends_on: input.term_ends_on,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context.actor, 'create', 'governor', {
      id,
      board: code,
      category: input.category,
      roles,
    });
    return { id };
  });
}

/** Changes a member; `skills` sets each named skill's rating (0 removes it). */
export async function editMember(context: Context, id: number, raw: MemberEdit): Promise<Member> {
  const input = MemberEdit.parse(raw);
  const board = await requireMemberBoard(context, id);
  requireOnBoard(context, board, 'governance:write');
  const { db } = context;
  const before = await db.selectFrom('governor').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const appointed = input.appointed_on ?? before.appointed_on;
  const ends = input.term_ends_on ?? before.term_ends_on;
  if (ends <= appointed)
    throw new HeadwayError('invalid', `term_ends_on: ${ends} is not after appointed_on (${appointed})`);
  if (input.resigned_on && input.resigned_on < appointed)
    throw new HeadwayError(
      'invalid',
      `resigned_on: ${input.resigned_on} is before appointed_on (${appointed})`,
    );
  const roles = input.roles ? [...new Set(input.roles)] : undefined;
  if (roles) await refuseSecondHolder(db, board.id, roles, id, context.today);
  if (input.skills) {
    const known = new Set(
      (await db.selectFrom('governance_skill').select('code').execute()).map((s) => s.code),
    );
    const unknown = Object.keys(input.skills).filter((s) => !known.has(s));
    if (unknown.length) throw new HeadwayError('invalid', `skills: no skill ${unknown.join(', ')}`);
  }
  const { skills, ...fields } = input;
  await db.transaction().execute(async (trx) => {
    const changes = { ...fields, ...(roles ? { roles } : {}) };
    if (Object.keys(changes).length)
      await trx.updateTable('governor').set(changes).where('id', '=', id).execute();
    for (const [skill, rating] of Object.entries(skills ?? {})) {
      if (rating === 0)
        await trx
          .deleteFrom('governor_skill')
          .where('governor_id', '=', id)
          .where('skill_code', '=', skill)
          .execute();
      else
        await trx
          .insertInto('governor_skill')
          .values({ governor_id: id, skill_code: skill, rating })
          .onConflict((oc) => oc.columns(['governor_id', 'skill_code']).doUpdateSet({ rating }))
          .execute();
    }
    await recordAudit(trx, context.actor, 'update', 'governor', {
      id,
      board: board.code,
      fields: Object.keys(input),
    });
  });
  return (
    await boardMembers(context, board.id, mayOnBoard(context, board, 'governance:write'), id)
  )[0] as Member;
}

/** Records a course a member attended (not in the future). */
export async function addTraining(context: Context, id: number, raw: TrainingInput): Promise<Member> {
  const input = TrainingInput.parse(raw);
  const board = await requireMemberBoard(context, id);
  requireOnBoard(context, board, 'governance:write');
  const { db } = context;
  const course = await db
    .selectFrom('governance_course')
    .select('code')
    .where('code', '=', input.course)
    .executeTakeFirst();
  if (!course) throw new HeadwayError('invalid', `course: no course ${input.course}`);
  if (input.attended_on > context.today)
    throw new HeadwayError('invalid', `attended_on: ${input.attended_on} is after today (${context.today})`);
  const taken = await db
    .selectFrom('governor_training')
    .select('id')
    .where('governor_id', '=', id)
    .where('course_code', '=', input.course)
    .where('attended_on', '=', input.attended_on)
    .executeTakeFirst();
  if (taken)
    throw new HeadwayError('conflict', `${input.course} on ${input.attended_on} is already recorded`);
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('governor_training')
      .values({ governor_id: id, course_code: input.course, attended_on: input.attended_on })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, context.actor, 'create', 'governor_training', {
      id: row.id,
      governor: id,
      ...input,
    });
  });
  return (await boardMembers(context, board.id, true, id))[0] as Member;
}
