// Turns a read table into typed records for one import kind: matches the header to the kind's columns,
// parses every row with the kind's zod shape, and adds every problem ("row N, column C: reason") to the
// import's problems, which keep the first ones in full and count the rest.
import { z } from 'zod';
import { normaliseTerm } from './cells.ts';
import { nextTurn, turnEvery } from './pace.ts';
import type { ProblemCollector } from './problems.ts';
import { batchesOf, type TableSource } from './read.ts';
import { isExampleRow } from './template.ts';

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
  /**
   * Every row, each typed as the shape says where it parsed. A row with a cell that did not parse is here
   * too, with that cell's text in its place, so the kind's checks still look at its other cells (a bad
   * number and an unknown element on one row are two problems); the problems collector drops what the
   * checks say about a cell already reported. None when the header is wrong.
   */
  records: { row: number; value: T }[];
  /** How many rows (not blank) the file has. */
  rows: number;
}

/** The reason a zod issue carries: cells.ts gives one with each message that quotes the cell's text. */
function reasonOf(issue: z.core.$ZodIssue): string | undefined {
  return issue.code === 'custom' ? (issue.params?.reason as string | undefined) : undefined;
}

interface CellIssue {
  column: string;
  message: string;
  reason: string | undefined;
}

/** A row that did not parse gives its issues, and (for a shape parsed by column) its cells with the text of those that failed. */
type RowResult<T> = { ok: true; value: T } | { ok: false; issues: CellIssue[]; partial?: T };
type CellResult = { ok: true; value: unknown } | { ok: false; issues: CellIssue[] };

/**
 * The text a cell that did not parse stands as for the checks that follow: trimmed, and without the NUL
 * characters the database cannot take in a lookup (the cell's own problem is reported already).
 */
const failedText = (text: string | undefined) => (text ?? '').trim().replaceAll('\u0000', '');

/** How many distinct texts of one column keep their parsed value. */
const REMEMBERED_CELLS = 10_000;

/**
 * A function from a row's cells (`columns`: each column's name and place) to its record or its issues.
 * A shape that is a plain object of cells (every import's but one) is parsed a column at a time, and a
 * column's text is parsed once however many rows hold it: a school's code, a month, an element repeat down
 * a file, so a million rows cost about as much as their distinct values. A shape with rules beyond its
 * columns (a catch-all for open columns) parses each row whole.
 */
function rowParser<T>(shape: z.ZodType<T>, columns: [string, number][]): (cells: string[]) => RowResult<T> {
  const issuesOf = (error: z.ZodError, column?: string) =>
    error.issues.map((issue) => ({
      column: column ?? String(issue.path[0] ?? ''),
      message: issue.message,
      reason: reasonOf(issue),
    }));
  const plain = shape instanceof z.ZodObject && !shape._zod.def.catchall && !shape._zod.def.checks?.length;
  if (!plain) {
    // An object with a catch-all (open columns) whose row did not parse is still checked on the cells that
    // did: each column parsed alone by its own schema (or the catch-all), the text kept where it failed.
    const object = shape instanceof z.ZodObject && !shape._zod.def.checks?.length ? shape : null;
    const partialOf = (raw: Record<string, string>, failed: Set<string>): T | undefined => {
      if (!object) return undefined;
      const fields = object.shape as Record<string, z.ZodType>;
      const rest = object._zod.def.catchall as z.ZodType | undefined;
      const value: Record<string, unknown> = {};
      for (const [name, text] of Object.entries(raw)) {
        const schema = fields[name] ?? rest;
        const parsed = !failed.has(name) && schema ? schema.safeParse(text) : undefined;
        value[name] = parsed?.success ? parsed.data : failedText(text);
      }
      return value as T;
    };
    return (cells) => {
      const raw: Record<string, string> = {};
      for (const [name, index] of columns) raw[name] = cells[index] ?? '';
      const result = shape.safeParse(raw);
      if (result.success) return { ok: true, value: result.data };
      const issues = issuesOf(result.error);
      return { ok: false, issues, partial: partialOf(raw, new Set(issues.map((i) => i.column))) };
    };
  }
  const place = new Map(columns);
  const parsers = Object.entries(shape.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const parse = (text: string | undefined): CellResult => {
      const result = schema.safeParse(text);
      return result.success
        ? { ok: true, value: result.data }
        : { ok: false, issues: issuesOf(result.error, name) };
    };
    const index = place.get(name);
    // A column the file leaves out is parsed once, as zod would see it: undefined.
    if (index === undefined) {
      const absent = parse(undefined);
      return { name, cell: () => absent, index };
    }
    const remembered = new Map<string, CellResult>();
    const cell = (cells: string[]) => {
      const text = cells[index] ?? '';
      let result = remembered.get(text);
      if (result === undefined) {
        result = parse(text);
        const shared = !result.ok || result.value === null || typeof result.value !== 'object';
        if (shared && remembered.size < REMEMBERED_CELLS) remembered.set(text, result);
      }
      return result;
    };
    return { name, cell, index };
  });
  return (cells) => {
    const value: Record<string, unknown> = {};
    let issues: CellIssue[] | undefined;
    for (const { name, cell, index } of parsers) {
      const result = cell(cells);
      if (!result.ok) {
        issues = issues ? [...issues, ...result.issues] : result.issues;
        value[name] = index === undefined ? undefined : failedText(cells[index]);
      } else if (result.value !== undefined) value[name] = result.value;
    }
    return issues ? { ok: false, issues, partial: value as T } : { ok: true, value: value as T };
  };
}

export async function parseRecords<T>(
  table: TableSource,
  spec: ColumnSpec,
  shape: z.ZodType<T>,
  problems: ProblemCollector,
): Promise<ParsedRecords<T>> {
  const known = new Set(spec.all);
  const header = table.header.map((h) => normaliseTerm(h));
  const seen = new Map<string, number>();
  const headerProblems = problems.total;
  /** Columns without a heading: a problem only if a row has a value there. */
  const unnamed: number[] = [];
  header.forEach((name, i) => {
    const original = table.header[i] ?? '';
    if (name === '') {
      unnamed.push(i);
    } else if (!known.has(name) && spec.open && /^[a-z][a-z0-9_]*$/.test(name)) {
      if (seen.has(name)) problems.add({ row: 1, column: original, message: 'appears twice' });
      else seen.set(name, i);
    } else if (!known.has(name)) {
      problems.add({
        row: 1,
        column: original,
        message: spec.open
          ? `is not a usable column name (use letters, digits and _, starting with a letter)`
          : `is not a column of this import (expected: ${spec.all.join(', ')})`,
      });
    } else if (seen.has(name)) {
      problems.add({
        row: 1,
        column: original,
        message: `appears twice (also column ${(seen.get(name) ?? 0) + 1})`,
        reason: 'appears twice',
      });
    } else {
      seen.set(name, i);
    }
  });
  for (const name of spec.required) {
    if (!seen.has(name)) problems.add({ row: 1, column: name, message: 'is missing (it is required)' });
  }
  // With a wrong header the rows are only counted (and looked at for values under no heading): what
  // their cells mean is not known.
  const headerIsWrong = problems.total > headerProblems;

  const parseRow = rowParser(shape, [...seen]);
  const records: { row: number; value: T }[] = [];
  const valuesWithoutHeading = new Set<number>();
  const due = turnEvery();
  let rows = 0;
  for await (const batch of batchesOf(table)) {
    for (const { row, cells } of batch) {
      rows++;
      if (due()) await nextTurn();
      for (const i of unnamed) if ((cells[i] ?? '') !== '') valuesWithoutHeading.add(i);
      if (headerIsWrong) continue;
      let extra = 0;
      for (let i = header.length; i < cells.length; i++) if (cells[i] !== '') extra++;
      if (extra > 0) {
        problems.add({
          row,
          column: null,
          message: `has ${extra} value(s) beyond the last heading`,
          reason: 'has values beyond the last heading',
        });
      }
      if (isExampleRow(cells)) {
        problems.add({
          row,
          column: null,
          message:
            'is the template\'s example row (its cells start "e.g."): delete it, or replace it with your own',
          reason: "is the template's example row",
        });
        continue;
      }
      const result = parseRow(cells);
      if (result.ok) records.push({ row, value: result.value });
      else {
        for (const { column, message, reason } of result.issues) {
          problems.add({ row, column, message, reason });
          problems.reported(row, column);
        }
        if (result.partial) records.push({ row, value: result.partial });
      }
    }
  }
  for (const i of valuesWithoutHeading) {
    problems.add({ row: 1, column: `#${i + 1}`, message: 'has values but no heading' });
  }
  const usable = !headerIsWrong && valuesWithoutHeading.size === 0;
  return { columns: new Set(seen.keys()), records: usable ? records : [], rows };
}
