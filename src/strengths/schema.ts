// The strengths capability's table: strengths declared by a school's head or trust lead, with the area
// lead's decision. Strengths found from the data are computed, never stored.
import type { ColumnType, Generated } from 'kysely';
import type { DeclaredStatus } from './contract.ts';

type DateColumn = ColumnType<string, string, string>;

interface DeclaredStrengthTable {
  id: Generated<number>;
  school_id: number;
  practice_area: string;
  evidence: string;
  status: Generated<DeclaredStatus>;
  declared_by: string;
  declared_on: DateColumn;
  decided_by: string | null;
  decided_on: DateColumn | null;
  reason: string | null;
}

export interface StrengthTables {
  declared_strength: DeclaredStrengthTable;
}
