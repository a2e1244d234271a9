// The strategies capability's tables: strategies, strands and actions with their leads, the groups an
// action serves, milestones, the dated status log, evidence, linked measures and links between strategies.
import type { ColumnType, Generated } from 'kysely';
import type { ActionStatus, Trajectory } from './contract.ts';

/** The groups a new authority starts with; the director may add more. */
export const defaultGroups: { code: string; name: string }[] = [
  { code: 'heads', name: 'Headteachers' },
  { code: 'deputies', name: 'Deputy headteachers' },
  { code: 'assistant_heads', name: 'Assistant headteachers' },
  { code: 'middle_leaders', name: 'Middle leaders' },
  { code: 'bursars', name: 'Bursars' },
  { code: 'school_managers', name: 'School business managers' },
  { code: 'governors', name: 'Governors' },
  { code: 'eyfs_leaders', name: 'Early-years graduate leaders' },
  { code: 'hltas', name: 'Higher-level teaching assistants' },
];

type DateColumn = ColumnType<string, string, string>;

interface StrategyGroupTable {
  code: string;
  name: string;
  position: number;
  retired: Generated<boolean>;
}

interface StrategyTable {
  id: Generated<number>;
  code: string;
  name: string;
  purpose: Generated<string>;
  /** The authority or an area: who may see it (those whose scope includes it). */
  scope_unit_id: number;
  /** The overarching lead. */
  lead_person_id: number | null;
  created_on: DateColumn;
}

interface StrategyStrandTable {
  id: Generated<number>;
  strategy_id: number;
  code: string;
  name: string;
  purpose: Generated<string>;
  lead_person_id: number | null;
  position: Generated<number>;
  /** Set to the day it is added (today where a writer leaves it out). */
  created_on: ColumnType<string, string | undefined, string>;
  /** Retired strands are kept for the plan's history; the current plan leaves them out. */
  retired_on: DateColumn | null;
}

interface StrategyActionTable {
  id: Generated<number>;
  strand_id: number;
  parent_action_id: number | null;
  code: string;
  title: string;
  purpose: Generated<string>;
  lead_person_id: number | null;
  position: Generated<number>;
  /** The latest status update's, kept for lists; the log is strategy_update. */
  status: Generated<ActionStatus>;
  status_on: DateColumn | null;
  created_on: DateColumn;
}

interface StrategyActionGroupTable {
  action_id: number;
  group_code: string;
}

interface StrategyMilestoneTable {
  id: Generated<number>;
  action_id: number;
  title: string;
  due_on: DateColumn;
  done_on: DateColumn | null;
}

interface StrategyUpdateTable {
  id: Generated<number>;
  action_id: number;
  on_date: DateColumn;
  recorded_at: Generated<Date>;
  author: string;
  author_person_id: number | null;
  from_status: ActionStatus | null;
  to_status: ActionStatus;
  commentary: string;
}

interface StrategyEvidenceTable {
  id: Generated<number>;
  action_id: number;
  note: string;
  url: string | null;
  added_on: DateColumn;
  author: string;
}

interface StrategyMeasureTable {
  id: Generated<number>;
  strategy_id: number;
  strand_id: number | null;
  action_id: number | null;
  indicator_id: number;
  org_unit_id: number;
  baseline_value: number;
  baseline_period: string;
  target_value: number;
  target_period: string;
  trajectory: Trajectory;
  tolerance: number;
}

interface StrategyLinkTable {
  id: Generated<number>;
  from_strand_id: number | null;
  from_measure_id: number | null;
  to_strand_id: number | null;
  to_measure_id: number | null;
  note: Generated<string>;
}

/** A reorganisation: who, when, why, and what moved (see history.ts). */
interface StrategyChangeTable {
  id: Generated<number>;
  strategy_id: number;
  kind: string;
  on_date: DateColumn;
  recorded_at: Generated<Date>;
  author: string;
  author_person_id: number | null;
  reason: string;
  summary: string;
  details: ColumnType<unknown, string, string>;
}

/** A strand's superseded state and the dates it held (kept by a trigger on strategy_strand). */
interface StrategyStrandPastTable {
  strand_id: number;
  valid_from: DateColumn;
  valid_to: DateColumn;
  code: string;
  name: string;
  lead_person_id: number | null;
  retired_on: DateColumn | null;
}

/** An action's superseded placement and facts (kept by a trigger on strategy_action). */
interface StrategyActionPastTable {
  action_id: number;
  valid_from: DateColumn;
  valid_to: DateColumn;
  strand_id: number;
  parent_action_id: number | null;
  code: string;
  title: string;
  lead_person_id: number | null;
}

interface StrategyEvidenceFileTable {
  id: Generated<number>;
  action_id: number;
  name: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  added_on: DateColumn;
  author: string;
}

export interface StrategyTables {
  strategy_group: StrategyGroupTable;
  strategy: StrategyTable;
  strategy_strand: StrategyStrandTable;
  strategy_action: StrategyActionTable;
  strategy_action_group: StrategyActionGroupTable;
  strategy_milestone: StrategyMilestoneTable;
  strategy_update: StrategyUpdateTable;
  strategy_evidence: StrategyEvidenceTable;
  strategy_measure: StrategyMeasureTable;
  strategy_link: StrategyLinkTable;
  strategy_change: StrategyChangeTable;
  strategy_strand_past: StrategyStrandPastTable;
  strategy_action_past: StrategyActionPastTable;
  strategy_evidence_file: StrategyEvidenceFileTable;
}
