// Which schools are strong, for "strong schools that never gave": judged good or better at their latest
// inspection on the day, the best schools the principle says must give too. Not every school holding a
// strength (src/strengths/): nearly every school holds one in some practice area, which is the point of
// strengths, so the measure would become "schools that never gave" and say nothing the others do not.
import type { Db } from '../db/types.ts';
import { lastInspections } from '../inspections/queries.ts';
import type { Period } from '../kpi/periods.ts';
import type { StrongPairs } from './queries.ts';

/** The strong schools (by id) on a day, each with why in words. */
export async function strongSchools(db: Db, asOf: string): Promise<Map<number, string>> {
  const strong = new Map<number, string>();
  for (const [school, [latest]] of await lastInspections(db, asOf, 1))
    if (latest?.good_or_better)
      strong.set(school, `judged ${latest.overall.replaceAll('_', ' ')} (inspected ${latest.inspected_on})`);
  return strong;
}

/** The strong schools at each period's end, as the pairs the SQL reads. */
export async function strongPairs(db: Db, periods: Period[]): Promise<StrongPairs> {
  const pairs: StrongPairs = { periods: [], schoolIds: [] };
  for (const period of periods)
    for (const school of (await strongSchools(db, period.end)).keys()) {
      pairs.periods.push(period.id);
      pairs.schoolIds.push(school);
    }
  return pairs;
}
