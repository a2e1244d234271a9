// `headway import pupil-results`: pseudonymised pupil outcomes, prior attainment and any context
// columns. After the rows are written, each cohort in the file is refitted and republished as KPIs in
// the same transaction, so the dashboards never show value added from other data than the pupils'.
// `headway import national-reference`: the national average outcome by band of prior attainment, which
// value added against the national expectation is measured from.
import { sql } from 'kysely';
import { upsertRows } from '../db/upsert.ts';
import { duplicateKeys, notASchoolProblem, orgUnitsByCode } from '../registry/lookups.ts';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import type { Importer } from '../tabular/importer.ts';
import { nextTurn, turnEvery } from '../tabular/pace.ts';
import { publishCohort } from './publish.ts';
import {
  type NationalExpectationRow,
  nationalExpectationColumns,
  nationalExpectationRow,
  type PupilResultRow,
  pupilResultColumns,
  pupilResultRow,
} from './schema.ts';

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

interface ReferencePlan {
  rows: NationalExpectationRow[];
  /** Each reference, stage and year the file defines (whole: its other bands go). */
  defined: { reference: string; stage: string; academic_year: string }[];
}

const referenceImporter: Importer<NationalExpectationRow, ReferencePlan> = {
  kind: 'national-reference',
  columns: nationalExpectationColumns,
  shape: nationalExpectationRow,
  async check(_db, records, _columns, problems) {
    const bands = new Map<string, { row: number; value: NationalExpectationRow }[]>();
    for (const record of records) {
      const { value, row } = record;
      if (value.prior_to !== null && value.prior_to !== undefined && value.prior_to <= value.prior_from)
        problems.add({
          row,
          column: 'prior_to',
          message: `${value.prior_to} is not above prior_from (${value.prior_from}): a band runs from prior_from up to prior_to`,
          reason: 'is not above prior_from',
        });
      const key = JSON.stringify([value.reference, value.stage, value.academic_year]);
      bands.set(key, [...(bands.get(key) ?? []), record]);
    }
    // Within one reference, stage and year the bands may not overlap: a pupil has one expectation.
    for (const rows of bands.values()) {
      const sorted = [...rows].sort((a, b) => a.value.prior_from - b.value.prior_from);
      for (let i = 1; i < sorted.length; i++) {
        const before = sorted[i - 1] as (typeof sorted)[number];
        const { row, value } = sorted[i] as (typeof sorted)[number];
        const end = before.value.prior_to ?? Number.POSITIVE_INFINITY;
        if (value.prior_from < end)
          problems.add({
            row,
            column: 'prior_from',
            message: `the band from ${value.prior_from} overlaps row ${before.row}'s (from ${before.value.prior_from}${before.value.prior_to == null ? ' up' : ` to ${before.value.prior_to}`}) in ${value.reference} ${value.stage} ${value.academic_year}`,
            reason: 'overlaps another band',
          });
      }
    }
    return {
      rows: records.map((r) => r.value),
      defined: [...bands.keys()].map((key) => {
        const [reference, stage, academic_year] = JSON.parse(key) as [string, string, string];
        return { reference, stage, academic_year };
      }),
    };
  },
  async write(db, plan) {
    let removed = 0;
    for (const d of plan.defined) {
      const gone = await db
        .deleteFrom('national_expectation')
        .where('reference', '=', d.reference)
        .where('stage', '=', d.stage)
        .where('academic_year', '=', d.academic_year)
        .where(
          'prior_from',
          'not in',
          plan.rows
            .filter(
              (r) =>
                r.reference === d.reference && r.stage === d.stage && r.academic_year === d.academic_year,
            )
            .map((r) => r.prior_from),
        )
        .executeTakeFirst();
      removed += Number(gone.numDeletedRows);
    }
    const counts = await upsertRows(
      db,
      'national_expectation',
      plan.rows.map((r) => ({ ...r, prior_to: r.prior_to ?? null })),
      {
        key: ['reference', 'stage', 'academic_year', 'prior_from'],
        update: ['prior_to', 'expected_outcome'],
      },
    );
    if (counts.inserted + counts.updated + removed > 0) {
      const cohorts = new Set(plan.defined.map((d) => JSON.stringify([d.stage, d.academic_year])));
      for (const key of cohorts) {
        const [stage, academicYear] = JSON.parse(key) as [string, string];
        await publishCohort(db, { stage, academicYear });
      }
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
  'national-reference': {
    importer: referenceImporter,
    permission: 'kpi',
    exportQuery: sql`
      select reference, stage, academic_year, prior_from, prior_to, expected_outcome
      from national_expectation order by reference, stage, academic_year, prior_from`,
  },
};
