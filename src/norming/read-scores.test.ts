// A norming file read as a data manager would give it (CSV or XLSX, long: case, rater, criterion,
// score, master) gives the statistics R gives for the same scores, and a bad file names every problem.
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { ImportRejected } from '../tabular/importer.ts';
import reference from './agreement-reference.json' with { type: 'json' };
import { parseLevels, readNormingScores } from './read-scores.ts';
import { sessionStatistics } from './session-stats.ts';

const session = [
  [3, 2, 3, 3, 3],
  [4, 3, 4, 4, 3],
  [2, 1, 2, 3, 3],
  [1, 1, 2, 1, 3],
  [3, 3, 3, 4, 3],
  [4, 3, 3, 4, 3],
  [2, 2, 2, 2, 3],
  [3, 2, 4, null, 3],
];
const master = [3, 4, 2, 1, 3, 4, 2, 3];
const rows = session.flatMap((row, i) =>
  row.map((score, r) => [
    `C${i + 1}`,
    `R${r + 1}`,
    'vision',
    score === null ? '' : String(score),
    String(master[i]),
  ]),
);
const header = ['case', 'rater', 'criterion', 'score', 'master'];
const csvFile = (lines: string[][]) => ({
  name: 'scores.csv',
  bytes: new TextEncoder().encode([header, ...lines].map((l) => l.join(',')).join('\n')),
});

describe('reading a norming file', () => {
  test("the CSV's statistics are R's: ICCs, weighted kappas, Fleiss' kappa; the harsh and the one-level raters flagged", async () => {
    const { scores, levels } = await readNormingScores(csvFile(rows));
    expect(levels).toEqual([1, 2, 3, 4]);
    const stats = sessionStatistics(scores, levels);
    const [vision] = stats.criteria;
    expect(vision?.across?.cases).toBe(7);
    expect(vision?.across?.icc2.value).toBeCloseTo(reference.session_icc.icc2[0] as number, 9);
    expect(vision?.across?.icc3.lower).toBeCloseTo(reference.session_icc.icc3[1] as number, 6);
    expect(vision?.fleiss_kappa).toBeCloseTo(reference.session_fleiss, 9);
    expect(vision?.raters.map((r) => r.kappa)).toEqual(
      reference.session_qwk.map((k) => expect.closeTo(k, 9)),
    );
    expect(vision?.raters.filter((r) => r.flags.length).map((r) => [r.rater, r.flags])).toEqual([
      ['R2', ['harsh by 0.63 levels']],
      ['R5', ['weighted kappa 0.00 (under 0.6)']],
    ]);
  });

  test('the same scores in a workbook give the same statistics', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Scores');
    sheet.addRow(header);
    for (const row of rows) sheet.addRow(row.map((cell, i) => (i >= 3 && cell !== '' ? Number(cell) : cell)));
    const xlsx = { name: 'scores.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
    const fromCsv = await readNormingScores(csvFile(rows));
    const fromXlsx = await readNormingScores(xlsx);
    expect(sessionStatistics(fromXlsx.scores, fromXlsx.levels)).toEqual(
      sessionStatistics(fromCsv.scores, fromCsv.levels),
    );
  });

  test('every problem is named by row and column, and nothing is computed', async () => {
    const bad = [
      ['C1', 'R1', 'vision', '3', '3'],
      ['C1', 'R1', 'vision', '2', '3'],
      ['C2', 'R1', 'vision', 'good', '3'],
      ['C2', 'R2', 'vision', '5', '2'],
    ];
    const error = await readNormingScores(csvFile(bad), [1, 2, 3, 4]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
      '3 rater: R1 scored case C1 on vision already on row 2',
      '4 score: "good" is not a number',
      "5 master: 2 differs from the master's 3 for case C2 on vision (row 4)",
      '5 score: 5 is not a level of the scale (1, 2, 3, 4)',
    ]);
  });

  test('a scale is a range or a list; anything else is refused by name', () => {
    expect(parseLevels('1-4')).toEqual([1, 2, 3, 4]);
    expect(parseLevels('0,1,2')).toEqual([0, 1, 2]);
    expect(() => parseLevels('4')).toThrow('levels: "4" is not a scale');
  });
});
