// Recurring problems: challenges that are the same problem in different places, linked so the director
// sees one system-wide issue ("teacher shortage in 7 areas") rather than seven local ones. Linking two
// challenges joins their groups; the group is named after its first challenge unless retitled.
import { sql } from 'kysely';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { challengeVisibleTo, requireChallenge, requireChallengeEditor, requireReader } from './access.ts';
import type { RecurringProblem } from './challenge-contract.ts';
import { challengeReach } from './reach.ts';

export async function linkChallenges(
  context: Context,
  id: number,
  otherId: number,
  title?: string,
): Promise<number> {
  const { db, actor, today } = context;
  if (id === otherId) throw new HeadwayError('invalid', 'A challenge cannot recur with itself');
  for (const c of [id, otherId]) requireChallengeEditor(actor, await requireChallenge(context, c));
  return db.transaction().execute(async (trx) => {
    const pair = await trx
      .selectFrom('challenge')
      .select(['id', 'title', 'recurring_id'])
      .where('id', 'in', [id, otherId])
      .orderBy('id')
      .forUpdate()
      .execute();
    const groups = [...new Set(pair.map((c) => c.recurring_id).filter((g): g is number => g !== null))];
    let group = groups[0];
    if (group === undefined) {
      const first = pair[0] as { title: string };
      ({ id: group } = await trx
        .insertInto('recurring_problem')
        .values({ title: title ?? first.title })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else if (title) {
      await trx.updateTable('recurring_problem').set({ title }).where('id', '=', group).execute();
    }
    // Two groups meet: the second's challenges join the first and the second goes.
    const merged = groups.slice(1);
    await trx
      .updateTable('challenge')
      .set({ recurring_id: group, updated_at: new Date() })
      .where((eb) =>
        eb.or([eb('id', 'in', [id, otherId]), ...(merged.length ? [eb('recurring_id', 'in', merged)] : [])]),
      )
      .execute();
    if (merged.length) await trx.deleteFrom('recurring_problem').where('id', 'in', merged).execute();
    for (const [a, b] of [
      [id, otherId],
      [otherId, id],
    ] as const)
      await trx
        .insertInto('challenge_update')
        .values({
          challenge_id: a,
          on_date: today,
          kind: 'linked',
          author: actor.name,
          note: `Same problem as challenge ${b}`,
        })
        .execute();
    await recordAudit(trx, actor, 'link', 'challenge', { id, with: otherId, recurring: group });
    return group;
  });
}

export async function unlinkChallenge(context: Context, id: number): Promise<void> {
  const { db, actor, today } = context;
  requireChallengeEditor(actor, await requireChallenge(context, id));
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('challenge')
      .select('recurring_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.recurring_id === null)
      throw new HeadwayError('conflict', `Challenge ${id} is not linked to others`);
    await trx
      .updateTable('challenge')
      .set({ recurring_id: null, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    // A group of one is no group.
    const left = await trx
      .selectFrom('challenge')
      .select('id')
      .where('recurring_id', '=', row.recurring_id)
      .execute();
    if (left.length < 2)
      await trx.deleteFrom('recurring_problem').where('id', '=', row.recurring_id).execute();
    await trx
      .insertInto('challenge_update')
      .values({
        challenge_id: id,
        on_date: today,
        kind: 'linked',
        author: actor.name,
        note: 'No longer linked to others',
      })
      .execute();
    await recordAudit(trx, actor, 'unlink', 'challenge', { id, recurring: row.recurring_id });
  });
}

/** System-wide issues, widest first: how many areas, challenges and open ones the caller can see. */
export async function recurringProblems({ db, actor }: Context): Promise<RecurringProblem[]> {
  requireReader(actor);
  const { rows } = await sql<RecurringProblem>`
    with recursive ${challengeReach}
    select rp.id, rp.title, count(distinct c.id)::int as challenges,
      count(distinct c.id) filter (where c.status in ('open', 'in_progress'))::int as open,
      coalesce(array_agg(distinct o.code) filter (where o.level = 'area'), '{}') as areas,
      array_agg(distinct c.category) as categories,
      to_char(min(c.raised_on), 'YYYY-MM-DD') as first_raised_on
    from recurring_problem rp
    join challenge c on c.recurring_id = rp.id
    left join reach r on r.challenge_id = c.id
    left join org_unit o on o.id = r.id
    where ${challengeVisibleTo(actor)}
    group by rp.id, rp.title
    order by cardinality(coalesce(array_agg(distinct o.code) filter (where o.level = 'area'), '{}')) desc, count(distinct c.id) desc, rp.id`.execute(
    db,
  );
  return rows;
}

export async function retitleRecurring(context: Context, id: number, title: string): Promise<void> {
  const { db, actor } = context;
  requireReader(actor);
  const members = await db.selectFrom('challenge').select('id').where('recurring_id', '=', id).execute();
  if (members.length === 0) throw notFound(`Recurring problem ${id}`);
  for (const m of members) requireChallengeEditor(actor, await requireChallenge(context, m.id));
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('recurring_problem').set({ title }).where('id', '=', id).execute();
    await recordAudit(trx, actor, 'edit', 'recurring_problem', { id, title });
  });
}
