// The one place attention reads inspections: each school's latest outcome on a date, in the legacy
// grades' words whatever the framework (the inspections capability's outcome.ts says what a report card
// means), with safeguarding where the framework records it.
import type { Db } from '../db/types.ts';
import { isWeakLeadership } from '../inspections/outcome.ts';
import { lastInspections } from '../inspections/queries.ts';

export interface LatestInspection {
  inspected_on: string;
  /** The overall outcome: a legacy grade (outstanding, good, satisfactory, requires_improvement, inadequate). */
  outcome: string;
  category: 'special_measures' | 'serious_weaknesses' | null;
  /** Whether safeguarding was judged met; null where the inspection did not record it. */
  safeguarding_met: boolean | null;
  /** Leadership judged satisfactory or worse at this inspection and the one before. */
  leadership_weak_twice: boolean;
  leadership: string | null;
  previous_leadership: string | null;
  previous_inspected_on: string | null;
}

/**
 * Each school's latest inspection on or before the date, by the school's org unit id: the outcome in the
 * legacy grades' words, as the inspections capability reads any framework (a report card as its worst
 * area, inadequate when safeguarding is not met), and whether safeguarding was met where recorded.
 */
export async function latestInspections(db: Db, asOf: string): Promise<Map<number, LatestInspection>> {
  const latest = new Map<number, LatestInspection>();
  for (const [school, [last, previous]] of await lastInspections(db, asOf, 2)) {
    if (!last) continue;
    const safeguarding = last.graded.safeguarding;
    latest.set(school, {
      inspected_on: last.inspected_on,
      outcome: last.overall,
      category: last.category,
      safeguarding_met: safeguarding === null ? null : safeguarding === 'met',
      leadership_weak_twice:
        previous !== undefined && isWeakLeadership(last.leadership) && isWeakLeadership(previous.leadership),
      leadership: last.leadership,
      previous_leadership: previous?.leadership ?? null,
      previous_inspected_on: previous?.inspected_on ?? null,
    });
  }
  return latest;
}
