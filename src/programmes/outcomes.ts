// A participant's outcome from what the posts say (lists.ts's `outcomes`), and a group's summary.

import type { OutcomeSummary, Participant } from './contract.ts';
import type { Outcome } from './lists.ts';
import type { ParticipantRow } from './queries.ts';

/** The day `years` after a date (29 February falls to 28 February in a year without one). */
export function yearsAfter(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
  if (target.getUTCMonth() !== d.getUTCMonth()) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export function outcomeOf(row: ParticipantRow, asOf: string, years: number): Outcome {
  if (row.promoted_on) return 'promoted';
  if (row.status === 'withdrawn') return 'withdrawn';
  if (row.entry_rank >= 3) return 'not_applicable';
  if (row.status === 'enrolled' || !row.completed_on) return 'in_progress';
  return yearsAfter(row.completed_on, years) > asOf ? 'waiting' : 'not_promoted';
}

export function participantOf(row: ParticipantRow, asOf: string, years: number): Participant {
  return {
    id: row.id,
    person: row.person,
    name: row.name,
    school: row.school,
    school_name: row.school_name,
    area: row.area,
    post_role: row.post_role,
    status: row.status,
    completed_on: row.completed_on,
    placement_days: row.placement_days,
    outcome: outcomeOf(row, asOf, years),
    outcome_post:
      row.promoted_role && row.promoted_school && row.promoted_on
        ? {
            role: row.promoted_role,
            school: row.promoted_school,
            school_name: row.promoted_school_name ?? row.promoted_school,
            starts_on: row.promoted_on,
          }
        : null,
    placement:
      row.host_school && row.placement_days_agreed !== null
        ? {
            host_school: row.host_school,
            host_school_name: row.host_school_name ?? row.host_school,
            host_name: row.host_name ?? '',
            days: row.placement_days_agreed,
          }
        : null,
  };
}

export function summarise(
  outcomes: Outcome[],
  statuses: Participant['status'][],
  years: number,
): OutcomeSummary {
  const counts = {
    promoted: 0,
    waiting: 0,
    not_promoted: 0,
    in_progress: 0,
    withdrawn: 0,
    not_applicable: 0,
  } satisfies Record<Outcome, number>;
  for (const o of outcomes) counts[o] += 1;
  const known = counts.promoted + counts.not_promoted;
  return {
    participants: outcomes.length,
    completed: statuses.filter((s) => s === 'completed').length,
    withdrawn: statuses.filter((s) => s === 'withdrawn').length,
    counts,
    promoted_rate: known === 0 ? null : Math.round((counts.promoted / known) * 1000) / 1000,
    years,
  };
}
