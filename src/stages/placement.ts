// Every open school placed at a stage on a date by the rules in force: read today for the pages and the
// brokering rules, and at each term's end when the history is recorded.
import type { Settings } from '../config.ts';
import { computedOnce } from '../db/figures-cache.ts';
import type { Db } from '../db/types.ts';
import { type StoredRules, storedRules } from './definitions.ts';
import { schoolsWithFacts } from './facts.ts';
import { placeSchool } from './rules.ts';

export interface PlacedStage {
  id: number;
  code: string;
  name: string;
  area: string | null;
  area_name: string | null;
  stage: string;
  rule: number;
  reasons: string[];
}

/** Each open school's stage on the date, by the stored rules; once per data version and date. */
export function placedOn(
  db: Db,
  settings: Settings,
  asOf: string,
): Promise<{ rules: StoredRules; schools: PlacedStage[] }> {
  return computedOnce(db, `stages ${asOf} ${settings.academicYearStart}`, async () => {
    const [rules, schools] = await Promise.all([storedRules(db), schoolsWithFacts(db, settings, asOf)]);
    return {
      rules,
      schools: schools.map(({ facts, ...school }) => ({ ...school, ...placeSchool(facts, rules.rules) })),
    };
  });
}
