// Who is asking, what their roles let them do, and where. Every domain function takes the actor first
// and checks it first, so no caller can forget. A signed-in user's roles are held at org units: the
// units beneath those (their scope) are what they may see by name; the units above are what they may
// compare with (aggregates only). A role may also be held at a trust or federation: its member schools
// are then the scope, and the units above them the comparisons. The CLI and the demo loader act as an
// operator of the installation.
import { HeadwayError, notFound } from '../errors.ts';
import type { Grant, Role } from './contract.ts';

export type Permission =
  | 'registry:read'
  | 'registry:write'
  | 'kpi:read'
  | 'kpi:write'
  | 'users:admin'
  | 'audit:read'
  /** Meetings, the challenges log and actions: read by every role, written by those who lead. */
  | 'meetings:read'
  | 'meetings:write'
  /** Support brokering: needs, the match, deployments and impact; system leaders read and log their own days. */
  | 'brokering:read'
  | 'brokering:write'
  /** Strategies: every role reads those whose scope includes it; the director sets them up (leads update their own items). */
  | 'strategies:read'
  | 'strategies:write'
  /** Pseudonymised pupil rows: seen only by these roles, and every view is audited. */
  | 'pupils:read'
  | 'pupils:write'
  /** Supervision visits: every role reads those to schools in its scope; the director and area leads record them. */
  | 'visits:read'
  | 'visits:write'
  /** Programme participants by name (director, area lead: their area's; head: their own staff); placements and imports by the director. */
  | 'programmes:read'
  | 'programmes:write'
  /** Governing boards by name (director, area lead: their area's; head: their own school's board); record members and training. */
  | 'governance:read'
  | 'governance:write'
  /** Set up boards and their places, and record succession plans: the director, an area lead in their area. */
  | 'governance:manage';

const read: Permission[] = [
  'registry:read',
  'kpi:read',
  'meetings:read',
  'brokering:read',
  'strategies:read',
  'visits:read',
];

const governance: Permission[] = ['governance:read', 'governance:write', 'governance:manage'];

/** What each role may do; where is the scope of the unit the role is held at. */
const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [
    ...read,
    'registry:write',
    'kpi:write',
    'meetings:write',
    'brokering:write',
    'strategies:write',
    'users:admin',
    'audit:read',
    'pupils:read',
    'pupils:write',
    'visits:write',
    'programmes:read',
    'programmes:write',
    ...governance,
  ],
  director: [
    ...read,
    'kpi:write',
    'meetings:write',
    'brokering:write',
    'strategies:write',
    'visits:write',
    'programmes:read',
    'programmes:write',
    ...governance,
  ],
  // programmes:write: an area lead enrols people from their schools; the rest of programmes is whole-authority.
  area_lead: [
    ...read,
    'meetings:write',
    'brokering:write',
    'visits:write',
    'programmes:read',
    'programmes:write',
    ...governance,
  ],
  headteacher: [
    ...read,
    'meetings:write',
    'pupils:read',
    'programmes:read',
    'governance:read',
    'governance:write',
  ],
  system_leader: read,
  analyst: [...read, 'registry:write', 'kpi:write', 'pupils:read', 'pupils:write'],
  viewer: read,
};

/** The roles that may be held at a trust or federation: those that lead or read across a group of schools. */
export const groupRoles = ['director', 'viewer', 'analyst'] as const satisfies readonly Role[];

interface Scope {
  /** The whole system: a role held at the top of the tree. */
  all: boolean;
  /** Codes of the org units (any level) at or beneath a unit the actor holds a role at. */
  units: ReadonlySet<string>;
  /** Codes of the units above those: visible as aggregates to compare with, never their schools by name. */
  comparisons: ReadonlySet<string>;
  /** Codes of the trusts and federations the actor holds a role at (their overview pages). */
  groups: ReadonlySet<string>;
}

export interface Actor {
  /** Shown in the audit log. */
  name: string;
  userId: number | null;
  /** The registry person the account belongs to: who owns challenges and actions ("my actions"). */
  personId: number | null;
  grants: readonly Grant[];
  permissions: ReadonlySet<Permission>;
  scope: Scope;
}

const everything = new Set<Permission>(Object.values(rolePermissions).flat());
const wholeSystem: Scope = { all: true, units: new Set(), comparisons: new Set(), groups: new Set() };

export function operator(name: string): Actor {
  return { name, userId: null, personId: null, grants: [], permissions: everything, scope: wholeSystem };
}

export function permissionsOf(grants: readonly Grant[]): Set<Permission> {
  return new Set(grants.flatMap((g) => rolePermissions[g.role]));
}

/** What each permission lets a person do, in the words a refusal uses ("does not let you …"). */
export const permissionWords: Record<Permission, string> = {
  'registry:read': 'see the schools and people in the registry',
  'registry:write': 'import or change the registry of schools and people',
  'kpi:read': 'see indicators and figures',
  'kpi:write': 'change indicators, targets or figures',
  'users:admin': 'manage accounts',
  'audit:read': 'read the audit log',
  'meetings:read': 'see meetings, challenges and actions',
  'meetings:write': 'hold meetings or run challenges',
  'brokering:read': 'see support brokering',
  'brokering:write': 'broker support',
  'strategies:read': 'see strategies',
  'strategies:write': 'set up or change strategies',
  'pupils:read': 'see pupil rows',
  'pupils:write': 'import pupil results',
  'visits:read': 'see supervision visits',
  'visits:write': 'plan or record supervision visits',
  'programmes:read': 'see programme participants by name',
  'programmes:write': 'run leadership programmes and placements',
  'governance:read': 'see governing boards and their members',
  'governance:write': 'record governors and their training',
  'governance:manage': 'set up governing boards or record their succession plans',
};

/** "Your role (area lead)" or "Your roles (analyst, headteacher)", for a refusal. */
function yourRoles(actor: Actor): { subject: string; verb: 'does' | 'do' } {
  const held = [...new Set(actor.grants.map((g) => g.role.replace(/_/g, ' ')))].sort();
  if (held.length === 0) return { subject: 'Your account has no role that', verb: 'does' };
  return held.length === 1
    ? { subject: `Your role (${held[0]})`, verb: 'does' }
    : { subject: `Your roles (${held.join(', ')})`, verb: 'do' };
}

/**
 * A route the caller's role may never use is refused with 403 and says so in words; an item outside
 * the caller's scope is 404 instead (requireVisible), so its existence is not confirmed.
 */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) {
    const { subject, verb } = yourRoles(actor);
    const message =
      actor.grants.length === 0
        ? `${subject} lets you ${permissionWords[permission]}`
        : `${subject} ${verb} not let you ${permissionWords[permission]}`;
    throw new HeadwayError('forbidden', message);
  }
}

/** Writes that change the whole authority's data (imports, the indicator catalogue) need a role held at the top. */
export function requireWholeSystem(actor: Actor, permission: Permission): void {
  requirePermission(actor, permission);
  if (!actor.scope.all) {
    const units = [...new Set(actor.grants.map((g) => g.org_unit))].sort();
    const yours = units.length === 1 ? 'yours is held at' : 'yours are held at';
    throw new HeadwayError(
      'forbidden',
      `Only a role held for the whole authority lets you ${permissionWords[permission]}; ${yours} ${units.join(', ')}`,
    );
  }
}

/** May the actor see this unit (and what lies beneath it) by name? */
export function canSee(actor: Actor, code: string): boolean {
  return actor.scope.all || actor.scope.units.has(code);
}

/** May the actor see this trust or federation (its page and figures)? The whole system, or a role held at it. */
export function canSeeGroup(actor: Actor, code: string): boolean {
  return actor.scope.all || actor.scope.groups.has(code);
}

/** May the actor see this unit's aggregate figures (their own units, or one above to compare with)? */
export function canCompareWith(actor: Actor, code: string): boolean {
  return canSee(actor, code) || actor.scope.comparisons.has(code);
}

/** Outside the scope a unit is "not found", so a caller cannot learn what exists beyond it. */
export function requireVisible(actor: Actor, code: string, what: string): void {
  if (!canSee(actor, code)) throw notFound(what);
}

export function requireComparable(actor: Actor, code: string, what: string): void {
  if (!canCompareWith(actor, code)) throw notFound(what);
}

/** The unit codes a list must be limited to, or null for no limit. */
export function visibleUnits(actor: Actor): string[] | null {
  return actor.scope.all ? null : [...actor.scope.units];
}

/** Units a list of aggregates may show: the actor's own and those above them; null for no limit. */
export function comparableUnits(actor: Actor): string[] | null {
  return actor.scope.all ? null : [...actor.scope.units, ...actor.scope.comparisons];
}
