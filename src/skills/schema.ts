// The skills audit's tables (migration 0035): the competency framework, the programmes that develop each
// competency, audit rounds with their leaders, and each leader's self and validated ratings.
import type { ColumnType, Generated } from 'kysely';

type DateColumn = ColumnType<string, string, string>;

interface CompetencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: Generated<string>;
  /** What a validator looks for. */
  evidence: Generated<string>;
  /** The descriptors of levels 1 to 4 (emerging, developing, secure, leading). */
  levels: string[];
  position: number;
  /** Retired competencies keep their ratings but are not rated in new audits. */
  retired_on: DateColumn | null;
}

interface CompetencyProgrammeTable {
  competency_id: number;
  programme_id: number;
}

interface SkillAuditTable {
  id: Generated<number>;
  code: string;
  name: string;
  opens_on: DateColumn;
  closes_on: DateColumn;
}

interface SkillAuditLeaderTable {
  audit_id: number;
  person_id: number;
  /** The school they led at when the audit was opened (null: not at a school). */
  school_id: number | null;
  post_role: string | null;
}

interface SkillRatingTable {
  audit_id: number;
  person_id: number;
  competency_id: number;
  self_rating: number | null;
  self_note: Generated<string>;
  self_on: DateColumn | null;
  validated_rating: number | null;
  evidence: Generated<string>;
  validator_person_id: number | null;
  /** The validator's name as the audit log records it. */
  validator: string | null;
  validated_on: DateColumn | null;
}

export interface SkillTables {
  competency: CompetencyTable;
  competency_programme: CompetencyProgrammeTable;
  skill_audit: SkillAuditTable;
  skill_audit_leader: SkillAuditLeaderTable;
  skill_rating: SkillRatingTable;
}
