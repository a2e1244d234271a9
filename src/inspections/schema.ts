// The inspections capability's tables: the frameworks schools are inspected under (their evaluation
// areas and grade scale, as data an authority can load), and each school's inspections.
import type { ColumnType, Generated } from 'kysely';
import { z } from 'zod';
import { cells } from '../tabular/cells.ts';

/**
 * The brokering rules' words for an outcome: the legacy overall grades (satisfactory is the pre-2012
 * grade between good and requires improvement). A report card's grades map onto them (outcome.ts).
 */
export const legacyGrades = [
  'outstanding',
  'good',
  'satisfactory',
  'requires_improvement',
  'inadequate',
] as const;
export type LegacyGrade = (typeof legacyGrades)[number];
export const inspectionCategories = ['special_measures', 'serious_weaknesses'] as const;
export type InspectionCategory = (typeof inspectionCategories)[number];
export const frameworkForms = ['overall', 'report_card'] as const;
export type FrameworkForm = (typeof frameworkForms)[number];

type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

interface InspectionFrameworkTable {
  code: string;
  name: string;
  /** `overall`: one grade per inspection; `report_card`: a grade per evaluation area. */
  form: FrameworkForm;
  /** A report card's area that stands for leadership in the brokering rules. */
  leadership_area: string | null;
  /** Whether an inspection records safeguarding as met or not met. */
  safeguarding: boolean;
}

interface InspectionAreaTable {
  framework: string;
  code: string;
  name: string;
  position: number;
  /** Graded only where it applies (early years, sixth form): a blank is "not applicable". */
  optional: boolean;
}

interface InspectionGradeTable {
  framework: string;
  code: string;
  name: string;
  /** 1 is the best grade. */
  position: number;
  /** Counts towards "good or better" (for a report card: expected standard or better). */
  good_or_better: boolean;
  /** What the grade means to rules written for the legacy grades. */
  legacy: LegacyGrade;
  /** Other ways files write it ("RI", "3"), compared as normalised terms. */
  aliases: ColumnType<string[], string[], string[]>;
}

interface InspectionTable {
  id: Generated<number>;
  school_id: number;
  inspected_on: DateColumn;
  framework: Generated<string>;
  /** The overall grade of an `overall` framework; null on a report card. */
  overall: string | null;
  leadership: string | null;
  category: InspectionCategory | null;
  /** A report card's grade per area code; areas that do not apply are absent. */
  grades: Json<Record<string, string>>;
  safeguarding: 'met' | 'not_met' | null;
}

export interface InspectionTables {
  inspection_framework: InspectionFrameworkTable;
  inspection_area: InspectionAreaTable;
  inspection_grade: InspectionGradeTable;
  inspection: InspectionTable;
}

export const inspectionColumns = {
  all: ['school_code', 'inspected_on', 'framework', 'overall', 'leadership', 'category', 'safeguarding'],
  required: ['school_code', 'inspected_on'],
  // A report card's areas are columns named by the framework's area codes (inclusion, achievement, ...).
  open: true,
} as const;

/** The grade cells are checked against the row's framework in the importer, so here they are text. */
export const inspectionRow = z
  .object({
    school_code: cells.code(),
    inspected_on: cells.date(),
    framework: cells.optionalCode(),
    overall: cells.optionalText(64),
    leadership: cells.optionalText(64),
    category: cells.optionalOneOf(inspectionCategories, { sm: 'special_measures', sw: 'serious_weaknesses' }),
    safeguarding: cells.optionalOneOf(['met', 'not_met'] as const, {
      yes: 'met',
      no: 'not_met',
      effective: 'met',
      not_effective: 'not_met',
    }),
  })
  .catchall(cells.optionalText(64));
export type InspectionRow = z.infer<typeof inspectionRow>;
