// Staffing norms: the teachers a school of a phase and type needs. One row with neither phase nor type is
// the authority's default; a row for a phase, a type, or both overrides it for those schools.
import type { Generated } from 'kysely';

interface StaffingNormTable {
  id: Generated<number>;
  phase: string | null;
  type: string | null;
  /** The most pupils per teacher the norm allows (GPE's indicative framework: 40). */
  max_ratio: number;
  /** The fewest teachers any school of this kind has (a two-room rural school still needs two). */
  min_teachers: number;
  /** The most pupils in a class, where a teacher per class is wanted (from enrolment by grade); null: not used. */
  max_class_size: number | null;
}

export interface TeachersTables {
  staffing_norm: StaffingNormTable;
}
