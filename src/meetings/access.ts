// Who may see and change meetings, challenges and actions. A challenge belongs to the units it affects:
// a caller sees it when one of those is in their scope (or they own or raised it) and changes it when
// all of them are (or they own it), so an area lead raises and runs their own area's challenges and
// the director, whose scope is everything, sees and runs them all. A meeting is seen by those who lead
// its unit, its chair and attendees, and run by its chair or whoever leads its unit.
import { sql } from 'kysely';
import { type Actor, canSee, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';

export function requireReader(actor: Actor): void {
  requirePermission(actor, 'meetings:read');
}

/** A SQL condition on `c` (challenge): the caller may see it. */
export function challengeVisibleTo(actor: Actor) {
  if (actor.scope.all) return sql<boolean>`true`;
  const units = [...actor.scope.units];
  return sql<boolean>`(
    exists (select 1 from challenge_unit cu join org_unit o on o.id = cu.org_unit_id
            where cu.challenge_id = c.id and o.code = any(${units}::text[]))
    or c.owner_person_id = ${actor.personId} or c.raised_by_person_id = ${actor.personId})`;
}

export interface ChallengeAccessFacts {
  id: number;
  unitCodes: string[];
  ownerPersonId: number | null;
  raisedByPersonId: number | null;
}

async function challengeAccessFacts(db: Db, id: number): Promise<ChallengeAccessFacts | null> {
  const { rows } = await sql<{ owner: number | null; raised_by: number | null; units: string[] }>`
    select c.owner_person_id as owner, c.raised_by_person_id as raised_by,
      coalesce(array_agg(o.code) filter (where o.code is not null), '{}') as units
    from challenge c left join challenge_unit cu on cu.challenge_id = c.id
      left join org_unit o on o.id = cu.org_unit_id
    where c.id = ${id} group by c.id`.execute(db);
  const row = rows[0];
  return row ? { id, unitCodes: row.units, ownerPersonId: row.owner, raisedByPersonId: row.raised_by } : null;
}

const isOwner = (actor: Actor, facts: ChallengeAccessFacts) =>
  actor.personId !== null && facts.ownerPersonId === actor.personId;

function canSeeChallenge(actor: Actor, facts: ChallengeAccessFacts): boolean {
  return (
    actor.scope.all ||
    facts.unitCodes.some((code) => canSee(actor, code)) ||
    isOwner(actor, facts) ||
    (actor.personId !== null && facts.raisedByPersonId === actor.personId)
  );
}

/** The challenge's facts, or "not found" for a caller who may not see it. */
export async function requireChallenge({ db, actor }: Context, id: number): Promise<ChallengeAccessFacts> {
  requireReader(actor);
  const facts = await challengeAccessFacts(db, id);
  if (!facts || !canSeeChallenge(actor, facts)) throw notFound(`Challenge ${id}`);
  return facts;
}

/** The owner may always work their challenge; anyone else needs to lead every unit it affects. */
export function requireChallengeEditor(actor: Actor, facts: ChallengeAccessFacts): void {
  if (isOwner(actor, facts)) return;
  requirePermission(actor, 'meetings:write');
  const outside = facts.unitCodes.filter((code) => !canSee(actor, code));
  if (!actor.scope.all && outside.length)
    throw new HeadwayError(
      'forbidden',
      `${actor.name} may not change challenge ${facts.id}: it also affects ${outside.join(', ')}, outside their scope`,
    );
}

/** Resolutions are verified by someone other than the owner who resolved them. */
export function requireVerifier(actor: Actor, facts: ChallengeAccessFacts): void {
  if (isOwner(actor, facts))
    throw new HeadwayError(
      'forbidden',
      `Challenge ${facts.id} is yours: its resolution must be verified by someone else (the chair or the director)`,
    );
  requireChallengeEditor(actor, facts);
}

/** Whether the caller passes `check` (one of the require… functions above), for offering only what they may do. */
export function allows(check: () => void): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

/** Units a caller raises a challenge for must all be theirs. */
export function requireUnitsInScope(actor: Actor, codes: string[]): void {
  requirePermission(actor, 'meetings:write');
  const outside = codes.filter((code) => !canSee(actor, code));
  if (outside.length)
    throw new HeadwayError(
      'forbidden',
      `${actor.name} may raise challenges only for their own units; not ${outside.join(', ')}`,
    );
}

export interface MeetingFacts {
  id: number;
  unit: string;
  chairPersonId: number | null;
  attendees: number[];
}

export async function meetingFacts(db: Db, id: number): Promise<MeetingFacts | null> {
  const row = await db
    .selectFrom('meeting as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_unit_id')
    .select(['m.id', 'o.code', 'm.chair_person_id'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const attendees = await db
    .selectFrom('meeting_attendee')
    .select('person_id')
    .where('meeting_id', '=', id)
    .execute();
  return {
    id,
    unit: row.code,
    chairPersonId: row.chair_person_id,
    attendees: attendees.map((a) => a.person_id),
  };
}

const takesPart = (actor: Actor, m: MeetingFacts) =>
  actor.personId !== null && (m.chairPersonId === actor.personId || m.attendees.includes(actor.personId));

/** Those who lead a meeting's unit see it, as do its chair and attendees. */
export const seesMeeting = (actor: Actor, m: MeetingFacts) => canSee(actor, m.unit) || takesPart(actor, m);

/**
 * Those who lead its unit see a meeting, as do its chair and attendees; nobody else (a head beneath the
 * authority does not read the authority's meeting about other areas' schools).
 */
export async function requireMeeting({ db, actor }: Context, id: number): Promise<MeetingFacts> {
  requirePermission(actor, 'meetings:read');
  const facts = await meetingFacts(db, id);
  if (!facts || !seesMeeting(actor, facts)) throw notFound(`Meeting ${id}`);
  return facts;
}

/** The chair runs the meeting; otherwise it takes someone who leads its unit. */
export function requireMeetingEditor(actor: Actor, m: MeetingFacts): void {
  if (actor.personId !== null && m.chairPersonId === actor.personId) return;
  requirePermission(actor, 'meetings:write');
  if (!canSee(actor, m.unit))
    throw new HeadwayError(
      'forbidden',
      `${actor.name} may not change meeting ${m.id}: only its chair or those who lead ${m.unit}`,
    );
}

export function canEditMeeting(actor: Actor, m: MeetingFacts): boolean {
  return allows(() => requireMeetingEditor(actor, m));
}
