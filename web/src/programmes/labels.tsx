// The programmes pages' words for the API's codes, and the links between the pages.
import { NavLink } from 'react-router';
import type { Participant, Programme } from '../../../src/programmes/contract.ts';

export const outcomeNames: Record<Participant['outcome'], string> = {
  promoted: 'Promoted',
  waiting: 'Completed, within the years',
  not_promoted: 'Not promoted in the years',
  in_progress: 'In progress',
  withdrawn: 'Withdrawn',
  not_applicable: 'Already a head',
};

export const placementNames: Record<NonNullable<Programme['placement']>, string> = {
  npqh_internship: 'NPQH internship',
  leadership_placement: 'Associate head placement',
};

const roleNames: Record<string, string> = {
  headteacher: 'Headteacher',
  executive_headteacher: 'Executive head',
  acting_headteacher: 'Acting head',
  interim_headteacher: 'Interim head',
  deputy_headteacher: 'Deputy head',
  assistant_headteacher: 'Assistant head',
  teacher: 'Teacher',
};
/** A post's role in words (the registry's code when it has none here). */
export const roleName = (role: string | null) =>
  role ? (roleNames[role] ?? role.replaceAll('_', ' ')) : '—';

/** "2 of 3 (67%)": promoted of those whose outcome is known; heads at entry have none to know. */
export function promotedShare(o: {
  participants: number;
  counts: { promoted: number; not_promoted: number; not_applicable: number };
  promoted_rate: number | null;
}) {
  const known = o.counts.promoted + o.counts.not_promoted;
  if (o.promoted_rate !== null)
    return `${o.counts.promoted} of ${known} (${Math.round(o.promoted_rate * 100)}%)`;
  return o.participants > 0 && o.counts.not_applicable === o.participants
    ? 'heads already'
    : 'none known yet';
}

export function ProgrammesNav() {
  return (
    <nav className="subnav" aria-label="Programmes">
      <NavLink to="/programmes" end>
        Programmes and cohorts
      </NavLink>
      <NavLink to="/programmes/placements">Placements</NavLink>
      <NavLink to="/programmes/growing-own">Growing your own</NavLink>
    </nav>
  );
}
