// The programmes' tables (migration 0033): programmes, cohorts, participants and placements.
import type { ColumnType, Generated } from 'kysely';
import type { ParticipantStatus, PlacementKind, PlacementStatus } from './lists.ts';

type DateColumn = ColumnType<string, string, string>;

interface ProgrammeTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  /** The placement each candidate needs, if any. */
  placement: PlacementKind | null;
  /** Days a placement takes unless the participant's own are recorded (an NPQH internship: 5 to 20). */
  placement_days: number | null;
  active: Generated<boolean>;
  position: number;
}

interface CohortTable {
  id: Generated<number>;
  code: string;
  programme_id: number;
  name: string;
  provider: Generated<string>;
  starts_on: DateColumn;
  ends_on: DateColumn;
}

interface ParticipantTable {
  id: Generated<number>;
  cohort_id: number;
  person_id: number;
  /** The school they worked at when they joined (null: not at a school). */
  school_id: number | null;
  /** Their post then. */
  post_role: string | null;
  status: Generated<ParticipantStatus>;
  completed_on: DateColumn | null;
  placement_days: number | null;
}

interface PlacementTable {
  id: Generated<number>;
  participant_id: number;
  host_person_id: number;
  host_school_id: number;
  kind: PlacementKind;
  days: number;
  status: Generated<PlacementStatus>;
  fit: number | null;
  reasons: Generated<string[]>;
  agreed_by: string;
  agreed_on: DateColumn;
}

export interface ProgrammeTables {
  programme: ProgrammeTable;
  programme_cohort: CohortTable;
  programme_participant: ParticipantTable;
  placement: PlacementTable;
}
