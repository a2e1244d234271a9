// Streams a CSV of pupils into per-group sufficient statistics, for `headway va --input`: memory grows
// with groups, not rows. Blank cells leave the pupil out (complete cases); text where a number belongs
// is an error naming the row and column. A file with a stage column holds one stage per fit.
//
// Most such files are plain numbers and codes, so they are read as bytes in large chunks and split on
// commas here, which is several times faster than a general CSV parser; a file with a quote anywhere
// (a quoted field may hold commas or line breaks) is read by csv-parse instead. Both give the same rows,
// so the same statistics to the last bit (read-file.test.ts).
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';
import { HeadwayError } from '../errors.ts';
import { type GroupStats, type ModelStats, StatsAccumulator } from './sufficient-stats.ts';

export interface FileStats {
  stats: ModelStats;
  rows: number;
  /** Rows left out because a cell the model needs was blank. */
  incomplete: number;
}

export interface FileModel {
  group: string;
  outcome: string;
  covariates: string[];
  /** Only the rows of this stage (the file's `stage` column). */
  stage?: string;
}

const STAGE_COLUMN = 'stage';

/** What the header says about where each needed value is. */
interface Layout {
  header: string[];
  groupIndex: number;
  /** Column indices of the outcome, then the covariates. */
  indices: number[];
  stageIndex: number;
}

function layoutOf(path: string, header: string[], model: FileModel): Layout {
  const find = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0)
      throw new HeadwayError('invalid', `${path} has no column ${name} (it has: ${header.join(', ')})`);
    return index;
  };
  return {
    header,
    groupIndex: find(model.group),
    indices: [model.outcome, ...model.covariates].map(find),
    stageIndex: model.stage === undefined ? header.indexOf(STAGE_COLUMN) : find(STAGE_COLUMN),
  };
}

const notANumber = (path: string, row: number, column: string, text: string) =>
  new HeadwayError('unprocessable', `${path} row ${row}, column ${column}: "${text}" is not a number`);

const wrongLength = (path: string, row: number, cells: number, header: number) =>
  new HeadwayError('unprocessable', `${path} row ${row} has ${cells} cells where the header has ${header}`);

/** One stage at a time: a file holding several, read without --stage, would mix their scales. */
function checkStages(path: string, stages: Set<string>, model: FileModel): void {
  if (model.stage === undefined && stages.size > 1)
    throw new HeadwayError(
      'invalid',
      `${path} holds pupils of ${stages.size} stages (${[...stages].sort().join(', ')}): fit one at a time with --stage, since their outcomes are on different scales`,
    );
  if (model.stage !== undefined && !stages.has(model.stage))
    throw new HeadwayError(
      'invalid',
      `${path} has no pupils in stage ${model.stage} (it has: ${[...stages].sort().join(', ') || 'none'})`,
    );
}

export async function statisticsOfCsv(
  path: string,
  model: FileModel,
  options: { parser?: 'fast' | 'csv-parse' } = {},
): Promise<FileStats> {
  if ((options.parser ?? 'fast') === 'fast') {
    const read = readPlainCsv(path, model);
    if (read) return read;
  }
  return readWithCsvParse(path, model);
}

async function readWithCsvParse(path: string, model: FileModel): Promise<FileStats> {
  const { covariates } = model;
  const accumulator = new StatsAccumulator(covariates);
  const parser = createReadStream(path).pipe(parse({ bom: true, trim: true, skip_empty_lines: true }));
  let layout: Layout | null = null;
  let row = 1;
  let incomplete = 0;
  const stages = new Set<string>();
  const values = new Float64Array(covariates.length);
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!layout) {
        layout = layoutOf(path, cells, model);
        continue;
      }
      row++;
      const { header, groupIndex, indices, stageIndex } = layout;
      if (stageIndex >= 0) {
        const stage = cells[stageIndex] ?? '';
        stages.add(stage);
        if (model.stage !== undefined && stage !== model.stage) continue;
      }
      const texts = indices.map((i) => cells[i] ?? '');
      const groupCode = cells[groupIndex] ?? '';
      if (groupCode === '' || texts.some((t) => t === '')) {
        incomplete++;
        continue;
      }
      const numbers = texts.map(Number);
      const bad = numbers.findIndex((n) => !Number.isFinite(n));
      if (bad >= 0)
        throw notANumber(path, row, header[indices[bad] as number] as string, texts[bad] as string);
      for (let j = 0; j < covariates.length; j++) values[j] = numbers[j + 1] as number;
      accumulator.add(groupCode, values, numbers[0] as number);
    }
  } catch (error) {
    // csv-parse's own errors (a quote left open, a row of the wrong length) name the line.
    if (error instanceof HeadwayError) throw error;
    throw new HeadwayError('unprocessable', `${path}: ${(error as Error).message}`);
  }
  if (!layout) throw new HeadwayError('invalid', `${path} is empty`);
  if (layout.stageIndex >= 0) checkStages(path, stages, model);
  return { stats: accumulator.result(), rows: row - 1, incomplete };
}

const COMMA = 44;
const NEWLINE = 10;
const RETURN = 13;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;
const CHUNK = 1 << 23;
const POWERS = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A decimal number as Number() reads it. The common case (an optional sign, at most 15 digits, an
 * optional fraction) is integer / 10^k, both exact in a double, so one division rounds it exactly as
 * Number() does; anything else (exponents, more digits, text) goes to Number() itself.
 */
function parseNumber(bytes: Buffer, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = bytes[i] as number;
  if (first === 45 || first === 43) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 && fraction < 0 && digits > 0) fraction = digits;
    else return Number(bytes.toString('utf8', start, end));
  }
  if (digits === 0 || digits > 15 || fraction === digits) return Number(bytes.toString('utf8', start, end));
  const value = fraction < 0 ? mantissa : mantissa / (POWERS[digits - fraction] as number);
  return negative ? -value : value;
}

/** The plain reader: null when the file has a quote anywhere, for csv-parse to read instead. */
function readPlainCsv(path: string, model: FileModel): FileStats | null {
  const { covariates } = model;
  const accumulator = new StatsAccumulator(covariates);
  const p1 = covariates.length + 1;
  const fd = openSync(path, 'r');
  let buffer = Buffer.allocUnsafe(CHUNK);
  let layout: Layout | null = null;
  // For each column: -1 not needed, else its rank among the outcome and covariates; the group and stage apart.
  let ranks: Int32Array = new Int32Array(0);
  let columns = 0;
  const values = new Float64Array(p1);
  const covariateValues = values.subarray(1);
  const stage = model.stage === undefined ? null : Buffer.from(model.stage);
  const stages = new Set<string>();
  let lastStage = Buffer.alloc(0);
  let lastGroup = Buffer.alloc(0);
  let current: GroupStats | null = null;
  let row = 1;
  let incomplete = 0;
  let filled = 0;
  let atStart = true;
  try {
    for (;;) {
      if (filled === buffer.length) {
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      const eof = read === 0;
      const before = filled;
      filled += read;
      if (buffer.subarray(before, filled).indexOf(QUOTE) >= 0) return null;
      let start = 0;
      if (atStart && filled >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3;
      if (filled > 0) atStart = false;
      // Complete lines only, unless the file has ended.
      const limit = eof ? filled : buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      while (start < limit) {
        let end = buffer.indexOf(NEWLINE, start);
        if (end < 0 || end >= limit) end = limit;
        const next = end + 1;
        if (end > start && buffer[end - 1] === RETURN) end--;
        if (end === start) {
          start = next;
          continue;
        }
        if (!layout) {
          const header = buffer
            .toString('utf8', start, end)
            .split(',')
            .map((cell) => cell.trim());
          layout = layoutOf(path, header, model);
          columns = header.length;
          ranks = new Int32Array(columns).fill(-1);
          layout.indices.forEach((column, rank) => {
            ranks[column] = rank;
          });
          start = next;
          continue;
        }
        row++;
        const { groupIndex, stageIndex, indices } = layout;
        let column = 0;
        let cellStart = start;
        let blank = false;
        let badRank = -1;
        let skip = false;
        let groupStart = 0;
        let groupEnd = 0;
        for (let i = start; i <= end; i++) {
          if (i < end && buffer[i] !== COMMA) continue;
          // The cell is [cellStart, i), trimmed as csv-parse's trim does.
          let s = cellStart;
          let e = i;
          while (s < e && (buffer[s] === SPACE || buffer[s] === TAB)) s++;
          while (e > s && (buffer[e - 1] === SPACE || buffer[e - 1] === TAB)) e--;
          if (column === stageIndex) {
            if (!sameBytes(buffer, s, e, lastStage)) {
              lastStage = Buffer.from(buffer.subarray(s, e));
              stages.add(lastStage.toString('utf8'));
            }
            if (stage && !sameBytes(buffer, s, e, stage)) skip = true;
          }
          if (column === groupIndex) {
            groupStart = s;
            groupEnd = e;
            if (s === e) blank = true;
          }
          const rank = column < columns ? (ranks[column] as number) : -1;
          if (rank >= 0) {
            if (s === e) blank = true;
            else if (!blank) {
              const value = parseNumber(buffer, s, e);
              values[rank] = value;
              if (!Number.isFinite(value) && (badRank < 0 || rank < badRank)) badRank = rank;
            }
          }
          column++;
          cellStart = i + 1;
        }
        start = next;
        if (column !== columns) throw wrongLength(path, row, column, columns);
        if (skip) continue;
        if (blank) {
          incomplete++;
          continue;
        }
        if (badRank >= 0) {
          const index = indices[badRank] as number;
          throw notANumber(path, row, layout.header[index] as string, cellText(buffer, start - 1, index));
        }
        // Rows usually come school by school, so the school's sums are looked up only when it changes.
        if (!current || !sameBytes(buffer, groupStart, groupEnd, lastGroup)) {
          lastGroup = Buffer.from(buffer.subarray(groupStart, groupEnd));
          current = accumulator.groupStats(lastGroup.toString('utf8'));
        }
        accumulator.addTo(current, covariateValues, values[0] as number);
      }
      if (eof) break;
      buffer.copy(buffer, 0, limit, filled);
      filled -= limit;
    }
  } finally {
    closeSync(fd);
  }
  if (!layout) throw new HeadwayError('invalid', `${path} is empty`);
  if (layout.stageIndex >= 0) checkStages(path, stages, model);
  return { stats: accumulator.result(), rows: row - 1, incomplete };
}

function sameBytes(buffer: Buffer, start: number, end: number, other: Buffer): boolean {
  if (end - start !== other.length) return false;
  for (let i = 0; i < other.length; i++) if (buffer[start + i] !== other[i]) return false;
  return true;
}

/** The trimmed text of one cell of the line ending before `lineEnd`, for an error message. */
function cellText(buffer: Buffer, lineEnd: number, column: number): string {
  let lineStart = lineEnd;
  while (lineStart > 0 && buffer[lineStart - 1] !== NEWLINE) lineStart--;
  let end = lineEnd;
  if (end > lineStart && buffer[end - 1] === RETURN) end--;
  return (buffer.toString('utf8', lineStart, end).split(',')[column] ?? '').trim();
}
