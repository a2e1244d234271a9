// Turns a read table into typed records for one import kind: matches the header to the kind's columns,
// parses every row with the kind's zod shape, and collects every problem as "row N, column C: reason".
import type { z } from 'zod';
import { normaliseTerm } from './cells.ts';
import type { Table } from './read.ts';

export interface RowProblem {
  /** Spreadsheet row (header = 1); null for a problem with the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
}

export function describeProblem(problem: RowProblem): string {
  const where = [
    problem.row !== null ? `row ${problem.row}` : null,
    problem.column ? `column ${problem.column}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${problem.message}` : problem.message;
}

export interface ColumnSpec {
  /** Every column of the format, in the documented (and exported) order. */
  all: readonly string[];
  required: readonly string[];
  /** Further columns the file may add (each a snake_case name), passed to the shape as they are. */
  open?: boolean;
}

export interface ParsedRecords<T> {
  /** Columns the file has (canonical names). Columns it lacks are left as they are on existing records. */
  columns: Set<string>;
  records: { row: number; value: T }[];
  problems: RowProblem[];
}

export function parseRecords<T>(table: Table, spec: ColumnSpec, shape: z.ZodType<T>): ParsedRecords<T> {
  const known = new Set(spec.all);
  const problems: RowProblem[] = [];
  const header = table.header.map((h) => normaliseTerm(h));
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const original = table.header[i] ?? '';
    if (name === '') {
      if (table.rows.some((r) => (r.cells[i] ?? '') !== '')) {
        problems.push({ row: 1, column: `#${i + 1}`, message: 'has values but no heading' });
      }
    } else if (!known.has(name) && spec.open && /^[a-z][a-z0-9_]*$/.test(name)) {
      if (seen.has(name)) problems.push({ row: 1, column: original, message: 'appears twice' });
      else seen.set(name, i);
    } else if (!known.has(name)) {
      problems.push({
        row: 1,
        column: original,
        message: spec.open
          ? `is not a usable column name (use letters, digits and _, starting with a letter)`
          : `is not a column of this import (expected: ${spec.all.join(', ')})`,
      });
    } else if (seen.has(name)) {
      problems.push({
        row: 1,
        column: original,
        message: `appears twice (also column ${(seen.get(name) ?? 0) + 1})`,
      });
    } else {
      seen.set(name, i);
    }
  });
  for (const name of spec.required) {
    if (!seen.has(name)) problems.push({ row: 1, column: name, message: 'is missing (it is required)' });
  }
  if (problems.length > 0) return { columns: new Set(seen.keys()), records: [], problems };

  const records: { row: number; value: T }[] = [];
  for (const { row, cells } of table.rows) {
    const raw: Record<string, string> = {};
    for (const [name, index] of seen) raw[name] = cells[index] ?? '';
    const extra = cells.slice(header.length).filter((c) => c !== '');
    if (extra.length > 0) {
      problems.push({ row, column: null, message: `has ${extra.length} value(s) beyond the last heading` });
    }
    const result = shape.safeParse(raw);
    if (result.success) records.push({ row, value: result.data });
    else {
      for (const issue of result.error.issues) {
        problems.push({ row, column: String(issue.path[0] ?? ''), message: issue.message });
      }
    }
  }
  return { columns: new Set(seen.keys()), records, problems };
}
