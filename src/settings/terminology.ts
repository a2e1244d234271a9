// The words an authority uses for its own structure ("LGEA" and "Education Secretary" rather than
// "area" and "area lead"), kept in the database and shown by the web app.
import { requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { readSetting, writeSetting } from './store.ts';
import { defaultTerms, type Terms } from './terms.ts';

const KEY = 'terminology';

export async function getTerms(db: Db): Promise<Terms> {
  return { ...defaultTerms, ...((await readSetting<Partial<Terms>>(db, KEY)) ?? {}) };
}

/** Changes some words; a plural left out follows its singular ("LGEA" gives "LGEAs"). */
export async function setTerms(context: Context, change: Partial<Terms>): Promise<Terms> {
  const { db, actor } = context;
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
