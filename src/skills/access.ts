// Who may see and rate whom in a skills audit. A leader sees and rates themselves; by name, the others
// are those whose role lets them see programme participants (the director, an area lead, a head) or who
// support the leader's school as a system leader, within their scope; validating is for the director,
// the area lead and a supporting system leader, never a head and never oneself. The analyst reads the
// aggregate heat map only.
import type { Actor } from '../auth/actor.ts';
import { canSee } from '../auth/actor.ts';

const validatingRoles = new Set(['admin', 'director', 'area_lead', 'system_leader']);

interface LeaderPlace {
  person_id: number;
  /** The code of the school they led at when the audit opened. */
  school: string | null;
}

const isSelf = (actor: Actor, leader: LeaderPlace) =>
  actor.personId !== null && actor.personId === leader.person_id;

/** In scope: a school the caller sees by name, or, for a leader at no school, the whole authority. */
const inScope = (actor: Actor, school: string | null) =>
  actor.scope.all || (school !== null && canSee(actor, school));

export function seesLeader(actor: Actor, leader: LeaderPlace): boolean {
  if (isSelf(actor, leader)) return true;
  const byRole =
    actor.permissions.has('programmes:read') || actor.grants.some((g) => g.role === 'system_leader');
  return byRole && inScope(actor, leader.school);
}

export function validatesLeader(actor: Actor, leader: LeaderPlace): boolean {
  if (isSelf(actor, leader)) return false;
  // The installation's operator (the CLI, an import) holds no grant but acts for the whole authority.
  if (actor.grants.length === 0) return actor.scope.all && actor.permissions.has('programmes:write');
  return actor.grants.some((g) => validatingRoles.has(g.role)) && inScope(actor, leader.school);
}

/** May the caller see anyone by name at all (the analyst and a viewer may not)? */
export function namesAnyone(actor: Actor): boolean {
  return (
    actor.personId !== null ||
    actor.permissions.has('programmes:read') ||
    actor.grants.some((g) => g.role === 'system_leader')
  );
}
