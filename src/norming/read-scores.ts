// Reads a norming session's scores from a long CSV or XLSX (case, rater, criterion, score, and an
// optional master column), checked as an import is: every problem named by row and column, nothing
// computed from a file with any. A blank score is a score the rater did not give.
import { z } from 'zod';
import { cells } from '../tabular/cells.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { ProblemCollector } from '../tabular/problems.ts';
import { readTable, type UploadedFile } from '../tabular/read.ts';
import { parseRecords } from '../tabular/records.ts';
import type { Score } from './session-stats.ts';

const columns = {
  all: ['case', 'rater', 'criterion', 'score', 'master'],
  required: ['case', 'rater', 'criterion', 'score'],
};

const scoreRow = z.object({
  case: cells.text(200),
  rater: cells.text(200),
  criterion: cells.text(200),
  score: cells.optionalInteger(-100, 100),
  master: cells.optionalInteger(-100, 100),
});

/** `1-4` or `1,2,3,4` as the scale's levels. */
export function parseLevels(text: string): number[] {
  const range = /^\s*(-?\d+)\s*-\s*(-?\d+)\s*$/.exec(text);
  const levels = range
    ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
    : text.split(',').map((t) => Number(t.trim()));
  if (levels.length < 2 || levels.some((l) => !Number.isInteger(l)) || new Set(levels).size !== levels.length)
    throw new RangeError(`levels: "${text}" is not a scale (use e.g. 1-4 or 1,2,3,4,5)`);
  return levels;
}

/**
 * The scores, and the scale: the levels given, else every whole number from the lowest score or master
 * to the highest. A score outside the scale, a case scored twice by one rater on one criterion, or two
 * different masters for one case and criterion is a problem on its row.
 */
export async function readNormingScores(
  file: UploadedFile,
  givenLevels?: number[],
  /** Given, the problems go here for the caller to add its own and refuse; else a file with any is refused here. */
  collector?: ProblemCollector,
): Promise<{ scores: Score[]; levels: number[]; rows: number[] }> {
  const problems = collector ?? new ProblemCollector();
  const parsed = await parseRecords(await readTable(file), columns, scoreRow, problems);
  const values = parsed.records
    .flatMap(({ value }) => [value.score, value.master])
    .filter((v): v is number => typeof v === 'number');
  const low = Math.min(...values);
  const high = Math.max(...values);
  const levels =
    givenLevels ?? (values.length ? Array.from({ length: high - low + 1 }, (_, i) => low + i) : []);
  const onScale = new Set(levels);
  const seen = new Map<string, number>();
  const masters = new Map<string, { value: number; row: number }>();
  const scores: Score[] = [];
  const rows: number[] = [];
  for (const { row, value } of parsed.records) {
    const score = value.score ?? null;
    const master = value.master ?? null;
    for (const [column, v] of [
      ['score', score],
      ['master', master],
    ] as const)
      if (typeof v === 'number' && !onScale.has(v))
        problems.add({
          row,
          column,
          message: `${v} is not a level of the scale (${levels.join(', ')})`,
          reason: 'is not a level of the scale',
        });
    const key = `${value.case}\u0000${value.rater}\u0000${value.criterion}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      problems.add({
        row,
        column: 'rater',
        message: `${value.rater} scored case ${value.case} on ${value.criterion} already on row ${earlier}`,
        reason: 'scored twice',
      });
    else seen.set(key, row);
    if (typeof master === 'number') {
      const masterKey = `${value.case}\u0000${value.criterion}`;
      const first = masters.get(masterKey);
      if (first && first.value !== master)
        problems.add({
          row,
          column: 'master',
          message: `${master} differs from the master's ${first.value} for case ${value.case} on ${value.criterion} (row ${first.row})`,
          reason: 'differs from the master on an earlier row',
        });
      else if (!first) masters.set(masterKey, { value: master, row });
    }
    rows.push(row);
    scores.push({
      case: value.case,
      rater: value.rater,
      criterion: value.criterion,
      score,
      master: typeof master === 'number' ? master : null,
    });
  }
  if (problems.total === 0 && parsed.rows === 0)
    problems.add({ row: null, column: null, message: 'the file has no rows' });
  if (!collector && problems.total > 0) throw new ImportRejected(problems.report(), 'norming scores', 'file');
  return { scores, levels, rows };
}
