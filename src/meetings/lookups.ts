// Codes to rows for the meetings capability: people (owners, chairs, attendees), units a challenge
// affects, and categories; each refusing an unknown code by name.
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { orgUnitsByCode, personIdsByCode } from '../registry/lookups.ts';

export async function personByCode(
  db: Db,
  code: string,
): Promise<{ id: number; code: string; name: string }> {
  const person = await db
    .selectFrom('person')
    .select(['id', 'code', 'given_name', 'family_name'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!person) throw new HeadwayError('invalid', `${code} is not a person in the registry`);
  return { id: person.id, code: person.code, name: `${person.given_name} ${person.family_name}` };
}

export async function personIds(db: Db, codes: string[]): Promise<number[]> {
  const ids = await personIdsByCode(db, codes);
  const unknown = codes.filter((c) => !ids.has(c));
  if (unknown.length) throw new HeadwayError('invalid', `not people in the registry: ${unknown.join(', ')}`);
  return codes.map((c) => ids.get(c) as number);
}

export async function unitIdsByCode(db: Db, codes: string[]): Promise<number[]> {
  const units = await orgUnitsByCode(db, codes);
  const unknown = codes.filter((c) => !units.has(c));
  if (unknown.length) throw new HeadwayError('invalid', `units: no school or area ${unknown.join(', ')}`);
  return [...new Set(codes)].map((c) => units.get(c)?.id as number);
}

export async function requireCategory(db: Db, code: string): Promise<void> {
  const categories = await db
    .selectFrom('challenge_category')
    .select(['code', 'retired'])
    .orderBy('position')
    .execute();
  const category = categories.find((c) => c.code === code);
  if (!category || category.retired)
    throw new HeadwayError(
      'invalid',
      `category: "${code}" is not ${category ? 'in use any more' : 'a category'} (use one of ${categories
        .filter((c) => !c.retired)
        .map((c) => c.code)
        .join(', ')})`,
    );
}
