// The termly cycle's tables (migration 0023): a cycle per strategy and term, its requests (one per item
// asked), and the strand and overall summaries that answer strand and strategy requests.
import type { ColumnType, Generated } from 'kysely';
import type { CycleItemKind, CycleOutcome, Rag } from './cycle-contract.ts';

type DateColumn = ColumnType<string, string, string>;

interface StrategyCycleTable {
  id: Generated<number>;
  strategy_id: number;
  term: string;
  /** An update on or after this day (the term's first) meets a request. */
  window_from: DateColumn;
  term_end: DateColumn;
  due_on: DateColumn;
  opened_on: DateColumn;
  opened_by: string;
  closed_on: DateColumn | null;
  closed_by: string | null;
}

interface StrategyCycleRequestTable {
  id: Generated<number>;
  cycle_id: number;
  item_kind: CycleItemKind;
  item_id: number;
  /** Frozen at closing, with met_on and outcome; while open the item's current lead is asked. */
  person_id: number | null;
  met_on: DateColumn | null;
  outcome: Exclude<CycleOutcome, 'awaiting'> | null;
}

interface StrategySummaryTable {
  id: Generated<number>;
  cycle_id: number;
  /** Null for the overarching lead's overall summary. */
  strand_id: number | null;
  rag: Rag;
  commentary: string;
  on_date: DateColumn;
  recorded_at: Generated<Date>;
  author: string;
  author_person_id: number | null;
}

export interface CycleTables {
  strategy_cycle: StrategyCycleTable;
  strategy_cycle_request: StrategyCycleRequestTable;
  strategy_summary: StrategySummaryTable;
}
