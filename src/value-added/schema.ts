// The value-added capability's table (pseudonymised pupil results) and the shape of its import rows.
import type { ColumnType } from 'kysely';
import { z } from 'zod';
import { cells } from '../tabular/cells.ts';

interface PupilResultTable {
  school_id: number;
  /** A pseudonym: Headway never holds names. */
  pupil_id: string;
  academic_year: string;
  /** The key stage or assessment the outcome is from (KS2, KS4, ...). */
  stage: string;
  outcome: number;
  prior_attainment: number | null;
  /** 1 when the pupil left and is not in education, employment or training; null when not known. */
  neet: number | null;
  /** Further context (disadvantaged, sen, eal, ...) as numbers by column name; blank cells are left out. */
  context: ColumnType<Record<string, number>, string, string>;
}

/** A national reference: the national average outcome of pupils whose prior attainment is in a band. */
interface NationalExpectationTable {
  /** Its name as published, e.g. "DfE KS4 national transition 2025". */
  reference: string;
  stage: string;
  academic_year: string;
  /** The band of prior attainment, from (inclusive) to (exclusive; null: no upper end). */
  prior_from: number;
  prior_to: number | null;
  expected_outcome: number;
}

/** A cohort's fit, kept until the pupils (or school codes) change: `pupils_version` says which data. */
interface CohortFitTable {
  stage: string;
  academic_year: string;
  /** The model specification, as JSON: a different specification is a different fit. */
  specification: string;
  pupils_version: number;
  fit: ColumnType<unknown, string, string>;
  fitted_at: ColumnType<Date, never, never>;
}

export interface ValueAddedTables {
  pupil_result: PupilResultTable;
  national_expectation: NationalExpectationTable;
  cohort_fit: CohortFitTable;
}

export const pupilResultColumns = {
  all: ['pupil_id', 'school_code', 'academic_year', 'stage', 'outcome', 'prior_attainment', 'neet'],
  required: ['pupil_id', 'school_code', 'academic_year', 'stage', 'outcome'],
  open: true,
} as const;

export const pupilResultRow = z
  .object({
    pupil_id: cells.code(),
    school_code: cells.code(),
    academic_year: cells.academicYear(),
    stage: cells.code(),
    outcome: cells.optionalNumber(-1e6, 1e6).refine((v) => v !== null && v !== undefined, 'is required'),
    prior_attainment: cells.optionalNumber(-1e6, 1e6),
    neet: cells.optionalInteger(0, 1),
  })
  // Every other column is context: a number for each pupil, or blank when not known.
  .catchall(cells.optionalNumber(-1e6, 1e6));

export type PupilResultRow = z.infer<typeof pupilResultRow>;

export const nationalExpectationColumns = {
  all: ['reference', 'stage', 'academic_year', 'prior_from', 'prior_to', 'expected_outcome'],
  required: ['reference', 'stage', 'academic_year', 'prior_from', 'expected_outcome'],
} as const;

export const nationalExpectationRow = z.object({
  reference: cells.text(200),
  stage: cells.code(),
  academic_year: cells.academicYear(),
  prior_from: cells
    .optionalNumber(-1e6, 1e6)
    .refine((v) => v !== null && v !== undefined, 'is required')
    .transform((v) => v as number),
  prior_to: cells.optionalNumber(-1e6, 1e6),
  expected_outcome: cells
    .optionalNumber(-1e6, 1e6)
    .refine((v) => v !== null && v !== undefined, 'is required')
    .transform((v) => v as number),
});

export type NationalExpectationRow = z.infer<typeof nationalExpectationRow>;
