// The period a page, pack or watchlist shows when none is asked for: the latest month with any data.
import type { Context } from '../context.ts';
import { computedOnce } from '../db/figures-cache.ts';
import { latestMonth } from './queries.ts';

export async function periodOrLatest(context: Context, period: string | undefined): Promise<string> {
  const { db } = context;
  return (
    period ?? (await computedOnce(db, 'latest month', () => latestMonth(db))) ?? context.today.slice(0, 7)
  );
}
