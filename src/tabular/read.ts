// Reads a spreadsheet (CSV or XLSX) into a header and rows of text cells, keeping each row's
// number as the person sees it in their spreadsheet program (the header is row 1). A CSV's rows are
// read as they are used, so a 50 MB file is never held as a million rows at once.
import { isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { HeadwayError } from '../errors.ts';
import { unquoteFormula } from './formulas.ts';
import { nextTurn } from './pace.ts';

export interface TableRow {
  /** 1-based, as shown by a spreadsheet program; the header is row 1. */
  row: number;
  cells: string[];
}

export interface Table {
  header: string[];
  rows: TableRow[];
}

/** A table read a batch of rows at a time, as a CSV is, so that a big file is never held as rows all at once. */
export interface StreamedTable {
  header: string[];
  batches: AsyncIterable<TableRow[]>;
}

export type TableSource = Table | StreamedTable;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** The rows of either kind of table, a batch at a time. */
export function batchesOf(table: TableSource): Iterable<TableRow[]> | AsyncIterable<TableRow[]> {
  return 'rows' in table ? [table.rows] : table.batches;
}

export async function readTable(file: UploadedFile): Promise<TableSource> {
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(file.bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(file.bytes);
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return readYaml(file.bytes);
  throw new HeadwayError('invalid', `${file.name}: use a .csv, .xlsx or .yaml file`);
}

/** UTF-8 (with or without a byte-order mark); files that are not valid UTF-8 are read as Windows-1252, as older Excel writes them. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The bytes as UTF-8: as they are when they are UTF-8 already (the usual case), else read as Windows-1252. */
function asUtf8(bytes: Uint8Array): Buffer {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isUtf8(buffer) ? buffer : Buffer.from(new TextDecoder('windows-1252').decode(bytes), 'utf8');
}

const CSV_SLICE = 64 * 1024;

/** A CSV's header, then its rows a slice of the file at a time, with a turn for the event loop between slices. */
export async function readCsv(bytes: Uint8Array): Promise<StreamedTable> {
  const utf8 = asUtf8(bytes);
  const start = utf8.subarray(0, CSV_SLICE).toString('utf8');
  const firstLine = start.slice(0, start.search(/\r?\n|$/));
  // Excel in much of Europe saves "CSV" with semicolons.
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  // `'=x` is how an export writes the text =x so that a spreadsheet does not run it (formulas.ts);
  // trimmed again so that a quoted `'<tab>x` reads as x, as every other cell and XLSX's do.
  const cellOf = (cell: string) => unquoteFormula(cell.trim()).trim();
  const records = csvRecords(utf8, delimiter);
  let header: string[] | undefined;
  let pending: string[][] = [];
  while (header === undefined) {
    const next = await records.next();
    if (next.done) break;
    [header, ...pending] = next.value;
  }
  // One interner a column, so that a column of unique values (pupil ids) does not crowd out the others.
  const interners: ((text: string) => string)[] = [];
  const internerOf = (column: number) => {
    let found = interners[column];
    if (!found) {
      found = interner();
      interners[column] = found;
    }
    return found;
  };
  async function* batches(): AsyncGenerator<TableRow[]> {
    let row = 1;
    const rowsOf = (records: string[][]) => {
      const rows: TableRow[] = [];
      for (const record of records) {
        row++;
        const cells = record.map((cell, i) => internerOf(i)(cellOf(cell)));
        if (cells.some((c) => c !== '')) rows.push({ row, cells });
      }
      return rows;
    };
    yield rowsOf(pending);
    pending = [];
    for await (const slice of records) yield rowsOf(slice);
  }
  return { header: (header ?? []).map(cellOf), batches: batches() };
}

/**
 * One string for each value that repeats down a column: a school's code is on every one of its rows, so a
 * big file's rows share a few thousand strings instead of holding millions of copies (which the garbage
 * collector would copy and mark again and again). Values past the first 10,000 distinct ones are kept as
 * they are.
 */
function interner(limit = 10_000): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    if (seen.size < limit) seen.set(text, text);
    return text;
  };
}

/** The records of a CSV, parsed a slice of its bytes at a time. */
async function* csvRecords(utf8: Buffer, delimiter: string): AsyncGenerator<string[][], void, undefined> {
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
  const unreadable = (error: unknown) => {
    const line = (error as { lines?: number }).lines;
    return new HeadwayError(
      'unprocessable',
      `The CSV could not be read${line ? ` near row ${line}` : ''}: ${(error as Error).message}`,
    );
  };
  parser.on('error', () => {}); // seen as `errored` below, where the reading stops
  const read = () => {
    const records: string[][] = [];
    for (let record = parser.read(); record !== null; record = parser.read()) records.push(record);
    return records;
  };
  try {
    for (let at = 0; at < utf8.length; at += CSV_SLICE) {
      // A slice's records come out as it goes in; the parser keeps a record cut off at the end of a slice.
      parser.write(utf8.subarray(at, at + CSV_SLICE));
      if (parser.errored) throw unreadable(parser.errored);
      yield read();
      await nextTurn();
    }
    parser.end();
    const rest: string[][] = [];
    for await (const record of parser) rest.push(record as string[]);
    yield rest;
  } catch (error) {
    throw error instanceof CsvError ? unreadable(error) : error;
  } finally {
    parser.destroy();
  }
}

/** Every row of a source at once: for a small file, or to look at in a test. */
export async function wholeTable(source: TableSource): Promise<Table> {
  const rows: TableRow[] = [];
  for await (const batch of batchesOf(source)) for (const row of batch) rows.push(row);
  return { header: source.header, rows };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const [first] = await readXlsxSheets(bytes);
  if (!first) throw new HeadwayError('unprocessable', 'The XLSX file has no worksheet');
  return first.table;
}

/** Every worksheet of a workbook, by name, each as a table (its first row the header). */
export async function readXlsxSheets(bytes: Uint8Array): Promise<{ name: string; table: Table }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new HeadwayError('unprocessable', `The XLSX file could not be read: ${(error as Error).message}`);
  }
  return workbook.worksheets.map((sheet) => ({ name: sheet.name, table: sheetTable(sheet) }));
}

function sheetTable(sheet: ExcelJS.Worksheet): Table {
  const width = sheet.columnCount;
  const rows: TableRow[] = [];
  let header: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (sheetRow, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= width; col++) cells.push(cellText(sheetRow.getCell(col).value));
    if (header.length === 0 && rows.length === 0 && rowNumber >= 1) {
      header = cells;
      return;
    }
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  while (header.length > 0 && header.at(-1) === '') header.pop();
  return { header, rows };
}

/** Turns what ExcelJS gives for a cell (number, date, rich text, formula, link) into the text a person sees. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('error' in value) return String(value.error);
  }
  return String(value).trim();
}

/** A list of records (or an object holding one list), as YAML or JSON gives it; record N is row N. */
export function recordsToTable(records: unknown): Table {
  const list = Array.isArray(records)
    ? records
    : records && typeof records === 'object'
      ? Object.values(records).find(Array.isArray)
      : undefined;
  if (!list) throw new HeadwayError('unprocessable', 'Expected a list of records');
  const header: string[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw new HeadwayError(
        'unprocessable',
        `Record ${list.indexOf(item) + 1} is not a set of named values`,
      );
    }
    for (const key of Object.keys(item)) if (!header.includes(key)) header.push(key);
  }
  const text = (v: unknown) =>
    v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
  return {
    header,
    rows: list.map((item: Record<string, unknown>, i: number) => ({
      row: i + 1,
      cells: header.map((h) => text(item[h])),
    })),
  };
}

function readYaml(bytes: Uint8Array): Table {
  let records: unknown;
  try {
    records = parseYaml(decodeText(bytes));
  } catch (error) {
    throw new HeadwayError('unprocessable', `The YAML could not be read: ${(error as Error).message}`);
  }
  return recordsToTable(records);
}
