// The vacancy register's tables (migration 0032).
import type { ColumnType, Generated } from 'kysely';
import type { roundOutcomes, vacancyPosts, vacancyReasons } from './lists.ts';

type DateColumn = ColumnType<string, string, string>;

/** A headship or deputy headship that fell vacant; filled when a person is appointed, never deleted. */
interface VacancyTable {
  id: Generated<number>;
  school_unit_id: number;
  post_role: (typeof vacancyPosts)[number];
  opened_on: DateColumn;
  reason: (typeof vacancyReasons)[number];
  leaving_person_id: number | null;
  /** Cover brokered as a deployment (interim, acting or executive head)… */
  cover_deployment_id: number | null;
  /** …or a named acting head from the school itself. */
  cover_person_id: number | null;
  notes: Generated<string>;
  appointed_person_id: number | null;
  /** The day the appointment was made: time to fill runs from opened_on to here. */
  appointed_on: DateColumn | null;
  appointed_starts_on: DateColumn | null;
  /** The post the appointment wrote in the registry. */
  appointed_post_id: number | null;
  withdrawn_on: DateColumn | null;
  /** Why the post is no longer to be filled (migration 0037_recruitment); set with withdrawn_on. */
  withdrawn_reason: string | null;
  created_by: string;
}

/** One advertisement and what came of it; a round not appointed is followed by the readvertisement. */
interface VacancyRoundTable {
  id: Generated<number>;
  vacancy_id: number;
  number: number;
  advertised_on: DateColumn;
  closes_on: DateColumn;
  applications: number;
  shortlisted: number;
  interviewed: number;
  outcome: (typeof roundOutcomes)[number];
  /** Who sat on the panel, governors first (issue 22: governors' role in succession). */
  panel: string;
  governors_on_panel: number;
}

export interface VacancyTables {
  vacancy: VacancyTable;
  vacancy_round: VacancyRoundTable;
}
