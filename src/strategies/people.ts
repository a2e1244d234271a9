// Leads are registry people named by code; a code that names no one is the caller's mistake, said plainly.
import { sql } from 'kysely';
import { type Actor, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { personIdsByCode } from '../registry/lookups.ts';
import { personName } from '../registry/sql.ts';
import type { StrategyGroup } from './contract.ts';

/** The person id for a lead's code (null for none), or a 400 naming the field and the code. */
export async function leadId(db: Db, code: string | null | undefined, field: string): Promise<number | null> {
  if (code === null || code === undefined) return null;
  const id = (await personIdsByCode(db, [code])).get(code);
  if (id === undefined) throw new HeadwayError('invalid', `${field}: no person has the code "${code}"`);
  return id;
}

/** People to choose a lead from: name or code containing the text; codes and names only, nothing of their posts. */
export async function findPeople({ db, actor }: Context, text: string): Promise<StrategyGroup[]> {
  requirePermission(actor, 'strategies:read');
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('person as p')
    .select(['p.code', personName('p').as('name')])
    .where(sql<boolean>`(${personName('p')} ilike ${pattern} or p.code ilike ${pattern})`)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('p.code')
    .limit(20)
    .execute();
}

export type Person = { code: string; name: string } | null;

/** A person as `{code, name}` JSON (or null) from the `person` row under this alias. */
export function personJson(alias: string) {
  return sql<Person>`case when ${sql.ref(`${alias}.id`)} is null then null
    else json_build_object('code', ${sql.ref(`${alias}.code`)}, 'name', ${personName(alias)}) end`;
}

/**
 * Who the plan's log names for a change: the caller's registry name when their account is linked to a
 * person (as the leads are named everywhere on the plan), else the account's own name.
 */
export async function authorName(db: Db, actor: Actor): Promise<string> {
  if (actor.personId === null) return actor.name;
  const row = await db
    .selectFrom('person as p')
    .select(personName('p').as('name'))
    .where('p.id', '=', actor.personId)
    .executeTakeFirst();
  return row?.name ?? actor.name;
}
