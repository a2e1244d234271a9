// Who is asking. Every domain function takes the actor first and checks it first, so no caller can forget.
// Until accounts and roles arrive (sign-in issue), there is one kind of actor: an operator of this
// installation (the CLI, the demo loader, or an HTTP caller on a trusted network), who may do everything.
import { HeadwayError } from '../errors.ts';

export type Permission = 'registry:read' | 'registry:write' | 'kpi:read' | 'kpi:write';

export interface Actor {
  /** Shown in the audit log. */
  name: string;
  permissions: ReadonlySet<Permission>;
}

const everything: ReadonlySet<Permission> = new Set<Permission>([
  'registry:read',
  'registry:write',
  'kpi:read',
  'kpi:write',
]);

export function operator(name: string): Actor {
  return { name, permissions: everything };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) {
    throw new HeadwayError('forbidden', `${actor.name} may not ${permission.replace(':', ' ')}`);
  }
}
