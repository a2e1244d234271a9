// Leads are registry people named by code; a code that names no one is the caller's mistake, said plainly.
import type { Db } from '../db/types.ts';
import { HeadwayError } from '../errors.ts';
import { personIdsByCode } from '../registry/lookups.ts';

/** The person id for a lead's code (null for none), or a 400 naming the field and the code. */
export async function leadId(db: Db, code: string | null | undefined, field: string): Promise<number | null> {
  if (code === null || code === undefined) return null;
  const id = (await personIdsByCode(db, [code])).get(code);
  if (id === undefined) throw new HeadwayError('invalid', `${field}: no person has the code "${code}"`);
  return id;
}
