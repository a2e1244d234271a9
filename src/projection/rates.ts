// The projection's rates: an installation setting (key `projection`), shipped with these defaults and
// set by a role held for the whole authority (`PUT /projection/rates`, audited).
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import { ProjectionRates } from './contract.ts';

const KEY = 'projection';

/**
 * Defaults: heads leave more often the longer they have led (years in post stands in for age, which the
 * registry does not hold); an NPQH holder is likelier to apply than a deputy, a deputy than an assistant.
 */
const defaultRates: ProjectionRates = {
  leaving: [
    { from_years: 0, rate: 0.06 },
    { from_years: 5, rate: 0.08 },
    { from_years: 10, rate: 0.12 },
    { from_years: 15, rate: 0.2 },
  ],
  conversion: { npqh: 0.15, deputy_head: 0.06, assistant_head: 0.02 },
  low: 0.8,
  high: 1.25,
  method: 'rates',
};

export async function projectionRates(db: Db): Promise<ProjectionRates> {
  const stored = await readSetting<Partial<ProjectionRates>>(db, KEY);
  return ProjectionRates.parse({ ...defaultRates, ...stored });
}

export async function viewProjectionRates(context: Context): Promise<ProjectionRates> {
  requirePermission(context.actor, 'brokering:read');
  return projectionRates(context.db);
}

export async function setProjectionRates(context: Context, rates: ProjectionRates): Promise<ProjectionRates> {
  requireWholeSystem(context.actor, 'brokering:write');
  const before = await projectionRates(context.db);
  await context.db.transaction().execute(async (trx) => {
    await writeSetting(trx, KEY, rates);
    await recordAudit(trx, context.actor, 'change', 'projection-rates', { before, after: rates });
  });
  return projectionRates(context.db);
}
