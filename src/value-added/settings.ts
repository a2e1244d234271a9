// Per-stage thresholds below which an outcome counts as "achieving very little" (low attainment).
import type { Db } from '../db/types.ts';
import { readSetting } from '../settings/store.ts';

export const LOW_ATTAINMENT_KEY = 'low_attainment_below';

export async function lowAttainmentThresholds(db: Db): Promise<Record<string, number>> {
  return (await readSetting<Record<string, number>>(db, LOW_ATTAINMENT_KEY)) ?? {};
}

export async function lowAttainmentThreshold(db: Db, stage: string): Promise<number | null> {
  return (await lowAttainmentThresholds(db))[stage] ?? null;
}
