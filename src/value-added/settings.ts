// Per-stage thresholds below which an outcome counts as "achieving very little" (low attainment).
import type { Db } from '../db/types.ts';

export const LOW_ATTAINMENT_KEY = 'low_attainment_below';

export async function lowAttainmentThresholds(db: Db): Promise<Record<string, number>> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', LOW_ATTAINMENT_KEY)
    .executeTakeFirst();
  return (row?.value as Record<string, number> | undefined) ?? {};
}

export async function lowAttainmentThreshold(db: Db, stage: string): Promise<number | null> {
  return (await lowAttainmentThresholds(db))[stage] ?? null;
}
