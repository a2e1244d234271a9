// Access: accounts, their roles at org units, sign-in sessions, API tokens, sign-in attempts (for rate
// limits and lockout), installation settings; and a row-level audit trail of before/after values.
import { type Kysely, sql } from 'kysely';

// Tables whose every insert, update and delete is kept with its before and after values.
const auditedTables = [
  'org_unit',
  'org_group',
  'org_group_member',
  'school',
  'person',
  'post',
  'designation',
  'data_element',
  'data_value',
  'indicator',
  'target',
  'app_user',
  'role_grant',
  'api_token',
  'setting',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table app_user (
      id serial primary key,
      email text not null,
      name text not null,
      person_id integer references person(id) on delete set null,
      password_hash text,
      disabled boolean not null default false,
      password_set_at timestamptz,
      created_at timestamptz not null default now()
    );
    create unique index app_user_email on app_user(lower(email));

    create table role_grant (
      id serial primary key,
      user_id integer not null references app_user(id) on delete cascade,
      role text not null check (role in
        ('admin', 'director', 'area_lead', 'headteacher', 'system_leader', 'analyst', 'viewer')),
      org_unit_id integer not null references org_unit(id) on delete cascade,
      unique (user_id, role, org_unit_id)
    );

    create table session (
      id text primary key, -- SHA-256 of the cookie's secret: a stolen table opens no session
      user_id integer not null references app_user(id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index session_by_user on session(user_id);

    create table api_token (
      id serial primary key,
      user_id integer not null references app_user(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      created_by text not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table login_attempt (
      id bigserial primary key,
      at timestamptz not null default now(),
      email text not null,
      ip text,
      succeeded boolean not null
    );
    create index login_attempt_email on login_attempt(lower(email), at);
    create index login_attempt_ip on login_attempt(ip, at);

    create table setting (
      key text primary key,
      value jsonb not null
    );

    -- Changes are tied to the audit event of their transaction by its id: no code path can write a row
    -- without the change being kept, and the event says who and why.
    alter table audit_event add column txid bigint not null default txid_current();
    create index audit_event_txid on audit_event(txid);
    create table audit_change (
      id bigserial primary key,
      txid bigint not null default txid_current(),
      table_name text not null,
      operation text not null,
      before jsonb,
      after jsonb
    );
    create index audit_change_txid on audit_change(txid);

    create function audit_row_change() returns trigger language plpgsql as $$
    begin
      -- Bulk loads that are audited as one event (the demo's generated data) switch row changes off.
      if coalesce(current_setting('headway.audit_rows', true), '') = 'off' then
        return null;
      end if;
      insert into audit_change (table_name, operation, before, after) values (
        tg_table_name,
        lower(tg_op),
        case when tg_op <> 'INSERT' then to_jsonb(old) - 'password_hash' - 'token_hash' end,
        case when tg_op <> 'DELETE' then to_jsonb(new) - 'password_hash' - 'token_hash' end
      );
      return null;
    end $$;
  `.execute(db);
  for (const table of auditedTables) {
    await sql`create trigger ${sql.raw(`${table}_audit`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function audit_row_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of auditedTables) {
    await sql`drop trigger ${sql.raw(`${table}_audit`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`
    drop function audit_row_change();
    drop table audit_change;
    alter table audit_event drop column txid;
    drop table setting; drop table login_attempt; drop table api_token; drop table session;
    drop table role_grant; drop table app_user;
  `.execute(db);
}
