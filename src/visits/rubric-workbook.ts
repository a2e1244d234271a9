// Rubrics as a workbook: one row per criterion, its rubric's and section's columns repeated on each, and
// a descriptor per level (level_1 … level_5; level_5 empty on a 1–4 scale). Export writes the current
// versions; import reads the same columns, checks every row first and saves all or nothing, each rubric
// as saveRubric would (in place while unused, a new version once a visit is scored on it).
import { requireWholeSystem } from '../auth/actor.ts';
import { type Context, withDb } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { ImportRejected } from '../tabular/importer.ts';
import type { RowProblem } from '../tabular/problems.ts';
import { batchesOf, readTable, type UploadedFile } from '../tabular/read.ts';
import { type Cell, writeTable } from '../tabular/write.ts';
import { type RubricInput, type SavedRubric, VisitType } from './contract.ts';
import { listRubrics, rubricDetail, rubricProblems, writeRubric } from './rubrics.ts';

const levels = ['level_1', 'level_2', 'level_3', 'level_4', 'level_5'] as const;
const columns = [
  'rubric_code',
  'rubric_name',
  'scale_max',
  'visit_types',
  'section_code',
  'section_name',
  'criterion_code',
  'criterion_name',
  'evidence_prompt',
  ...levels,
] as const;
const required = [
  'rubric_code',
  'rubric_name',
  'scale_max',
  'section_code',
  'section_name',
  'criterion_code',
  'criterion_name',
];

/** The current version of every rubric (or of those named) as a workbook, in the columns import reads. */
export async function exportRubrics(context: Context, codes: string[] = []): Promise<Buffer> {
  const rows: Record<string, Cell>[] = [];
  for (const summary of await listRubrics(context)) {
    if (codes.length && !codes.includes(summary.code)) continue;
    const rubric = await rubricDetail(context, summary.code);
    for (const section of rubric.sections)
      for (const criterion of section.criteria)
        rows.push({
          rubric_code: rubric.code,
          rubric_name: rubric.name,
          scale_max: rubric.scale_max,
          visit_types: rubric.visit_types.join(', '),
          section_code: section.code,
          section_name: section.name,
          criterion_code: criterion.code,
          criterion_name: criterion.name,
          evidence_prompt: criterion.evidence_prompt,
          ...Object.fromEntries(criterion.levels.map((l) => [`level_${l.level}`, l.descriptor])),
        });
  }
  const unknown = codes.filter((c) => !rows.some((r) => r.rubric_code === c));
  if (unknown.length) throw new HeadwayError('not_found', `No rubric ${unknown.join(', ')}`);
  return writeTable(columns, rows, 'xlsx');
}

/** Reads a rubric workbook (or CSV), refusing it whole with every problem by row and column, else saves each rubric. */
export async function importRubrics(context: Context, file: UploadedFile): Promise<SavedRubric[]> {
  requireWholeSystem(context.actor, 'visits:write');
  const table = await readTable(file);
  const problems: RowProblem[] = [];
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length) {
    const report = {
      total: 1,
      listed: [{ row: 1, column: null, message: `missing columns: ${missing.join(', ')}` }],
      more: [],
    };
    throw new ImportRejected(report, 'rubrics', 'file');
  }
  const rubrics = new Map<string, RubricInput & { row: number }>();
  for await (const batch of batchesOf(table))
    for (const { row, cells } of batch) {
      const cell = (name: string) => (cells[table.header.indexOf(name)] ?? '').trim();
      const problem = (column: string | null, message: string) => problems.push({ row, column, message });
      const empty = required.filter((c) => cell(c) === '');
      for (const column of empty) problem(column, 'is empty');
      if (empty.length) continue;
      const scale = Number(cell('scale_max'));
      if (scale !== 4 && scale !== 5) {
        problem('scale_max', `"${cell('scale_max')}" is not 4 or 5`);
        continue;
      }
      const types = cell('visit_types') ? cell('visit_types').split(/\s*,\s*/) : [];
      const badType = types.find((t) => !VisitType.safeParse(t).success);
      if (badType) problem('visit_types', `"${badType}" is not one of: ${VisitType.options.join(', ')}`);
      const descriptors = levels.slice(0, scale).map((l) => cell(l));
      levels.slice(0, scale).forEach((l, i) => {
        if (!descriptors[i]) problem(l, `is empty: a 1–${scale} scale needs a descriptor for each level`);
      });
      if (scale === 4 && cell('level_5')) problem('level_5', 'is given, but the scale is 1–4');
      const code = cell('rubric_code');
      let rubric = rubrics.get(code);
      if (!rubric) {
        rubric = {
          row,
          code,
          name: cell('rubric_name'),
          scale_max: scale,
          visit_types: types as VisitType[],
          sections: [],
        };
        rubrics.set(code, rubric);
      } else if (rubric.name !== cell('rubric_name') || rubric.scale_max !== scale)
        problem(
          'rubric_name',
          `differs from row ${rubric.row}'s for rubric ${code} (name and scale_max must agree)`,
        );
      let section = rubric.sections.find((s) => s.code === cell('section_code'));
      if (!section) {
        section = { code: cell('section_code'), name: cell('section_name'), criteria: [] };
        rubric.sections.push(section);
      }
      section.criteria.push({
        code: cell('criterion_code'),
        name: cell('criterion_name'),
        evidence_prompt: cell('evidence_prompt'),
        levels: descriptors,
      });
    }
  for (const rubric of rubrics.values())
    for (const message of rubricProblems(rubric))
      problems.push({ row: rubric.row, column: null, message: `rubric ${rubric.code}: ${message}` });
  if (problems.length) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new ImportRejected({ total: problems.length, listed: problems, more: [] }, 'rubrics', 'file');
  }
  if (!rubrics.size) throw new HeadwayError('invalid', `${file.name}: no rubric rows`);
  return context.db.transaction().execute(async (trx) => {
    const saved: SavedRubric[] = [];
    for (const { row: _row, ...rubric } of rubrics.values())
      saved.push(await writeRubric(withDb(context, trx), rubric));
    return saved;
  });
}
