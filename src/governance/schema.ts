// Governing boards' tables (migration 0036).
import type { ColumnType, Generated } from 'kysely';
import type { governorCategories } from './lists.ts';

type DateColumn = ColumnType<string, string, string>;
type Category = (typeof governorCategories)[number];

/** A governing board: of one school, or of a federation's or trust's schools together. */
interface GoverningBoardTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** The registry's trust or federation the board governs for, where there is one. */
  group_id: number | null;
  clerk_name: Generated<string>;
  clerk_email: string | null;
  created_by: string;
}

/** Each school has at most one board. */
interface GoverningBoardSchoolTable {
  board_id: number;
  school_unit_id: number;
}

/** The places the instrument of government gives each category. */
interface GoverningBoardPlaceTable {
  board_id: number;
  category: Category;
  places: number;
}

/** A member of a board: not necessarily in the registry (person_id links one who is). */
interface GovernorTable {
  id: Generated<number>;
  board_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  person_id: number | null;
  category: Category;
  roles: ColumnType<string[], string[] | undefined, string[]>;
  appointed_on: DateColumn;
  /** Serving until this day; a reappointment moves it. */
  term_ends_on: DateColumn;
  resigned_on: DateColumn | null;
}

interface GovernanceSkillTable {
  code: string;
  name: string;
  position: number;
  active: Generated<boolean>;
}

/** 1 some, 2 good, 3 expert: a skill is covered by a member rated 2 or more. */
interface GovernorSkillTable {
  governor_id: number;
  skill_code: string;
  rating: number;
}

interface GovernanceCourseTable {
  code: string;
  name: string;
  position: number;
  /** Every serving member must hold it… */
  mandatory: Generated<boolean>;
  /** …attended within this many months (null: once is enough). */
  renew_months: number | null;
}

interface GovernorTrainingTable {
  id: Generated<number>;
  governor_id: number;
  course_code: string;
  attended_on: DateColumn;
}

interface BoardSuccessionTable {
  board_id: number;
  has_plan: boolean;
  reviewed_on: DateColumn | null;
  chair_successor_id: number | null;
  headship_successor_person_id: number | null;
  headship_successor: Generated<string>;
  notes: Generated<string>;
}

/** A board member who sat on a vacancy round's panel. */
interface GovernorPanelTable {
  vacancy_round_id: number;
  governor_id: number;
}

export interface GovernanceTables {
  governing_board: GoverningBoardTable;
  governing_board_school: GoverningBoardSchoolTable;
  governing_board_place: GoverningBoardPlaceTable;
  governor: GovernorTable;
  governance_skill: GovernanceSkillTable;
  governor_skill: GovernorSkillTable;
  governance_course: GovernanceCourseTable;
  governor_training: GovernorTrainingTable;
  board_succession: BoardSuccessionTable;
  governor_panel: GovernorPanelTable;
}
