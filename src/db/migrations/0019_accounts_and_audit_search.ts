// Accounts and the audit log at an authority's scale: an API token may carry an expiry date (a token
// made for a term's integration stops working on its own), and the audit log is searched by when, what
// and by whom, newest first, without reading the whole log for each page.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table api_token add column expires_at timestamptz;
    -- Paging newest first and a date range both walk this index (ties by id, as the log sorts); the
    -- other filters narrow it. It replaces 0001's index on the time alone.
    drop index audit_event_at;
    create index audit_event_at on audit_event(at desc, id desc);
    create index audit_event_action on audit_event(action, id desc);
    create index audit_event_entity on audit_event(entity, id desc);
    create index audit_event_actor on audit_event(lower(actor), id desc);
    -- "Which events changed row 42 of app_user": the row's table, then its transaction.
    create index audit_change_table on audit_change(table_name, txid);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index audit_change_table;
    drop index audit_event_actor;
    drop index audit_event_entity;
    drop index audit_event_action;
    drop index audit_event_at;
    create index audit_event_at on audit_event(at);
    alter table api_token drop column expires_at;
  `.execute(db);
}
