// The give-and-receive totals of units and periods, for the KPI roll-up and the page: the strong schools
// of each period first, then one statement.
import type { Db } from '../db/types.ts';
import type { Period } from '../kpi/periods.ts';
import type { ResolvedUnits } from '../kpi/unit-totals.ts';
import { type GivingTotalsRow, givingTotalsQuery } from './queries.ts';
import { strongPairs } from './strong.ts';

export async function givingTotals(
  db: Db,
  units: ResolvedUnits,
  periods: Period[],
): Promise<GivingTotalsRow[]> {
  if (units.unitCodes.length === 0 || periods.length === 0) return [];
  const { rows } = await givingTotalsQuery(units, periods, await strongPairs(db, periods)).execute(db);
  return rows;
}
