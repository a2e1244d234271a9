// A leader's ratings in an audit: the leader records their own (while the audit is open) with a note;
// the director, their area lead or a system leader supporting their school records the validated rating
// with its evidence. Reading them shows self against validated and the gap, so over-rating shows.
import { sql } from 'kysely';
import { type Actor, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { namesAnyone, seesLeader, validatesLeader } from './access.ts';
import { findAudit, leaderRows } from './audits.ts';
import type {
  LeaderRatings,
  RatingsQuery,
  SelfRatingInput,
  SkillRating,
  ValidatedRatingInput,
} from './contract.ts';
import type { LeaderRow } from './queries.ts';

/** The audit and the leader in it, or 404 (also when the caller may not see the leader, so it is not confirmed). */
async function auditAndLeader(
  context: Context,
  audit: string,
  person: string,
  allowed: (actor: Actor, leader: LeaderRow) => boolean,
  refusal = (_: LeaderRow) => '',
) {
  if (!namesAnyone(context.actor))
    throw new HeadwayError('forbidden', 'Your role shows the skills heat map, not leaders by name');
  const found = await findAudit(context, audit);
  if (!found) throw notFound(`Skills audit ${audit}`);
  const personRow = await context.db
    .selectFrom('person')
    .select('id')
    .where('code', '=', person)
    .executeTakeFirst();
  const [leader] = personRow ? await leaderRows(context, found.id, personRow.id) : [];
  if (!leader || !seesLeader(context.actor, leader)) throw notFound(`Leader ${person} in audit ${audit}`);
  if (!allowed(context.actor, leader)) throw new HeadwayError('forbidden', refusal(leader));
  return { audit: found, leader };
}

function ratingsQuery(db: Db, auditId: number, personId: number) {
  return (
    db
      .selectFrom('competency as c')
      .leftJoin('skill_rating as r', (join) =>
        join
          .onRef('r.competency_id', '=', 'c.id')
          .on('r.audit_id', '=', auditId)
          .on('r.person_id', '=', personId),
      )
      .select([
        'c.code as competency',
        'c.name',
        sql<number | null>`r.self_rating`.as('self'),
        sql<string>`coalesce(r.self_note, '')`.as('self_note'),
        sql<string | null>`r.self_on::text`.as('self_on'),
        sql<number | null>`r.validated_rating`.as('validated'),
        sql<string>`coalesce(r.evidence, '')`.as('evidence'),
        'r.validator',
        sql<string | null>`r.validated_on::text`.as('validated_on'),
        sql<number | null>`r.self_rating - r.validated_rating`.as('gap'),
      ])
      // Live competencies, and retired ones this leader was rated on.
      .where((eb) => eb.or([eb('c.retired_on', 'is', null), eb('r.competency_id', 'is not', null)]))
      .orderBy('c.position')
      .orderBy('c.code')
  );
}

export async function leaderRatings(context: Context, query: RatingsQuery): Promise<LeaderRatings> {
  requirePermission(context.actor, 'kpi:read');
  const { audit, leader } = await auditAndLeader(context, query.audit, query.person, () => true);
  const ratings = await ratingsQuery(context.db, audit.id, leader.person_id).execute();
  if (context.actor.personId !== leader.person_id)
    await recordAudit(context.db, context.actor, 'view', 'skill-ratings', {
      audit: audit.code,
      person: leader.person,
    });
  const { id: _, ...summary } = audit;
  return {
    audit: summary,
    person: leader.person,
    name: leader.name,
    school: leader.school,
    school_name: leader.school_name,
    post_role: leader.post_role,
    may_rate_self: context.actor.personId === leader.person_id && audit.open,
    may_validate: validatesLeader(context.actor, leader),
    ratings,
  };
}

async function competencyId(db: Db, code: string, live: boolean): Promise<number> {
  const found = await db
    .selectFrom('competency')
    .select(['id', 'retired_on'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!found) throw notFound(`Competency ${code}`);
  if (live && found.retired_on !== null) throw new HeadwayError('invalid', `Competency ${code} is retired`);
  return found.id;
}

/** Writes one side of one rating (the other side stays), returning the rating now. */
export async function writeRating(
  db: Db,
  key: { audit_id: number; person_id: number; competency_id: number },
  side:
    | { self_rating: number; self_note: string; self_on: string }
    | {
        validated_rating: number;
        evidence: string;
        validator: string;
        validator_person_id: number | null;
        validated_on: string;
      },
): Promise<void> {
  await db
    .insertInto('skill_rating')
    .values({ ...key, ...side })
    .onConflict((oc) => oc.columns(['audit_id', 'person_id', 'competency_id']).doUpdateSet(side))
    .execute();
}

async function ratingNow(db: Db, auditId: number, personId: number, code: string): Promise<SkillRating> {
  return ratingsQuery(db, auditId, personId).where('c.code', '=', code).executeTakeFirstOrThrow();
}

export async function rateSelf(context: Context, input: SelfRatingInput): Promise<SkillRating> {
  const { db, actor, today } = context;
  requirePermission(actor, 'kpi:read');
  const { audit, leader } = await auditAndLeader(
    context,
    input.audit,
    input.person,
    (a, l) => a.personId === l.person_id,
    (l) => `Only ${l.name} records their own rating`,
  );
  if (!audit.open)
    throw new HeadwayError(
      'invalid',
      `Audit ${audit.code} is open from ${audit.opens_on} to ${audit.closes_on}`,
    );
  const competency_id = await competencyId(db, input.competency, true);
  await db.transaction().execute(async (trx) => {
    await writeRating(
      trx,
      { audit_id: audit.id, person_id: leader.person_id, competency_id },
      { self_rating: input.rating, self_note: input.note, self_on: today },
    );
    await recordAudit(trx, actor, 'rate-self', 'skill-rating', input);
  });
  return ratingNow(db, audit.id, leader.person_id, input.competency);
}

export async function validateRating(context: Context, input: ValidatedRatingInput): Promise<SkillRating> {
  const { db, actor, today } = context;
  requirePermission(actor, 'kpi:read');
  const { audit, leader } = await auditAndLeader(context, input.audit, input.person, validatesLeader, (l) =>
    actor.personId === l.person_id
      ? 'Your own ratings are validated by someone else'
      : `Your role does not let you validate ${l.name}'s ratings: the director, their area lead or a system leader supporting their school does`,
  );
  const competency_id = await competencyId(db, input.competency, false);
  // The validator as the leader knows them: their registry name where the account has one.
  const person =
    actor.personId === null
      ? undefined
      : await db
          .selectFrom('person')
          .select(['given_name', 'family_name'])
          .where('id', '=', actor.personId)
          .executeTakeFirst();
  const validator = person ? `${person.given_name} ${person.family_name}` : actor.name;
  await db.transaction().execute(async (trx) => {
    await writeRating(
      trx,
      { audit_id: audit.id, person_id: leader.person_id, competency_id },
      {
        validated_rating: input.rating,
        evidence: input.evidence,
        validator,
        validator_person_id: actor.personId,
        validated_on: today,
      },
    );
    await recordAudit(trx, actor, 'validate', 'skill-rating', input);
  });
  return ratingNow(db, audit.id, leader.person_id, input.competency);
}
