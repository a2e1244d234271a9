// The one place attention reads inspections: each school's latest outcome on a date. Inspections are
// moving to report cards in their own capability; only this function needs to follow them.
import { sql } from 'kysely';
import type { Db } from '../db/types.ts';

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

const weakLeadership = new Set(['satisfactory', 'requires_improvement', 'inadequate']);

/** Each school's last two inspections up to the date, latest first (the SQL under latestInspections). */
export function lastTwoInspectionsBySchool(asOf: string) {
  return sql<{
    school_id: number;
    inspected_on: string;
    overall: string;
    leadership: string | null;
    category: string | null;
    n: number;
  }>`
    select school_id, to_char(inspected_on, 'YYYY-MM-DD') as inspected_on, overall, leadership, category, n from (
      select i.*, row_number() over (partition by school_id order by inspected_on desc) as n
      from inspection i where inspected_on <= ${asOf}
    ) ranked where n <= 2 order by school_id, n`;
}

/** Each school's latest inspection on or before the date, by the school's org unit id. */
export async function latestInspections(db: Db, asOf: string): Promise<Map<number, LatestInspection>> {
  const { rows } = await lastTwoInspectionsBySchool(asOf).execute(db);
  const latest = new Map<number, LatestInspection>();
  for (const row of rows) {
    const seen = latest.get(row.school_id);
    if (Number(row.n) === 1) {
      latest.set(row.school_id, {
        inspected_on: row.inspected_on,
        outcome: row.overall,
        category: row.category as LatestInspection['category'],
        safeguarding_met: null,
        leadership_weak_twice: false,
        leadership: row.leadership,
        previous_leadership: null,
        previous_inspected_on: null,
      });
    } else if (seen) {
      seen.previous_leadership = row.leadership;
      seen.previous_inspected_on = row.inspected_on;
      seen.leadership_weak_twice =
        weakLeadership.has(seen.leadership ?? '') && weakLeadership.has(row.leadership ?? '');
    }
  }
  return latest;
}
