// Norming sessions' tables (migration 0029): the session on one rubric version, its reference cases,
// the master's and each rater's levels per case and criterion, each rater's agreement as it stood at
// close; and the development log.
import type { ColumnType, Generated } from 'kysely';
import type { caseKinds, logKinds, sessionStatuses } from './lists.ts';

type DateColumn = ColumnType<string, string, string>;

interface NormingSessionTable {
  id: Generated<number>;
  title: string;
  held_on: DateColumn;
  rubric_id: number;
  led_by: number;
  status: Generated<(typeof sessionStatuses)[number]>;
  closed_on: DateColumn | null;
}

interface NormingCaseTable {
  id: Generated<number>;
  session_id: number;
  position: number;
  title: string;
  kind: (typeof caseKinds)[number];
  link: Generated<string>;
  description: Generated<string>;
}

/** A rater; the agreement columns are filled when the session closes (null until then). */
interface NormingRaterTable {
  session_id: number;
  person_id: number;
  exact: number | null;
  within_one: number | null;
  bias: number | null;
  kappa: number | null;
  /** Empty: within tolerance at close; null: not closed, or no case with a master. */
  flags: string[] | null;
}

interface NormingMasterTable {
  case_id: number;
  criterion_id: number;
  level: number;
}

interface NormingScoreTable {
  case_id: number;
  person_id: number;
  criterion_id: number;
  level: number;
}

interface DevelopmentLogEntryTable {
  id: Generated<number>;
  person_id: number;
  written_by: number | null;
  written_on: DateColumn;
  kind: (typeof logKinds)[number];
  title: string;
  body: Generated<string>;
}

export interface NormingTables {
  norming_session: NormingSessionTable;
  norming_case: NormingCaseTable;
  norming_rater: NormingRaterTable;
  norming_master: NormingMasterTable;
  norming_score: NormingScoreTable;
  development_log_entry: DevelopmentLogEntryTable;
}
