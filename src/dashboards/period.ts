// The period a dashboard shows when none is asked for: the latest month with any data.

import { today } from '../clock.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { latestMonth } from '../kpi/queries.ts';

export async function periodOrLatest(db: Db, period: string | undefined): Promise<string> {
  return period ?? (await computedOnce(db, 'latest month', () => latestMonth(db))) ?? today().slice(0, 7);
}
