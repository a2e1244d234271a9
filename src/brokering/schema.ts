// The brokering capability's tables: support needs (found by rules or raised by hand),
// brokering proposals with the broker's rejections, deployments and the days logged against them.
import type { ColumnType, Generated } from 'kysely';
import type { DayActivity, DeploymentStatus, NeedKind, NeedRule, NeedStatus } from './contract.ts';

type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

interface SupportNeedTable {
  id: Generated<number>;
  school_id: number;
  kind: NeedKind;
  rule: NeedRule;
  /** The indicator a practice-sharing need is about. */
  indicator: string | null;
  /** The specialism the need asks for (a code of the `specialism` catalogue): only its holders meet it. */
  specialism: Generated<string | null>;
  evidence: string;
  figures: Json<Record<string, unknown>>;
  days: number;
  status: Generated<NeedStatus>;
  raised_on: DateColumn;
  raised_by: string;
  closed_on: DateColumn | null;
}

interface BrokerRejectionTable {
  need_id: number;
  person_id: number;
  reason: string;
  rejected_by: string;
  rejected_at: Generated<Date>;
}

interface BrokeringProposalTable {
  id: Generated<number>;
  org_unit_id: number;
  created_by: string;
  created_at: Generated<Date>;
  status: string;
  objective: number;
  bound: number;
  gap: number;
  seconds: number;
  result: Json<unknown>;
}

interface DeploymentTable {
  id: Generated<number>;
  need_id: number;
  person_id: number;
  role: NeedKind;
  starts_on: DateColumn;
  ends_on: DateColumn;
  days_agreed: number;
  status: Generated<DeploymentStatus>;
  outcome_note: string | null;
  proposal_id: number | null;
  fit: number | null;
  created_by: string;
  created_at: Generated<Date>;
}

interface DeploymentDayTable {
  id: Generated<number>;
  deployment_id: number;
  on_date: DateColumn;
  days: number;
  activity: DayActivity;
  note: string;
  /** Why days beyond those agreed were allowed; null for days within them. */
  override_reason: string | null;
  logged_by: string;
  /** Who last corrected the log, and why; null when never corrected. */
  corrected_by: string | null;
  correction_reason: string | null;
}

interface LeaderRoleTable {
  code: string;
  name: string;
  description: string;
  meets: NeedKind[];
  funded_days: number;
  max_schools: number;
  serving_head: boolean;
  employed_by_authority: boolean;
  own_school_at_least: 'good' | 'outstanding' | null;
  judged_on: 'overall' | 'leadership';
  min_headship_years: number;
  accreditation: string | null;
  /** Seconded only to a school with no head and no deputy or assistant head (unless in their federation). */
  no_acting_capacity: boolean;
  /** Where the role stands in the catalogue as shipped. */
  position: number;
}

export interface BrokeringTables {
  leader_role: LeaderRoleTable;
  support_need: SupportNeedTable;
  broker_rejection: BrokerRejectionTable;
  brokering_proposal: BrokeringProposalTable;
  deployment: DeploymentTable;
  deployment_day: DeploymentDayTable;
}
