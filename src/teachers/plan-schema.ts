// The redeployment plans' tables (migration 0040).
import type { ColumnType, Generated } from 'kysely';
import type { MoveDecision, StaffingFiguresShape } from './plan-contract.ts';

type DateColumn = ColumnType<string, string, string>;
/** numeric, read as a number (src/db/connection.ts). */
type NumericColumn = number;
type JsonColumn<T> = ColumnType<T, string, string>;

interface TeacherPlanTable {
  id: Generated<number>;
  org_unit_id: number;
  month: string;
  max_km: NumericColumn;
  max_moves_out: number;
  within_clusters: boolean;
  recruits: number;
  detour: NumericColumn;
  objective: number;
  bound: number;
  optimal: boolean;
  km: NumericColumn;
  before: JsonColumn<StaffingFiguresShape>;
  after: JsonColumn<StaffingFiguresShape>;
  unlocated: string[];
  made_by: string;
  made_on: DateColumn;
  challenge_id: number | null;
}

interface TeacherPlanMoveTable {
  id: Generated<number>;
  plan_id: number;
  from_school_id: number;
  to_school_id: number;
  teachers: number;
  km: NumericColumn;
  reason: string;
  decision: Generated<MoveDecision>;
  decided_by: string | null;
  decided_on: DateColumn | null;
  action_id: number | null;
}

interface TeacherPlanRecruitTable {
  plan_id: number;
  school_id: number;
  teachers: number;
}

export interface TeacherPlanTables {
  teacher_plan: TeacherPlanTable;
  teacher_plan_move: TeacherPlanMoveTable;
  teacher_plan_recruit: TeacherPlanRecruitTable;
}
