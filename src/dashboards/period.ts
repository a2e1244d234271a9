// The period a dashboard shows when none is asked for: the latest month with any data.
import type { Db } from '../db/types.ts';

export async function latestMonth(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('data_value')
    .select((eb) => eb.fn.max('month').as('month'))
    .executeTakeFirst();
  return row?.month ? String(row.month).slice(0, 7) : null;
}

export async function periodOrLatest(db: Db, period: string | undefined): Promise<string> {
  return period ?? (await latestMonth(db)) ?? new Date().toISOString().slice(0, 7);
}
