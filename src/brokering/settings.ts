// The brokering rules an authority sets: fit weights, days each kind of need takes, eligibility limits.
import { requirePermission, requireWholeSystem } from '../auth/actor.ts';
import { recordAudit } from '../auth/audit.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import { BrokeringSettings, type BrokeringSettingsChange } from './contract.ts';

const KEY = 'brokering';

export const defaultBrokeringSettings: BrokeringSettings = {
  weights: { phase: 1, strength: 2, distance: 1, track_record: 1 },
  days: {
    headship_cover: 40,
    mentor: 6,
    nle: 20,
    lle: 12,
    practice: 4,
    professional_partner: 6,
    npqh_internship: 10,
    leadership_placement: 10,
  },
  weeks: {
    headship_cover: 26,
    mentor: 39,
    nle: 39,
    lle: 26,
    practice: 12,
    professional_partner: 26,
    npqh_internship: 8,
    leadership_placement: 4,
  },
  default_days_per_year: 10,
  max_schools: 3,
  max_km: null,
  distance_scale_km: 40,
  exclude_own_trust: true,
  new_head_years: 2,
  impact_indicators: ['attendance_rate', 'expected_standard_rate'],
  time_limit_seconds: 20,
  mip_gap: 1e-3,
};

export async function brokeringSettings(db: Db): Promise<BrokeringSettings> {
  const stored = (await readSetting<Partial<BrokeringSettings>>(db, KEY)) ?? {};
  // Settings stored before a kind of need was added lack its days and weeks: those take the defaults.
  const { days, weeks, ...rest } = defaultBrokeringSettings;
  return BrokeringSettings.parse({
    ...rest,
    ...stored,
    days: { ...days, ...stored.days },
    weeks: { ...weeks, ...stored.weeks },
  });
}

/** The settings as a caller reads them (any brokering role). */
export async function viewBrokeringSettings(context: Context): Promise<BrokeringSettings> {
  requirePermission(context.actor, 'brokering:read');
  return brokeringSettings(context.db);
}

/** Changes some of the settings (a whole-authority role); what is not named stays. */
export async function changeBrokeringSettings(
  context: Context,
  change: BrokeringSettingsChange,
): Promise<BrokeringSettings> {
  const { db, actor } = context;
  requireWholeSystem(actor, 'brokering:write');
  const next = BrokeringSettings.parse({ ...(await brokeringSettings(db)), ...change });
  await db.transaction().execute(async (trx) => {
    await writeSetting(trx, KEY, next);
    await recordAudit(trx, actor, 'change', 'brokering-settings', change);
  });
  return next;
}
