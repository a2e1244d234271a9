// The brokering rules an authority sets: fit weights, days each kind of need takes, eligibility limits.
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Db } from '../db/types.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import { type NeedKind, needKinds } from './schema.ts';

const KEY = 'brokering';

const perKind = <T extends z.ZodTypeAny>(value: T) =>
  z.object(Object.fromEntries(needKinds.map((k) => [k, value])) as Record<NeedKind, T>);

export const BrokeringSettings = z.object({
  /** How much each part of fit counts; fit is their weighted mean, between 0 and 1. */
  weights: z.object({
    phase: z.number().min(0),
    strength: z.number().min(0),
    distance: z.number().min(0),
    track_record: z.number().min(0),
  }),
  /** Days a need of each kind is expected to take (a deployment agrees this many). */
  days: perKind(z.number().positive().max(200)),
  /** Weeks a deployment of each kind runs for. */
  weeks: perKind(z.number().int().positive().max(104)),
  /** Days funded for a designation with none recorded in the registry, and for a host school's head. */
  default_days_per_year: z.number().positive().max(200),
  /** Schools a leader supports at once. */
  max_schools: z.number().int().positive().max(20),
  /** Furthest a leader travels (km); null for no limit. Distance still counts in fit. */
  max_km: z.number().positive().nullable(),
  /** Distance at which the distance part of fit reaches 0. */
  distance_scale_km: z.number().positive(),
  /** When true nobody supports a school in their own trust. */
  exclude_own_trust: z.boolean(),
  /** A mentor must have been a head for at least this many years. */
  mentor_min_headship_years: z.number().min(0),
  /** Headship of a school for less than this many years counts as a new head. */
  new_head_years: z.number().positive(),
  /** Indicators whose change a deployment's impact is measured on (beside the need's own). */
  impact_indicators: z.array(z.string()),
  /** Seconds a match may take before it reports the best found and the proven gap. */
  time_limit_seconds: z.number().positive().max(600),
  /** HiGHS stops once the relative gap to its bound is below this. */
  mip_gap: z.number().min(0).max(0.5),
});
export type BrokeringSettings = z.infer<typeof BrokeringSettings>;

export const defaultBrokeringSettings: BrokeringSettings = {
  weights: { phase: 1, strength: 2, distance: 1, track_record: 1 },
  days: { headship_cover: 40, mentor: 6, nle: 20, lle: 12, practice: 4, professional_partner: 6 },
  weeks: { headship_cover: 26, mentor: 39, nle: 39, lle: 26, practice: 12, professional_partner: 26 },
  default_days_per_year: 10,
  max_schools: 3,
  max_km: null,
  distance_scale_km: 40,
  exclude_own_trust: true,
  mentor_min_headship_years: 3,
  new_head_years: 2,
  impact_indicators: ['attendance_rate', 'expected_standard_rate'],
  time_limit_seconds: 20,
  mip_gap: 1e-3,
};

export async function brokeringSettings(db: Db): Promise<BrokeringSettings> {
  const stored = (await readSetting<Partial<BrokeringSettings>>(db, KEY)) ?? {};
  return BrokeringSettings.parse({ ...defaultBrokeringSettings, ...stored });
}

/** The settings as a caller reads them (any brokering role). */
export async function viewBrokeringSettings(db: Db, actor: Actor): Promise<BrokeringSettings> {
  requirePermission(actor, 'brokering:read');
  return brokeringSettings(db);
}

/** Changes some of the settings (a whole-authority role); what is not named stays. */
export async function changeBrokeringSettings(
  db: Db,
  actor: Actor,
  change: Partial<BrokeringSettings>,
): Promise<BrokeringSettings> {
  requireWholeSystem(actor, 'brokering:write');
  const next = BrokeringSettings.parse({ ...(await brokeringSettings(db)), ...change });
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, KEY, next);
    await recordAudit(trx, actor, 'change', 'brokering-settings', change);
  });
  return next;
}
