// `headway import inspections`: each school's inspections, graded under a framework: a legacy overall
// grade (with leadership and category), or a report card's grade per evaluation area (one column per
// area code) and safeguarding. The evidence for the profile's history, the good-or-better indicators,
// and brokering's inspection and leadership rules.
import { sql } from 'kysely';
import { upsertRows } from '../db/upsert.ts';
import { duplicateKeys, notASchoolProblem, orgUnitsByCode } from '../registry/lookups.ts';
import { normaliseTerm } from '../tabular/cells.ts';
import type { ExchangeKind } from '../tabular/exchange-kind.ts';
import type { Importer } from '../tabular/importer.ts';
import type { RowProblem } from '../tabular/problems.ts';
import { frameworkImporter } from './framework-importer.ts';
import type { FrameworkDefinition } from './frameworks.ts';
import { loadFrameworks } from './outcome.ts';
import { type InspectionCategory, type InspectionRow, inspectionColumns, inspectionRow } from './schema.ts';

interface InspectionPlan {
  rows: {
    school_id: number;
    inspected_on: string;
    framework: string;
    overall: string | null;
    leadership: string | null;
    category: InspectionCategory | null;
    grades: string;
    safeguarding: 'met' | 'not_met' | null;
  }[];
  update: string[];
}

const fixed: ReadonlySet<string> = new Set(inspectionColumns.all);

/** A grade's code from its code, name or an alias, as a file may write it ("Requires improvement", "RI", "3"). */
function gradeReader(framework: FrameworkDefinition): (text: string) => string | undefined {
  const byTerm = new Map<string, string>();
  for (const g of framework.grades)
    for (const term of [g.code, g.name, ...g.aliases]) byTerm.set(normaliseTerm(term), g.code);
  return (text) => byTerm.get(normaliseTerm(text));
}

/** The default when the file names no framework: an overall grade is a legacy inspection, areas a report card. */
const defaultFramework = (value: InspectionRow) => (value.overall ? 'ofsted-legacy' : 'ofsted-2025');

function checkGrades(
  row: number,
  value: InspectionRow,
  framework: FrameworkDefinition,
): {
  problems: RowProblem[];
  overall: string | null;
  leadership: string | null;
  grades: Record<string, string>;
} {
  const problems: RowProblem[] = [];
  const read = gradeReader(framework);
  const scale = framework.grades.map((g) => g.code).join(', ');
  const grade = (column: string, text: string | null | undefined): string | null => {
    if (!text) return null;
    const code = read(text);
    if (code) return code;
    const reason = `is not a grade of ${framework.code} (use one of: ${scale})`;
    problems.push({ row, column, message: `"${text}" ${reason}`, reason });
    return null;
  };
  const areaCells = Object.entries(value).filter(
    ([column, text]) => !fixed.has(column) && typeof text === 'string' && text !== '',
  ) as [string, string][];
  const grades: Record<string, string> = {};
  if (framework.form === 'overall') {
    if (!value.overall) {
      const reason = `is required for a ${framework.code} inspection (an overall grade: ${scale})`;
      problems.push({ row, column: 'overall', message: reason, reason });
    }
    for (const [column] of areaCells) {
      const reason = `is not graded under ${framework.code}, which has one overall grade`;
      problems.push({ row, column, message: reason, reason });
    }
    return {
      problems,
      overall: grade('overall', value.overall),
      leadership: grade('leadership', value.leadership),
      grades,
    };
  }
  if (value.overall) {
    const reason = `is not given on a ${framework.code} report card: grade each evaluation area in its own column`;
    problems.push({ row, column: 'overall', message: reason, reason });
  }
  if (value.leadership) {
    const reason = `is not given on a ${framework.code} report card: its ${framework.leadership_area ?? 'leadership'} column is`;
    problems.push({ row, column: 'leadership', message: reason, reason });
  }
  const areas = new Set(framework.areas.map((a) => a.code));
  for (const [column, text] of areaCells) {
    if (!areas.has(column)) {
      const reason = `is not an evaluation area of ${framework.code} (use: ${[...areas].join(', ')})`;
      problems.push({ row, column, message: reason, reason });
      continue;
    }
    const code = grade(column, text);
    if (code) grades[column] = code;
  }
  for (const area of framework.areas)
    if (!area.optional && !areaCells.some(([column]) => column === area.code)) {
      const reason = `is required for a ${framework.code} report card (${area.name})`;
      problems.push({ row, column: area.code, message: reason, reason });
    }
  if (framework.safeguarding && !value.safeguarding) {
    const reason = `is required for a ${framework.code} report card (met or not_met)`;
    problems.push({ row, column: 'safeguarding', message: reason, reason });
  }
  return { problems, overall: null, leadership: null, grades };
}

const inspectionImporter: Importer<InspectionRow, InspectionPlan> = {
  kind: 'inspections',
  columns: inspectionColumns,
  shape: inspectionRow,
  async check(db, records, columns, problems, today) {
    await duplicateKeys(
      records,
      (r) => [r.inspected_on, r.school_code],
      'inspected_on',
      (r) => `${r.school_code}'s inspection on ${r.inspected_on}`,
      problems,
    );
    const [schools, frameworks] = await Promise.all([
      orgUnitsByCode(
        db,
        records.map((r) => r.value.school_code),
      ),
      loadFrameworks(db),
    ]);
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
      const frameworkCode = value.framework ?? defaultFramework(value);
      const framework = frameworks.get(frameworkCode);
      if (!framework) {
        const reason = `is not a framework (use one of: ${[...frameworks.keys()].join(', ')}, or import your own as inspection-frameworks)`;
        problems.add({ row, column: 'framework', message: `"${frameworkCode}" ${reason}`, reason });
        continue;
      }
      const checked = checkGrades(row, value, framework);
      for (const problem of checked.problems) problems.add(problem);
      // A file with any problem writes nothing: its rows are not gathered for writing.
      if (problems.total > 0) continue;
      rows.push({
        school_id: school.id,
        inspected_on: value.inspected_on,
        framework: framework.code,
        overall: checked.overall,
        leadership: checked.leadership,
        category: value.category ?? null,
        grades: JSON.stringify(checked.grades),
        safeguarding: value.safeguarding ?? null,
      });
    }
    // Columns left out keep their values; the grades and framework are the row's whole judgement.
    const update = [
      'framework',
      'overall',
      'grades',
      ...['leadership', 'category', 'safeguarding'].filter((c) => columns.has(c)),
    ];
    return { rows, update };
  },
  async write(db, { rows, update }) {
    return upsertRows(db, 'inspection', rows, { key: ['school_id', 'inspected_on'], update });
  },
};

export const inspectionKinds: Record<string, ExchangeKind> = {
  'inspection-frameworks': {
    importer: frameworkImporter,
    permission: 'registry',
    exportQuery: sql`
      select f.code as framework, f.name as framework_name, f.form, f.leadership_area, f.safeguarding,
        'area' as part, a.code, a.name, case when a.optional then 'yes' else 'no' end as optional,
        null as good_or_better, null as legacy, null as aliases, a.position
      from inspection_framework f join inspection_area a on a.framework = f.code
      union all
      select f.code, f.name, f.form, f.leadership_area, f.safeguarding,
        'grade', g.code, g.name, null, case when g.good_or_better then 'yes' else 'no' end, g.legacy,
        array_to_string(g.aliases, ';'), g.position
      from inspection_framework f join inspection_grade g on g.framework = f.code
      order by 1, 6, 13`,
  },
  inspections: {
    importer: inspectionImporter,
    permission: 'registry',
    exportQuery: sql`
      select o.code as school_code, i.inspected_on, i.framework, i.overall, i.leadership, i.category,
        i.safeguarding, i.grades
      from inspection i join org_unit o on o.id = i.school_id
      order by o.code, i.inspected_on`,
    // A report card's areas go back out as the columns they came in by.
    exportColumns: (rows) => {
      const areas = [
        ...new Set(rows.flatMap((r) => Object.keys((r.grades as Record<string, string>) ?? {}))),
      ];
      return {
        columns: [...inspectionColumns.all, ...areas],
        rows: rows.map(({ grades, ...rest }) => ({ ...rest, ...(grades as Record<string, string>) })),
      };
    },
  },
};
