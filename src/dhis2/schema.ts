// The DHIS2 capability's tables: the code ↔ UID mapping and the pull's runs.
import type { ColumnType, Generated } from 'kysely';
import type { Dhis2MappingKind, PullPeriodResult, PullStatus } from './contract.ts';

interface Dhis2MappingTable {
  id: Generated<number>;
  kind: Dhis2MappingKind;
  code: string;
  uid: string;
  name: string | null;
}

interface Dhis2PullRunTable {
  id: Generated<number>;
  started_at: ColumnType<Date, Date | undefined, never>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  started_by: string;
  status: PullStatus;
  from_period: string;
  to_period: string;
  periods: ColumnType<PullPeriodResult[], string | undefined, string>;
  message: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Dhis2Tables {
  dhis2_mapping: Dhis2MappingTable;
  dhis2_pull_run: Dhis2PullRunTable;
}
