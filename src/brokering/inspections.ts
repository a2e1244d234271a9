// `headway import inspections`: each school's inspection judgements, the evidence for the inspection
// and leadership need rules and for an NLE's eligibility (a good or outstanding school).
import { sql } from 'kysely';
import { upsertRows } from '../db/upsert.ts';
import { duplicateKeys, notASchoolProblem, orgUnitsByCode } from '../registry/lookups.ts';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import type { Importer } from '../tabular/importer.ts';
import { type InspectionRow, inspectionColumns, inspectionRow } from './schema.ts';

interface InspectionPlan {
  rows: {
    school_id: number;
    inspected_on: string;
    overall: string;
    leadership: string | null;
    category: string | null;
  }[];
}

const inspectionImporter: Importer<InspectionRow, InspectionPlan> = {
  kind: 'inspections',
  columns: { all: inspectionColumns, required: ['school_code', 'inspected_on', 'overall'] },
  shape: inspectionRow,
  async check(db, records, _columns, problems, today) {
    await duplicateKeys(
      records,
      (r) => [r.inspected_on, r.school_code],
      'inspected_on',
      (r) => `${r.school_code}'s inspection on ${r.inspected_on}`,
      problems,
    );
    const schools = await orgUnitsByCode(
      db,
      records.map((r) => r.value.school_code),
    );
    const rows: InspectionPlan['rows'] = [];
    for (const { row, value } of records) {
      const school = schools.get(value.school_code);
      const wrong = notASchoolProblem(row, value.school_code, school, 'inspections are of schools');
      if (wrong || !school) {
        if (wrong) problems.add(wrong);
        continue;
      }
      if (value.inspected_on > today) {
        const reason = 'is in the future';
        problems.add({ row, column: 'inspected_on', message: `${value.inspected_on} ${reason}`, reason });
        continue;
      }
      // A file with any problem writes nothing: its rows are not gathered for writing.
      if (problems.total > 0) continue;
      rows.push({
        school_id: school.id,
        inspected_on: value.inspected_on,
        overall: value.overall,
        leadership: value.leadership ?? null,
        category: value.category ?? null,
      });
    }
    return { rows };
  },
  async write(db, { rows }) {
    return upsertRows(db, 'inspection', rows, {
      key: ['school_id', 'inspected_on'],
      update: ['overall', 'leadership', 'category'],
    });
  },
};

export const brokeringKinds: Record<string, ExchangeKind> = {
  inspections: {
    importer: inspectionImporter,
    permission: 'registry',
    exportQuery: sql`
      select o.code as school_code, i.inspected_on, i.overall, i.leadership, i.category
      from inspection i join org_unit o on o.id = i.school_id
      order by o.code, i.inspected_on`,
  },
};
