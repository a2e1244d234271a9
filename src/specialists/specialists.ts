// Specialist system leaders: listed within the caller's scope with their capacity and days free, and
// recorded or edited by the director (any school) or an area lead (a school of their area), every
// write audited. A specialist is a designation (the registry's), so they join the brokering pool with
// their days, commitments and specialisms as any designated leader does.
import { sql } from 'kysely';
import { type Actor, canSee, requirePermission, visibleUnits } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { orgUnitsByCode } from '../registry/lookups.ts';
import type {
  RecordSpecialist,
  Specialist,
  SpecialistChange,
  SpecialistKind,
  SpecialistPage,
  SpecialistQuery,
} from './contract.ts';
import { familyOfKind, type SpecialismFamily, specialistKinds } from './lists.ts';
import { type SpecialistSelection, specialistsQuery } from './queries.ts';

const whoMayRecord =
  'The director records and edits specialists at any school; an area lead at the schools of their area. Adding to the specialisms catalogue needs a whole-authority broker.';

function selection(context: Context, query: Partial<SpecialistQuery>): SpecialistSelection {
  const { actor, today } = context;
  requirePermission(actor, 'brokering:read');
  if (query.area && !canSee(actor, query.area)) throw notFound(`Area ${query.area}`);
  const sort = query.sort ?? 'name';
  const pageSize = query.page_size ?? 50;
  return {
    scope: visibleUnits(actor),
    today,
    specialism: query.specialism,
    area: query.area,
    trust: query.trust,
    kind: query.kind,
    minFree: query.min_free,
    q: query.q || undefined,
    ended: query.ended === 'true',
    sort,
    descending: query.order ? query.order === 'desc' : sort === 'free',
    limit: pageSize,
    offset: ((query.page ?? 1) - 1) * pageSize,
  };
}

const withoutTotal = ({ total: _total, ...row }: Specialist & { total: number }): Specialist => row;

/** A page of the specialists at the schools the caller sees, filtered and sorted in the database. */
export async function listSpecialists(context: Context, query: SpecialistQuery): Promise<SpecialistPage> {
  const s = selection(context, query);
  const { rows } = await specialistsQuery(s).execute(context.db);
  return {
    total: rows[0]?.total ?? 0,
    page: query.page ?? 1,
    page_size: s.limit ?? 50,
    specialists: rows.map(withoutTotal),
    who_may_record: whoMayRecord,
    may_record: context.actor.permissions.has('brokering:write'),
  };
}

/**
 * Every current specialist of a trust's or an area's schools (or of all the caller sees), for pages
 * that show a group's own specialists (the trust page). Scope applies: schools outside it are left out.
 */
export async function specialistsOf(
  context: Context,
  filter: { trust?: string; area?: string } = {},
): Promise<Specialist[]> {
  const s = { ...selection(context, { ...filter, sort: 'name' }), limit: null, offset: 0 };
  const { rows } = await specialistsQuery(s).execute(context.db);
  return rows.map(withoutTotal);
}

async function specialistById(context: Context, id: number): Promise<Specialist> {
  const s = { ...selection(context, { sort: 'name', ended: 'true' }), id, limit: 1, offset: 0 };
  const [row] = (await specialistsQuery(s).execute(context.db)).rows;
  if (!row) throw notFound(`Specialist ${id}`);
  return withoutTotal(row);
}

/** The school named, in the caller's scope (404 outside it: its existence is not confirmed). */
async function schoolFor(db: Db, actor: Actor, code: string): Promise<number> {
  if (!canSee(actor, code)) throw notFound(`School ${code}`);
  const unit = (await orgUnitsByCode(db, [code])).get(code);
  if (!unit) throw notFound(`School ${code}`);
  if (unit.level !== 'school') throw new HeadwayError('invalid', `school: ${code} is not a school`);
  return unit.id;
}

/** Every specialism named is in the catalogue, not retired, and of the family the designation lists. */
async function checkSpecialisms(db: Db, codes: string[], family: SpecialismFamily): Promise<string[]> {
  const unique = [...new Set(codes)];
  const rows = await db
    .selectFrom('specialism')
    .select(['code', 'name', 'family', 'retired'])
    .where('code', 'in', unique.length > 0 ? unique : [''])
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  for (const code of unique) {
    const known = byCode.get(code);
    if (!known)
      throw new HeadwayError('invalid', `specialisms: "${code}" is not in the specialisms catalogue`);
    if (known.retired) throw new HeadwayError('invalid', `specialisms: ${known.name} is retired`);
    if (known.family !== family)
      throw new HeadwayError(
        'invalid',
        `specialisms: ${known.name} is a ${known.family} specialism; this designation lists ${family} ones`,
      );
  }
  return unique;
}

/** A person code for someone new: SP and the next free number. */
async function nextPersonCode(db: Db): Promise<string> {
  const { rows } = await sql<{ n: number | null }>`
    select max(substring(code from 3)::int) as n from person where code ~ '^SP[0-9]{6}$'`.execute(db);
  return `SP${String((rows[0]?.n ?? 0) + 1).padStart(6, '0')}`;
}

/** Records a specialist: an existing person or a new one, their designation with its specialisms and school. */
export async function recordSpecialist(context: Context, input: RecordSpecialist): Promise<Specialist> {
  const { db, actor, today } = context;
  requirePermission(actor, 'brokering:write');
  const schoolId = await schoolFor(db, actor, input.school);
  const specialisms = await checkSpecialisms(db, input.specialisms, familyOfKind[input.kind]);
  const startsOn = input.starts_on ?? today;
  if (input.ends_on && input.ends_on < startsOn)
    throw new HeadwayError('invalid', `ends_on: ${input.ends_on} is before the start, ${startsOn}`);
  const id = await db.transaction().execute(async (trx) => {
    let personId: number;
    let personCode: string;
    if (input.person) {
      const person = await trx
        .selectFrom('person')
        .select(['id', 'code'])
        .where('code', '=', input.person)
        .executeTakeFirst();
      if (!person) throw notFound(`Person ${input.person}`);
      personId = person.id;
      personCode = person.code;
      const held = await trx
        .selectFrom('designation')
        .select('id')
        .where('person_id', '=', personId)
        .where('kind', '=', input.kind)
        .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', startsOn)]))
        .executeTakeFirst();
      if (held)
        throw new HeadwayError(
          'conflict',
          `${input.person} holds this designation already (specialist ${held.id}): edit it instead`,
        );
    } else {
      const fresh = input.new_person as NonNullable<RecordSpecialist['new_person']>;
      personCode = await nextPersonCode(trx);
      personId = (
        await trx
          .insertInto('person')
          .values({
            code: personCode,
            given_name: fresh.given_name,
            family_name: fresh.family_name,
            email: fresh.email ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    const row = await trx
      .insertInto('designation')
      .values({
        person_id: personId,
        kind: input.kind,
        starts_on: startsOn,
        ends_on: input.ends_on ?? null,
        days_per_year: input.days_per_year ?? null,
        accredited_on: input.accredited_on ?? null,
        specialisms,
        school_id: schoolId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'record', 'specialist', {
      id: row.id,
      person: personCode,
      new_person: !input.person,
      kind: input.kind,
      specialisms,
      school: input.school,
    });
    return row.id;
  });
  return specialistById(context, id);
}

/** Changes a specialist's designation: specialisms, school, days, accreditation, end. */
export async function changeSpecialist(
  context: Context,
  id: number,
  change: SpecialistChange,
): Promise<Specialist> {
  const { db, actor } = context;
  requirePermission(actor, 'brokering:write');
  // Outside the caller's scope the designation is not found (the list's own scope check).
  const before = await specialistById(context, id);
  if (!before.school && !actor.scope.all) throw notFound(`Specialist ${id}`);
  const kind = before.kind as SpecialistKind;
  const family: SpecialismFamily = specialistKinds.includes(kind) ? familyOfKind[kind] : 'teaching';
  const specialisms = change.specialisms ? await checkSpecialisms(db, change.specialisms, family) : undefined;
  if (specialisms?.length === 0 && specialistKinds.includes(kind))
    throw new HeadwayError('invalid', 'specialisms: a specialist lists at least one specialism');
  const schoolId = change.school ? await schoolFor(db, actor, change.school) : undefined;
  const endsOn = change.ends_on;
  if (endsOn && endsOn < before.starts_on)
    throw new HeadwayError('invalid', `ends_on: ${endsOn} is before the start, ${before.starts_on}`);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('designation')
      .set({
        ...(specialisms && { specialisms }),
        ...(schoolId !== undefined && { school_id: schoolId }),
        ...(change.days_per_year !== undefined && { days_per_year: change.days_per_year }),
        ...(change.accredited_on !== undefined && { accredited_on: change.accredited_on }),
        ...(endsOn !== undefined && { ends_on: endsOn }),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, actor, 'change', 'specialist', { id, person: before.person, change });
  });
  return specialistById(context, id);
}
