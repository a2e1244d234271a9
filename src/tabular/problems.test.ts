import { describe, expect, test } from 'vitest';
import { describeMore, ProblemCollector, type RowProblem } from './problems.ts';

/** A problem of one of three kinds, by a row's number, each kind's message quoting the row's own value. */
function problemOf(row: number): RowProblem {
  if (row % 3 === 0)
    return { row, column: 'value', message: `"v${row}" is not a number`, reason: 'is not a number' };
  if (row % 3 === 1)
    return { row, column: 'school_code', message: `X${row} is not a school`, reason: 'is not a school' };
  return { row, column: 'value', message: 'is required' };
}

describe('the problems of an import', () => {
  test('the first in row order are listed whatever order the checks found them in; the rest are counted', () => {
    const collector = new ProblemCollector(10);
    // Two passes over the rows, as the importer makes them: cells first, then references; each backwards.
    const rows = Array.from({ length: 40 }, (_, i) => i + 2);
    for (const row of [...rows].reverse()) if (row % 2 === 0) collector.add(problemOf(row));
    for (const row of [...rows].reverse()) if (row % 2 === 1) collector.add(problemOf(row));
    const report = collector.report();

    expect(report.total).toBe(40);
    expect(report.listed.map((p) => p.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Counted by hand from problemOf: rows 12 to 41.
    const expected = new Map<string, number>();
    for (let row = 12; row <= 41; row++) {
      const { column, reason, message } = problemOf(row);
      const key = `${column}|${reason ?? message}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(report.more.map((c) => [`${c.column}|${c.reason}`, c.count])).toEqual(
      [...expected].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    );
    expect(report.more.reduce((sum, c) => sum + c.count, 0)).toBe(30);
  });

  test('within a row, problems are listed by column, and in the order found for the same column', () => {
    const collector = new ProblemCollector(3);
    collector.add({ row: 5, column: 'value', message: 'second' });
    collector.add({ row: 5, column: 'element', message: 'first' });
    collector.add({ row: 5, column: 'value', message: 'third' });
    collector.add({ row: null, column: null, message: 'the file has no rows' });
    expect(collector.report().listed.map((p) => p.message)).toEqual([
      'the file has no rows',
      'first',
      'second',
    ]);
    expect(collector.report().more).toEqual([{ column: 'value', reason: 'third', count: 1 }]);
  });

  test('a person reads how many more there are, and of what', () => {
    const collector = new ProblemCollector(1);
    for (let row = 2; row < 1502; row++) collector.add(problemOf(row));
    expect(describeMore(collector.report())).toEqual([
      // Rows 3 to 1501 (row 2 is listed): 500 with row % 3 = 0 and 500 with 1, 499 with 2.
      'and 1,499 more:',
      '  column school_code — is not a school (500)',
      '  column value — is not a number (500)',
      '  column value — is required (499)',
    ]);
    expect(describeMore(new ProblemCollector().report())).toEqual([]);
  });
});
