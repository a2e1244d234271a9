// The audit log: who did what to which kind of record (an event), and every row it changed with its
// before and after values (kept by a trigger, tied to the event by transaction id). Admins read it:
// searched by who, what, when and which record, a page at a time, or exported whole for a filter.
import { sql } from 'kysely';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { HeadwayError, notFound } from '../errors.ts';
import { auditCountQuery, auditEventsQuery } from './account-queries.ts';
import { type Actor, requirePermission } from './actor.ts';
import {
  AUDIT_EXPORT_LIMIT,
  type AuditEventDetail,
  type AuditFilter,
  type AuditLog,
  type AuditVocabulary,
} from './audit-contract.ts';

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

function checkRange(filter: AuditFilter): void {
  if (filter.from && filter.to && filter.from > filter.to)
    throw new HeadwayError(
      'invalid',
      `The dates are the wrong way round: from ${filter.from} is after to ${filter.to}`,
    );
}

export async function listAuditEvents(
  { db, actor }: Context,
  { page, page_size, ...filter }: AuditFilter & { page: number; page_size: number },
): Promise<AuditLog> {
  requirePermission(actor, 'audit:read');
  checkRange(filter);
  const [events, count] = await Promise.all([
    auditEventsQuery(filter, { limit: page_size, offset: (page - 1) * page_size }).execute(db),
    auditCountQuery(filter).execute(db),
  ]);
  return {
    total: count.rows[0]?.total ?? 0,
    page,
    page_size,
    events: events.rows.map(({ at, ...e }) => ({ ...e, at: new Date(at).toISOString() })),
  };
}

/** The words the log's filters offer: what it holds, not a list kept by hand that drifts. */
export async function auditVocabulary({ db, actor }: Context): Promise<AuditVocabulary> {
  requirePermission(actor, 'audit:read');
  const distinct = async (query: ReturnType<typeof sql<{ word: string }>>) =>
    (await query.execute(db)).rows.map((r) => r.word);
  const [actions, entities, tables] = await Promise.all([
    distinct(sql<{ word: string }>`select distinct action as word from audit_event order by 1`),
    distinct(sql<{ word: string }>`select distinct entity as word from audit_event order by 1`),
    distinct(sql<{ word: string }>`select distinct table_name as word from audit_change order by 1`),
  ]);
  return { actions, entities, tables };
}

export const auditExportColumns = [
  'id',
  'at',
  'actor',
  'action',
  'entity',
  'object_id',
  'changes',
  'details',
];

/**
 * Every event the filter matches, newest first, one row each for a file. The events' details hold what
 * each event says about itself (counts, an email, a school's code, a file's name), never a pupil's row:
 * those are only in the row changes, which an export leaves out. Exporting the log is audited all the
 * same, with its filter, so who took a copy of the trail is in the trail.
 */
export async function exportAuditEvents({ db, actor }: Context, filter: AuditFilter) {
  requirePermission(actor, 'audit:read');
  checkRange(filter);
  const { rows } = await auditEventsQuery(filter, { limit: AUDIT_EXPORT_LIMIT + 1, offset: 0 }).execute(db);
  if (rows.length > AUDIT_EXPORT_LIMIT)
    throw new HeadwayError(
      'invalid',
      `The filter matches more than ${AUDIT_EXPORT_LIMIT.toLocaleString('en-GB')} events: narrow it (dates, who or what) and export each part`,
    );
  await recordAudit(db, actor, 'export', 'audit-log', { ...filter, rows: rows.length });
  return rows.map((e) => {
    const details = (e.details ?? {}) as Record<string, unknown>;
    const id = details.id;
    return {
      id: e.id,
      at: new Date(e.at).toISOString(),
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      object_id: typeof id === 'number' || typeof id === 'string' ? id : null,
      changes: e.changes,
      details: JSON.stringify(details),
    };
  });
}

/**
 * One event with the row changes of its transaction (before and after), a page at a time. Changes to
 * pupil results are pupil-level rows, so reading them is audited as a view of pupil rows, as every
 * other way of seeing them is.
 */
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
  const [changes, count] = await Promise.all([
    db
      .selectFrom('audit_change')
      .select(['table_name', 'operation', 'before', 'after'])
      .where('txid', '=', event.txid)
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('audit_change')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('txid', '=', event.txid)
      .executeTakeFirstOrThrow(),
  ]);
  const pupilRows = changes.filter((c) => c.table_name === 'pupil_result').length;
  if (pupilRows > 0)
    await recordAudit(db, actor, 'view', 'pupil-results', { audit_event: id, rows: pupilRows });
  const { txid: _txid, at, ...rest } = event;
  return {
    ...rest,
    at: at.toISOString(),
    page,
    page_size: pageSize,
    total_changes: Number(count.n),
    changes,
  };
}
