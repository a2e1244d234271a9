// Reforms and their checklists as a workbook: one row per practice, the reform's columns repeated on
// each. Export writes the current checklists; import reads the same columns, checks every row first and
// saves all or nothing, each reform as saveReform would (a checklist already used gets a new version).
import { requireWholeSystem } from '../auth/actor.ts';
import { type Context, withDb } from '../context.ts';
import { HeadwayError } from '../errors.ts';
import { ImportRejected } from '../tabular/importer.ts';
import type { RowProblem } from '../tabular/problems.ts';
import { batchesOf, readTable, type UploadedFile } from '../tabular/read.ts';
import { type Cell, writeTable } from '../tabular/write.ts';
import { ReformInput, type SavedReform } from './contract.ts';
import { listReforms, reformDetail, reformProblems, writeReform } from './reforms.ts';

const columns = [
  'reform_code',
  'reform_name',
  'phase',
  'starts_on',
  'units',
  'description',
  'practice_code',
  'practice_name',
  'look_for',
] as const;
const required = [
  'reform_code',
  'reform_name',
  'phase',
  'starts_on',
  'units',
  'practice_code',
  'practice_name',
];

/** Every reform (or those named) with its current checklist, in the columns import reads. */
export async function exportReforms(context: Context, codes: string[] = []): Promise<Buffer> {
  requireWholeSystem(context.actor, 'visits:read');
  const rows: Record<string, Cell>[] = [];
  for (const summary of await listReforms(context)) {
    if (codes.length && !codes.includes(summary.code)) continue;
    const reform = await reformDetail(context, summary.code);
    for (const practice of reform.checklist)
      rows.push({
        reform_code: reform.code,
        reform_name: reform.name,
        phase: reform.phase,
        starts_on: reform.starts_on,
        units: reform.units.map((u) => u.code).join(', '),
        description: reform.description,
        practice_code: practice.code,
        practice_name: practice.name,
        look_for: practice.look_for,
      });
  }
  const unknown = codes.filter((c) => !rows.some((r) => r.reform_code === c));
  if (unknown.length) throw new HeadwayError('not_found', `No reform ${unknown.join(', ')}`);
  return writeTable(columns, rows, 'xlsx');
}

/** Reads a reforms workbook (or CSV), refusing it whole with every problem by row and column, else saves each. */
export async function importReforms(context: Context, file: UploadedFile): Promise<SavedReform[]> {
  requireWholeSystem(context.actor, 'visits:write');
  const table = await readTable(file);
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length)
    throw new ImportRejected(
      {
        total: 1,
        listed: [{ row: 1, column: null, message: `missing columns: ${missing.join(', ')}` }],
        more: [],
      },
      'reforms',
      'file',
    );
  const problems: RowProblem[] = [];
  const reforms = new Map<
    string,
    { row: number; fields: Record<string, string>; practices: Record<string, string>[] }
  >();
  for await (const batch of batchesOf(table))
    for (const { row, cells } of batch) {
      const cell = (name: string) => (cells[table.header.indexOf(name)] ?? '').trim();
      const problem = (column: string | null, message: string) => problems.push({ row, column, message });
      const empty = required.filter((c) => cell(c) === '');
      for (const column of empty) problem(column, 'is empty');
      if (empty.length) continue;
      const fields = Object.fromEntries(
        ['reform_name', 'phase', 'starts_on', 'units', 'description'].map((c) => [c, cell(c)]),
      );
      const code = cell('reform_code');
      const known = reforms.get(code);
      if (!known) reforms.set(code, { row, fields, practices: [] });
      else
        for (const [column, value] of Object.entries(fields))
          if (known.fields[column] !== value)
            problem(
              column,
              `differs from row ${known.row}'s for reform ${code} (the reform's columns must agree)`,
            );
      reforms.get(code)?.practices.push({
        code: cell('practice_code'),
        name: cell('practice_name'),
        look_for: cell('look_for'),
      });
    }
  const inputs: ReturnType<typeof ReformInput.parse>[] = [];
  for (const [code, { row, fields, practices }] of reforms) {
    const parsed = ReformInput.safeParse({
      code,
      name: fields.reform_name,
      description: fields.description,
      phase: fields.phase,
      starts_on: fields.starts_on,
      units: (fields.units ?? '').split(/\s*,\s*/).filter(Boolean),
      practices,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const column = field === 'name' ? 'reform_name' : field === 'practices' ? 'practice_code' : field;
        problems.push({ row, column, message: `reform ${code}: ${issue.message}` });
      }
      continue;
    }
    for (const message of reformProblems(parsed.data))
      problems.push({ row, column: null, message: `reform ${code}: ${message}` });
    inputs.push(parsed.data);
  }
  if (problems.length) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new ImportRejected({ total: problems.length, listed: problems, more: [] }, 'reforms', 'file');
  }
  if (!inputs.length) throw new HeadwayError('invalid', `${file.name}: no reform rows`);
  return context.db.transaction().execute(async (trx) => {
    const saved: SavedReform[] = [];
    for (const input of inputs) saved.push(await writeReform(withDb(context, trx), input));
    return saved;
  });
}
