// The stages' tables: the stages (names, order, what each decides), the rules that place a school in
// one (first match wins), and each school's stage recorded at each term's end.
import type { ColumnType, Generated } from 'kysely';
import type { StageCondition, StageGovernedRule } from './contract.ts';

type Json<T> = ColumnType<T, string, string>;

interface StageTable {
  code: string;
  name: string;
  /** 1 = the furthest from secure. */
  position: number;
  description: string;
  may_offer_practice: boolean;
  may_host_placements: boolean;
  raises: StageGovernedRule[];
}

interface StageRuleTable {
  position: number;
  stage: string;
  conditions: Json<StageCondition[]>;
  changed_by: string;
  changed_on: ColumnType<string, string, string>;
}

interface SchoolStageTable {
  school_id: number;
  /** A term, 2025-26T2. */
  term: string;
  term_end: ColumnType<string, string, string>;
  stage: string;
  rule: number;
  reasons: Json<string[]>;
  recorded_on: ColumnType<string, string, string>;
  recorded_by: string;
  id: Generated<number>;
}

export interface StageTables {
  stage: StageTable;
  stage_rule: StageRuleTable;
  school_stage: SchoolStageTable;
}
