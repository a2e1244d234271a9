// The words an authority uses for its own structure ("LGEA" and "Education Secretary" rather than
// "area" and "area lead"), kept in the database and shown by the web app.
import { z } from 'zod';
import { type Actor, requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Db } from '../db/types.ts';
import { readSetting, writeSetting } from './store.ts';
import { defaultTerms, type Terms, termKeys } from './terms.ts';

export const TermsChange = z
  .object(Object.fromEntries(termKeys.map((k) => [k, z.string().trim().min(1).max(60).optional()])))
  .strict();

const KEY = 'terminology';

export async function getTerms(db: Db): Promise<Terms> {
  return { ...defaultTerms, ...((await readSetting<Partial<Terms>>(db, KEY)) ?? {}) };
}

/** Changes some words; a plural left out follows its singular ("LGEA" gives "LGEAs"). */
export async function setTerms(db: Db, actor: Actor, change: Partial<Terms>): Promise<Terms> {
  requirePermission(actor, 'users:admin');
  const current = await getTerms(db);
  const next = { ...current, ...change };
  if (change.area && !change.areas) next.areas = `${change.area}s`;
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, KEY, next);
    await recordAudit(trx, actor, 'set_terminology', 'setting', change);
  });
  return next;
}
