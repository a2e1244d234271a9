import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { cells } from './cells.ts';
import { describeProblem, ProblemCollector } from './problems.ts';
import type { Table } from './read.ts';
import { parseRecords } from './records.ts';

const shape = z.object({
  code: cells.code(),
  opened_on: cells.optionalDate(),
  capacity: cells.optionalInteger(0, 5000),
});
const spec = { all: ['code', 'opened_on', 'capacity'], required: ['code'] };
const table = (header: string[], ...rows: string[][]): Table => ({
  header,
  rows: rows.map((cells, i) => ({ row: i + 2, cells })),
});

/** The records parsed, and every problem found, in full. */
async function parse(source: Table) {
  const problems = new ProblemCollector();
  const parsed = await parseRecords(source, spec, shape, problems);
  return { ...parsed, problems: problems.report().listed };
}

describe('matching the header', () => {
  test('headers match whatever their case and spacing', async () => {
    const parsed = await parse(table(['CODE', 'Opened On'], ['S1', '2001-09-01']));
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toEqual([{ row: 2, value: { code: 'S1', opened_on: '2001-09-01' } }]);
    expect([...parsed.columns]).toEqual(['code', 'opened_on']);
  });

  test('an unknown column, a repeated column and a missing required column are each reported', async () => {
    const parsed = await parse(table(['opened_on', 'colour', 'Opened_on'], ['2001-09-01', 'red', '']));
    // Listed by row, then column.
    expect(parsed.problems.map(describeProblem)).toEqual([
      'row 1, column code: is missing (it is required)',
      'row 1, column colour: is not a column of this import (expected: code, opened_on, capacity)',
      'row 1, column Opened_on: appears twice (also column 1)',
    ]);
    expect(parsed.records).toEqual([]);
  });
});

describe('parsing rows', () => {
  test('every bad cell of every row is reported with row, column and a reason a person can act on', async () => {
    const parsed = await parse(
      table(
        ['code', 'opened_on', 'capacity'],
        ['S1', '2001-13-45', '12.5'],
        ['', '2001-02-29', '-1'],
        ['S 3', '', ''],
      ),
    );
    expect(parsed.problems.map(describeProblem)).toEqual([
      'row 2, column capacity: "12.5" is not a whole number',
      'row 2, column opened_on: "2001-13-45" is not a date (use YYYY-MM-DD)',
      'row 3, column capacity: -1 is outside 0 to 5000',
      'row 3, column code: is required',
      'row 3, column opened_on: "2001-02-29" is not a date (use YYYY-MM-DD)',
      'row 4, column code: "S 3" is not a code (use letters, digits and . _ - / without spaces)',
    ]);
  });

  test('a blank optional cell is null; a leap day is a date', async () => {
    const parsed = await parse(table(['code', 'opened_on', 'capacity'], ['S1', '2024-02-29', '']));
    expect(parsed.records[0]?.value).toEqual({ code: 'S1', opened_on: '2024-02-29', capacity: null });
  });

  test('values beyond the last heading are an error, not silently dropped', async () => {
    const parsed = await parse(table(['code'], ['S1', 'stray']));
    expect(parsed.problems.map(describeProblem)).toEqual(['row 2: has 1 value(s) beyond the last heading']);
  });
});
