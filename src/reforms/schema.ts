// Reforms and their fidelity: a reform (a new reading programme) covers some areas or schools and has a
// versioned checklist of practices; a fidelity check is a visit of type reform_fidelity that finds each
// practice in place, partly, or not yet, with evidence. The checklist is its own table rather than a
// rubric: its three answers are categories (the figure is the share in place), not levels to average.
import type { ColumnType, Generated } from 'kysely';
import type { practiceStatuses, reformPhases } from './lists.ts';

type DateColumn = ColumnType<string, string, string>;

interface ReformTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string;
  phase: (typeof reformPhases)[number];
  starts_on: DateColumn;
  created_on: DateColumn;
}

/** The units a reform covers: areas (every school beneath) or single schools. */
interface ReformUnitTable {
  reform_id: number;
  org_unit_id: number;
}

/**
 * One version of a reform's checklist. Changing a checklist no check has used changes it in place;
 * changing one in use adds version n+1, and the checks keep the version they were made on.
 */
interface ReformChecklistTable {
  id: Generated<number>;
  reform_id: number;
  version: number;
  created_on: DateColumn;
  superseded: Generated<boolean>;
}

interface ReformPracticeTable {
  id: Generated<number>;
  checklist_id: number;
  code: string;
  name: string;
  /** What a visitor looks for: the evidence that the practice is in place. */
  look_for: string;
  position: number;
}

/** The reform side of a reform_fidelity visit: which reform, on which checklist version. */
interface ReformCheckTable {
  visit_id: number;
  reform_id: number;
  checklist_id: number;
}

interface ReformCheckPracticeTable {
  visit_id: number;
  practice_id: number;
  status: (typeof practiceStatuses)[number];
  evidence: string;
}

export interface ReformTables {
  reform: ReformTable;
  reform_unit: ReformUnitTable;
  reform_checklist: ReformChecklistTable;
  reform_practice: ReformPracticeTable;
  reform_check: ReformCheckTable;
  reform_check_practice: ReformCheckPracticeTable;
}
