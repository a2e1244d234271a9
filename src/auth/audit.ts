// The audit log: who did what to which kind of record (an event), and every row it changed with its
// before and after values (kept by a trigger, tied to the event by transaction id). Admins read it.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { type Actor, requirePermission } from './actor.ts';
import type { AuditEventDetail, AuditLog } from './contract.ts';

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

/** For the rest of this transaction, row changes are not kept one by one (its event still is). */
export async function withoutRowAudit(trx: Db): Promise<void> {
  await sql`select set_config('headway.audit_rows', 'off', true)`.execute(trx);
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  entity?: string;
  page: number;
  pageSize: number;
}

export async function listAuditEvents({ db, actor }: Context, q: AuditQuery): Promise<AuditLog> {
  requirePermission(actor, 'audit:read');
  const { rows } = await sql<{
    id: number;
    at: Date;
    actor: string;
    action: string;
    entity: string;
    details: unknown;
    changes: number;
    total: number;
  }>`
    select e.id, e.at, e.actor, e.action, e.entity, e.details,
      (select count(*) from audit_change c where c.txid = e.txid) as changes,
      count(*) over () as total
    from audit_event e
    where (${q.actor ?? null}::text is null or e.actor ilike ${`%${q.actor ?? ''}%`})
      and (${q.action ?? null}::text is null or e.action = ${q.action ?? null})
      and (${q.entity ?? null}::text is null or e.entity = ${q.entity ?? null})
    order by e.id desc
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(db);
  return {
    total: rows[0]?.total ?? 0,
    page: q.page,
    page_size: q.pageSize,
    events: rows.map(({ total: _total, at, ...e }) => ({ ...e, at: at.toISOString() })),
  };
}

/** One event with the row changes of its transaction (before and after), a page at a time. */
export async function auditEventChanges(
  { db, actor }: Context,
  id: number,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<AuditEventDetail> {
  requirePermission(actor, 'audit:read');
  const event = await db
    .selectFrom('audit_event')
    .select(['id', 'at', 'actor', 'action', 'entity', 'details', 'txid'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!event) throw notFound(`Audit event ${id}`);
  const changes = await db
    .selectFrom('audit_change')
    .select(['table_name', 'operation', 'before', 'after'])
    .where('txid', '=', event.txid)
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const { txid: _txid, at, ...rest } = event;
  return { ...rest, at: at.toISOString(), page, page_size: pageSize, changes };
}
