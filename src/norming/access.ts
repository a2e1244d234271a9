// Who may do what with a norming session. The director and admins (visits:write held for the whole
// authority) run every session, its lead assessor runs theirs; a rater sees the session and their own
// scores and agreement; anyone else does not learn the session exists (404), a head included.
import type { Actor } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { HeadwayError, notFound } from '../errors.ts';

export interface SessionRow {
  id: number;
  title: string;
  held_on: string;
  rubric_id: number;
  led_by: number;
  status: 'open' | 'closed';
  closed_on: string | null;
}

/** The director, an admin or the operator: sees every session, rater and log. */
export const runsAll = (actor: Actor) => actor.permissions.has('visits:write') && actor.scope.all;

export async function sessionFor(
  context: Context,
  id: number,
): Promise<{ session: SessionRow; role: 'runs' | 'rates' }> {
  const { db, actor } = context;
  const session = await db
    .selectFrom('norming_session')
    .select(['id', 'title', 'held_on', 'rubric_id', 'led_by', 'status', 'closed_on'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!session) throw notFound(`Norming session ${id}`);
  if (runsAll(actor) || (actor.personId !== null && actor.personId === session.led_by))
    return { session, role: 'runs' };
  if (actor.personId !== null) {
    const rater = await db
      .selectFrom('norming_rater')
      .select('person_id')
      .where('session_id', '=', id)
      .where('person_id', '=', actor.personId)
      .executeTakeFirst();
    if (rater) return { session, role: 'rates' };
  }
  throw notFound(`Norming session ${id}`);
}

export function requireRuns(role: 'runs' | 'rates', what: string): void {
  if (role !== 'runs') throw new HeadwayError('forbidden', `Only who runs the session may ${what}`);
}

export function requireOpen(session: SessionRow): void {
  if (session.status === 'closed')
    throw new HeadwayError('conflict', `Norming session "${session.title}" is closed: its scores are fixed`);
}
