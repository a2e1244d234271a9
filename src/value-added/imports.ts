// `headway import pupil-results`: pseudonymised pupil outcomes, prior attainment and any context
// columns. After the rows are written, each cohort in the file is refitted and republished as KPIs in
// the same transaction, so the dashboards never show value added from other data than the pupils'.
import { sql } from 'kysely';
import { upsertRows } from '../db/upsert.ts';
import { duplicateKeys, notASchoolProblem, orgUnitsByCode } from '../registry/lookups.ts';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import type { Importer } from '../tabular/importer.ts';
import { nextTurn, turnEvery } from '../tabular/pace.ts';
import { type PupilResultRow, pupilResultColumns, pupilResultRow } from './schema.ts';
import { publishCohort } from './value-added.ts';

interface PupilResultPlan {
  rows: Record<string, unknown>[];
  cohorts: { stage: string; academicYear: string }[];
}

const known = new Set<string>(pupilResultColumns.all);

const pupilResultImporter: Importer<PupilResultRow, PupilResultPlan> = {
  kind: 'pupil-results',
  columns: pupilResultColumns,
  shape: pupilResultRow,
  async check(db, records, _columns, problems) {
    await duplicateKeys(
      records,
      (r) => [r.stage, r.academic_year, r.pupil_id],
      'pupil_id',
      (r) => `pupil ${r.pupil_id} in ${r.stage} ${r.academic_year}`,
      problems,
    );
    const schools = await orgUnitsByCode(
      db,
      records.map((r) => r.value.school_code),
    );
    const rows: Record<string, unknown>[] = [];
    const cohorts = new Map<string, { stage: string; academicYear: string }>();
    const due = turnEvery();
    for (const { row, value } of records) {
      if (due()) await nextTurn();
      const school = schools.get(value.school_code);
      const wrong = notASchoolProblem(row, value.school_code, school, 'results belong to schools');
      if (wrong || !school) {
        if (wrong) problems.add(wrong);
        continue;
      }
      // A file with any problem writes nothing: its rows are not gathered for writing.
      if (problems.total > 0) continue;
      const context = Object.fromEntries(
        Object.entries(value).filter(([name, v]) => !known.has(name) && typeof v === 'number'),
      );
      rows.push({
        school_id: school.id,
        pupil_id: value.pupil_id,
        academic_year: value.academic_year,
        stage: value.stage,
        outcome: value.outcome,
        prior_attainment: value.prior_attainment ?? null,
        neet: value.neet ?? null,
        context: JSON.stringify(context),
      });
      cohorts.set(`${value.stage}|${value.academic_year}`, {
        stage: value.stage,
        academicYear: value.academic_year,
      });
    }
    return { rows, cohorts: [...cohorts.values()] };
  },
  async write(db, plan) {
    const counts = await upsertRows(db, 'pupil_result', plan.rows, {
      key: ['stage', 'academic_year', 'pupil_id'],
      update: ['school_id', 'outcome', 'prior_attainment', 'neet', 'context'],
    });
    // Republishing is only needed when a pupil row really changed.
    if (counts.inserted + counts.updated > 0) {
      for (const cohort of plan.cohorts) await publishCohort(db, cohort);
    }
    return counts;
  },
};

export const valueAddedKinds: Record<string, ExchangeKind> = {
  'pupil-results': {
    importer: pupilResultImporter,
    permission: 'pupils',
    exportQuery: sql`
      select pr.pupil_id, o.code as school_code, pr.academic_year, pr.stage, pr.outcome, pr.prior_attainment, pr.neet, pr.context
      from pupil_result pr join org_unit o on o.id = pr.school_id
      order by pr.stage, pr.academic_year, pr.pupil_id`,
    exportColumns: (rows) => {
      const extra = [...new Set(rows.flatMap((r) => Object.keys(r.context as object)))].sort();
      return {
        columns: [...pupilResultColumns.all, ...extra],
        rows: rows.map(({ context, ...row }) => ({ ...row, ...(context as Record<string, number>) })),
      };
    },
  },
};
