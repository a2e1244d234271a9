// The projection's rates: an installation setting (key `projection`), shipped with these defaults and
// set by a role held for the whole authority (`PUT /projection/rates`, audited).
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import { type PipelineKind, ProjectionRates, pipelineKinds, type RatesChange } from './contract.ts';

const KEY = 'projection';

/**
 * Defaults: heads leave more often the longer they have led (years in post stands in for age, which the
 * registry does not hold); an associate head (who has deputised for a head elsewhere) is likeliest to take
 * up a headship, then an NPQH holder, a deputy, an aspiring leader on or lately off a programme, an assistant.
 */
const defaultRates: ProjectionRates = {
  leaving: [
    { from_years: 0, rate: 0.06 },
    { from_years: 5, rate: 0.08 },
    { from_years: 10, rate: 0.12 },
    { from_years: 15, rate: 0.2 },
  ],
  conversion: { associate_head: 0.25, npqh: 0.15, deputy_head: 0.06, aspiring: 0.04, assistant_head: 0.02 },
  low: 0.8,
  high: 1.25,
  method: 'rates',
};

export async function projectionRates(db: Db): Promise<ProjectionRates> {
  const stored = await readSetting<Partial<ProjectionRates>>(db, KEY);
  // Rates stored before a group was added take its default.
  return ProjectionRates.parse({
    ...defaultRates,
    ...stored,
    conversion: { ...defaultRates.conversion, ...stored?.conversion },
  });
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

const groupWords: Record<PipelineKind, string> = {
  associate_head: 'associate heads',
  npqh: 'NPQH holders',
  deputy_head: 'deputy heads',
  aspiring: 'aspiring leaders',
  assistant_head: 'assistant heads',
};
const percent = (rate: number | undefined) =>
  rate === undefined ? 'unset' : `${Math.round(rate * 1000) / 10}%`;
const bandWords = (bands: ProjectionRates['leaving'] | undefined) =>
  (bands ?? []).map((b) => `${b.from_years}+ years ${percent(b.rate)}`).join(', ');

/** What one change did, in words: each rate that differs, before → after. */
function changeWords(before: Partial<ProjectionRates>, after: Partial<ProjectionRates>): string[] {
  const out: string[] = [];
  if (JSON.stringify(before.leaving) !== JSON.stringify(after.leaving))
    out.push(`Leaving by years in post: ${bandWords(before.leaving)} → ${bandWords(after.leaving)}`);
  for (const kind of pipelineKinds) {
    const [was, now] = [before.conversion?.[kind], after.conversion?.[kind]];
    if (was !== now) out.push(`${groupWords[kind]}: ${percent(was)} → ${percent(now)}`);
  }
  if (before.low !== after.low) out.push(`Low scenario factor: ${before.low} → ${after.low}`);
  if (before.high !== after.high) out.push(`High scenario factor: ${before.high} → ${after.high}`);
  if (before.method !== after.method) out.push(`Method: ${before.method} → ${after.method}`);
  return out.length > 0 ? out : ['Saved with no change'];
}

export async function ratesChanges(context: Context): Promise<{ changes: RatesChange[] }> {
  requirePermission(context.actor, 'brokering:read');
  const rows = await context.db
    .selectFrom('audit_event')
    .select(['at', 'actor', 'details'])
    .where('entity', '=', 'projection-rates')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return {
    changes: rows.map((r) => {
      const details = r.details as { before?: Partial<ProjectionRates>; after?: Partial<ProjectionRates> };
      return {
        at: r.at.toISOString(),
        by: r.actor,
        changed: changeWords(details.before ?? {}, details.after ?? {}),
      };
    }),
  };
}
