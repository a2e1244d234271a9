// Writes to the audit log: who did what to which kind of record, with enough detail to reconstruct it.
import type { Db } from '../db/types.ts';
import type { Actor } from './actor.ts';

export async function recordAudit(
  db: Db,
  actor: Actor,
  action: string,
  entity: string,
  details: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({ actor: actor.name, action, entity, details: JSON.stringify(details) })
    .execute();
}
