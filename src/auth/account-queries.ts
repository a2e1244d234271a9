// The SQL of the accounts page and the audit log's search: named queries, each with a committed
// snapshot (account-queries.test.ts), so a change to what the database runs shows in review.
import { type RawBuilder, sql } from 'kysely';
import type { AuditFilter } from './audit-contract.ts';
import type { UsersQuery } from './contract.ts';

type AccountFilter = Omit<UsersQuery, 'page' | 'page_size'>;

/** Text for a case-insensitive "contains" match, its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AccountRow {
  id: number;
  email: string;
  name: string;
  disabled: boolean;
  person_code: string | null;
  created_at: Date;
  last_sign_in: Date | null;
  active_tokens: number;
  total: number;
}

/** A page of accounts by email, with the count on every page; their roles are read after, for the page only. */
export function accountsQuery(filter: AccountFilter, page: { limit: number; offset: number }) {
  const q = filter.q?.trim() || null;
  const role = filter.role ?? null;
  const unit = filter.org_unit?.trim() || null;
  const status = filter.status ?? null;
  return sql<AccountRow>`
    select u.id, u.email, u.name, u.disabled, p.code as person_code, u.created_at,
      (select max(e.at) from audit_event e
        where e.action = 'sign_in' and lower(e.actor) = lower(u.email)) as last_sign_in,
      (select count(*) from api_token t
        where t.user_id = u.id and t.revoked_at is null
          and (t.expires_at is null or t.expires_at > now()))::int as active_tokens,
      count(*) over ()::int as total
    from app_user u
    left join person p on p.id = u.person_id
    where (${q}::text is null or u.email ilike ${containing(q ?? '')} or u.name ilike ${containing(q ?? '')})
      and (${status}::text is null or u.disabled = (${status}::text = 'disabled'))
      and (${role}::text is null and ${unit}::text is null or exists (
        select 1 from role_grant g
        left join org_unit o on o.id = g.org_unit_id
        left join org_group og on og.id = g.org_group_id
        where g.user_id = u.id
          and (${role}::text is null or g.role = ${role})
          and (${unit}::text is null or coalesce(o.code, og.code) = ${unit})))
    order by lower(u.email), u.id
    limit ${page.limit} offset ${page.offset}`;
}

/** The roles of these accounts, with the name of the unit or group each is held at. */
export function accountGrantsQuery(userIds: number[]) {
  return sql<{ user_id: number; role: string; code: string; name: string; group_kind: string | null }>`
    select g.user_id, g.role, coalesce(o.code, og.code) as code, coalesce(o.name, og.name) as name,
      og.kind as group_kind
    from role_grant g
    left join org_unit o on o.id = g.org_unit_id
    left join org_group og on og.id = g.org_group_id
    where g.user_id = any(${userIds}::int[])
    order by g.user_id, g.role, coalesce(o.code, og.code)`;
}

/**
 * Active accounts that would still hold the admin role without this account (disabling it) or this one
 * grant (revoking it): none means no one could manage accounts any more.
 */
export function remainingAdminsQuery(without: { userId: number } | { grantId: number }) {
  const excluded =
    'userId' in without ? sql`g.user_id <> ${without.userId}` : sql`g.id <> ${without.grantId}`;
  return sql<{ admins: number }>`
    select count(distinct g.user_id)::int as admins
    from role_grant g join app_user u on u.id = g.user_id
    where g.role = 'admin' and not u.disabled and ${excluded}`;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  details: unknown;
  changes: number;
}

/** The conditions of an audit filter on events `e` (the list, its count and the export share them). */
function auditWhere(filter: AuditFilter): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [];
  const actor = filter.actor?.trim();
  if (actor) conditions.push(sql`lower(e.actor) like lower(${containing(actor)})`);
  if (filter.action) conditions.push(sql`e.action = ${filter.action}`);
  if (filter.entity) conditions.push(sql`e.entity = ${filter.entity}`);
  // Days are UTC days, as the log shows its times.
  if (filter.from) conditions.push(sql`e.at >= (${filter.from}::date)::timestamp at time zone 'UTC'`);
  if (filter.to) conditions.push(sql`e.at < (${filter.to}::date + 1)::timestamp at time zone 'UTC'`);
  const objectId = filter.object_id?.trim();
  if (filter.table)
    conditions.push(sql`exists (select 1 from audit_change c
      where c.table_name = ${filter.table} and c.txid = e.txid
        ${objectId ? sql`and (c.before ->> 'id' = ${objectId} or c.after ->> 'id' = ${objectId})` : sql``})`);
  else if (objectId) conditions.push(sql`e.details ->> 'id' = ${objectId}`);
  const q = filter.q?.trim();
  if (q)
    conditions.push(sql`(e.actor ilike ${containing(q)} or e.action ilike ${containing(q)}
      or e.entity ilike ${containing(q)} or e.details::text ilike ${containing(q)})`);
  return conditions.length ? sql<boolean>`${sql.join(conditions, sql` and `)}` : sql<boolean>`true`;
}

/** A page of events, newest first, with the rows each changed. */
export function auditEventsQuery(filter: AuditFilter, page: { limit: number; offset: number }) {
  return sql<AuditRow>`
    select e.id, e.at, e.actor, e.action, e.entity, e.details,
      (select count(*) from audit_change c where c.txid = e.txid)::int as changes
    from audit_event e
    where ${auditWhere(filter)}
    order by e.at desc, e.id desc
    limit ${page.limit} offset ${page.offset}`;
}

/** How many events match, counted apart from the page so a late page still knows the total. */
export function auditCountQuery(filter: AuditFilter) {
  return sql<{ total: number }>`select count(*)::int as total from audit_event e where ${auditWhere(filter)}`;
}
