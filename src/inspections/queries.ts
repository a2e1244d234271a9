// Reading inspections for every school at once: each school's latest few up to a date, as graded and
// as the legacy grades' words (outcome.ts), for brokering's rules and the area pack.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';
import {
  type GradedInspection,
  isGoodOrBetter,
  type LegacyOutcome,
  legacyOutcome,
  loadFrameworks,
} from './outcome.ts';

export interface InspectionOutcome extends LegacyOutcome {
  inspected_on: string;
  framework: string;
  good_or_better: boolean;
  /** As graded: a report card's areas, safeguarding. */
  graded: GradedInspection;
}

/** Each school's latest `count` inspections up to the date, latest first. */
export function lastInspectionsQuery(asOf: string, count: number) {
  return sql<GradedInspection & { school_id: number; inspected_on: string }>`
    select school_id, inspected_on, framework, overall, leadership, category, grades, safeguarding from (
      select i.*, row_number() over (partition by school_id order by inspected_on desc) as n
      from inspection i where inspected_on <= ${asOf}
    ) ranked where n <= ${count} order by school_id, inspected_on desc`;
}

/** Each school's (by id) latest `count` inspections up to the date, latest first, with what they mean. */
export async function lastInspections(
  db: Db,
  asOf: string,
  count: number,
): Promise<Map<number, InspectionOutcome[]>> {
  const [{ rows }, frameworks] = await Promise.all([
    lastInspectionsQuery(asOf, count).execute(db),
    loadFrameworks(db),
  ]);
  const bySchool = new Map<number, InspectionOutcome[]>();
  for (const { school_id, inspected_on, ...graded } of rows) {
    const framework = frameworks.get(graded.framework);
    if (!framework) continue;
    const outcome: InspectionOutcome = {
      inspected_on,
      framework: graded.framework,
      ...legacyOutcome(graded, framework),
      good_or_better: isGoodOrBetter(graded, framework),
      graded,
    };
    bySchool.set(school_id, [...(bySchool.get(school_id) ?? []), outcome]);
  }
  return bySchool;
}
