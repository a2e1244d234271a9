// Tables of the access capability: accounts, roles at org units, sessions, API tokens, sign-in
// attempts, and the audit log (events, and the row changes of each event).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;

interface AuditEventTable {
  id: Generated<number>;
  at: CreatedAt;
  actor: string;
  action: string;
  entity: string;
  details: ColumnType<unknown, string, string>;
  txid: ColumnType<number, never, never>;
}

interface AuditChangeTable {
  id: Generated<number>;
  txid: ColumnType<number, never, never>;
  table_name: string;
  operation: string;
  before: unknown;
  after: unknown;
}

interface AppUserTable {
  id: Generated<number>;
  email: string;
  name: string;
  person_id: number | null;
  password_hash: string | null;
  disabled: Generated<boolean>;
  password_set_at: Date | null;
  created_at: CreatedAt;
}

interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  /** Exactly one of the two: a role is held at an org unit or at a trust or federation (org_group). */
  org_unit_id: number | null;
  org_group_id: number | null;
}

interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, never, Date>;
  expires_at: ColumnType<Date, Date, Date>;
  ip: string | null;
  user_agent: string | null;
}

interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  created_by: string;
  last_used_at: ColumnType<Date | null, never, Date>;
  revoked_at: ColumnType<Date | null, never, Date>;
  /** Null: until revoked. */
  expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

interface LoginAttemptTable {
  id: Generated<number>;
  at: CreatedAt;
  email: string;
  ip: string | null;
  succeeded: boolean;
}

export interface AuditTables {
  audit_event: AuditEventTable;
  audit_change: AuditChangeTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_attempt: LoginAttemptTable;
}
