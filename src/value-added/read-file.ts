// Streams a CSV of pupils into per-group sufficient statistics, for `headway va --input`: memory grows
// with groups, not rows. Blank cells leave the pupil out (complete cases); text where a number belongs
// is an error naming the row and column. A file with a stage column holds one stage per fit.
//
// Most such files are plain numbers and codes, so they are read as bytes in large chunks and split on
// commas here, which is several times faster than a general CSV parser; a file with a quote anywhere
// (a quoted field may hold commas or line breaks) is read by csv-parse instead. Both give the same rows,
// so the same statistics to the last bit (read-file.test.ts).
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
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
  // Loaded only here: most files never need it, and `headway va --input` starts faster without it.
  const { parse } = await import('csv-parse');
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

const SKIP = -1;
const GROUP = -2;
const STAGE = -3;

/** The plain reader: null when the file has a quote anywhere, for csv-parse to read instead. */
function readPlainCsv(path: string, model: FileModel): FileStats | null {
  const { covariates } = model;
  const accumulator = new StatsAccumulator(covariates);
  const fd = openSync(path, 'r');
  let buffer = Buffer.allocUnsafe(CHUNK);
  let layout: Layout | null = null;
  // Each column's role: its rank among the outcome and covariates, or SKIP, GROUP or STAGE.
  let roles = new Int32Array(0);
  let columns = 0;
  const values = new Float64Array(covariates.length + 1);
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
      const bytes = buffer;
      let i = 0;
      if (atStart && filled >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
      if (filled > 0) atStart = false;
      // Complete lines only, unless the file has ended.
      const limit = eof ? filled : buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
      while (i < limit) {
        // Empty lines are skipped, as csv-parse's skip_empty_lines does.
        if (bytes[i] === NEWLINE) {
          i++;
          continue;
        }
        if (bytes[i] === RETURN && (i + 1 === limit || bytes[i + 1] === NEWLINE)) {
          i += 2;
          continue;
        }
        if (!layout) {
          let end = buffer.indexOf(NEWLINE, i);
          if (end < 0 || end >= limit) end = limit;
          const header = buffer
            .toString('utf8', i, end)
            .split(',')
            .map((cell) => cell.trim());
          layout = layoutOf(path, header, model);
          columns = header.length;
          roles = new Int32Array(columns).fill(SKIP);
          roles[layout.groupIndex] = GROUP;
          if (layout.stageIndex >= 0) roles[layout.stageIndex] = STAGE;
          layout.indices.forEach((column, rank) => {
            roles[column] = rank;
          });
          i = end + 1;
          continue;
        }
        row++;
        const lineStart = i;
        let column = 0;
        let blank = false;
        let badRank = -1;
        let skip = false;
        let groupStart = 0;
        let groupEnd = 0;
        // One cell per turn: [s, e) is the cell trimmed as csv-parse's trim does; k is the comma or line end after it.
        for (;;) {
          const role = column < columns ? (roles[column] as number) : SKIP;
          let s = i;
          while (s < limit && (bytes[s] === SPACE || bytes[s] === TAB)) s++;
          let k = s;
          let value = Number.NaN;
          let parsed = false;
          if (role >= 0) {
            // Most numbers are an optional sign, at most 15 digits and a point: integer / 10^k is then
            // exact in both parts, so one division rounds exactly as Number() does.
            let j = s;
            let negative = false;
            if (bytes[j] === 45 || bytes[j] === 43) negative = bytes[j++] === 45;
            let mantissa = 0;
            let digits = 0;
            let fraction = -1;
            for (; j < limit; j++) {
              const c = bytes[j] as number;
              if (c >= 48 && c <= 57) {
                mantissa = mantissa * 10 + (c - 48);
                digits++;
              } else if (c === 46 && fraction < 0) fraction = digits;
              else break;
            }
            k = j;
            if (
              digits > 0 &&
              digits <= 15 &&
              fraction !== digits &&
              (k === limit || bytes[k] === COMMA || bytes[k] === NEWLINE)
            ) {
              const magnitude = fraction < 0 ? mantissa : mantissa / (POWERS[digits - fraction] as number);
              value = negative ? -magnitude : magnitude;
              parsed = true;
            }
          }
          while (k < limit && bytes[k] !== COMMA && bytes[k] !== NEWLINE) k++;
          let e = k;
          const lineEnds = k === limit || bytes[k] === NEWLINE;
          while (
            e > s &&
            (bytes[e - 1] === SPACE || bytes[e - 1] === TAB || (lineEnds && bytes[e - 1] === RETURN))
          )
            e--;
          if (role >= 0) {
            if (s === e) blank = true;
            else if (!blank) {
              if (!parsed) value = Number(buffer.toString('utf8', s, e));
              values[role] = value;
              if (!Number.isFinite(value) && (badRank < 0 || role < badRank)) badRank = role;
            }
          } else if (role === GROUP) {
            groupStart = s;
            groupEnd = e;
            if (s === e) blank = true;
          } else if (role === STAGE) {
            if (!sameBytes(buffer, s, e, lastStage)) {
              lastStage = Buffer.from(buffer.subarray(s, e));
              stages.add(lastStage.toString('utf8'));
            }
            if (stage && !sameBytes(buffer, s, e, stage)) skip = true;
          }
          column++;
          i = k + 1;
          if (lineEnds) break;
        }
        if (column !== columns) throw wrongLength(path, row, column, columns);
        if (skip) continue;
        if (blank) {
          incomplete++;
          continue;
        }
        if (badRank >= 0) {
          const index = layout.indices[badRank] as number;
          throw notANumber(path, row, layout.header[index] as string, cellText(buffer, lineStart, index));
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

/** The trimmed text of one cell of the line starting at `lineStart`, for an error message. */
function cellText(buffer: Buffer, lineStart: number, column: number): string {
  let end = buffer.indexOf(NEWLINE, lineStart);
  if (end < 0) end = buffer.length;
  return (buffer.toString('utf8', lineStart, end).split(',')[column] ?? '').trim();
}
