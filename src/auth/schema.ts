// Tables of the access capability: the audit log of every write (accounts and sessions come with sign-in).
import type { ColumnType, Generated } from 'kysely';

export interface AuditEventTable {
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  actor: string;
  action: string;
  entity: string;
  details: ColumnType<unknown, string, string>;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}
