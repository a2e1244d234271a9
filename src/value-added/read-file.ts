// Streams a CSV of pupils into per-group sufficient statistics, for `headway va --input`: memory grows
// with groups, not rows. Blank cells leave the pupil out (complete cases); text where a number belongs
// is an error naming the row and column.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { HeadwayError } from '../errors.ts';
import { type ModelStats, StatsAccumulator } from './sufficient-stats.ts';

export interface FileStats {
  stats: ModelStats;
  rows: number;
  /** Rows left out because a cell the model needs was blank. */
  incomplete: number;
}

export async function statisticsOfCsv(
  path: string,
  group: string,
  outcome: string,
  covariates: string[],
): Promise<FileStats> {
  const accumulator = new StatsAccumulator(covariates);
  const parser = createReadStream(path).pipe(parse({ bom: true, trim: true, skip_empty_lines: true }));
  let header: string[] | null = null;
  let indices: number[] = [];
  let groupIndex = -1;
  let row = 1;
  let incomplete = 0;
  const values = new Float64Array(covariates.length);
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = cells;
      const find = (name: string) => {
        const index = cells.indexOf(name);
        if (index < 0)
          throw new HeadwayError('invalid', `${path} has no column ${name} (it has: ${cells.join(', ')})`);
        return index;
      };
      groupIndex = find(group);
      indices = [outcome, ...covariates].map(find);
      continue;
    }
    row++;
    const texts = indices.map((i) => cells[i] ?? '');
    const groupCode = cells[groupIndex] ?? '';
    if (groupCode === '' || texts.some((t) => t === '')) {
      incomplete++;
      continue;
    }
    const numbers = texts.map(Number);
    const bad = numbers.findIndex((n) => !Number.isFinite(n));
    if (bad >= 0)
      throw new HeadwayError(
        'unprocessable',
        `${path} row ${row}, column ${header[indices[bad] as number]}: "${texts[bad]}" is not a number`,
      );
    for (let j = 0; j < covariates.length; j++) values[j] = numbers[j + 1] as number;
    accumulator.add(groupCode, values, numbers[0] as number);
  }
  if (!header) throw new HeadwayError('invalid', `${path} is empty`);
  return { stats: accumulator.result(), rows: row - 1, incomplete };
}
