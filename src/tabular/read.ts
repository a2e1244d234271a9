// Reads a spreadsheet (CSV or XLSX) into a header and rows of text cells, keeping each row's
// number as the person sees it in their spreadsheet program (the header is row 1).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { parse as parseYaml } from 'yaml';
import { HeadwayError } from '../errors.ts';
import { unquoteFormula } from './formulas.ts';

export interface TableRow {
  /** 1-based, as shown by a spreadsheet program; the header is row 1. */
  row: number;
  cells: string[];
}

export interface Table {
  header: string[];
  rows: TableRow[];
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export async function readTable(file: UploadedFile): Promise<Table> {
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

export function readCsv(bytes: Uint8Array): Table {
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel in much of Europe saves "CSV" with semicolons.
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new HeadwayError(
      'unprocessable',
      `The CSV could not be read${line ? ` near row ${line}` : ''}: ${(error as Error).message}`,
    );
  }
  // `'=x` is how an export writes the text =x so that a spreadsheet does not run it (formulas.ts);
  // trimmed again so that a quoted `'<tab>x` reads as x, as every other cell and XLSX's do.
  const cellOf = (cell: string) => unquoteFormula(cell.trim()).trim();
  const [header = [], ...body] = records;
  const rows = body.map((cells, i) => ({ row: i + 2, cells: cells.map(cellOf) }));
  return { header: header.map(cellOf), rows: rows.filter((r) => r.cells.some((c) => c !== '')) };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new HeadwayError('unprocessable', `The XLSX file could not be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new HeadwayError('unprocessable', 'The XLSX file has no worksheet');
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

export function readYaml(bytes: Uint8Array): Table {
  let records: unknown;
  try {
    records = parseYaml(decodeText(bytes));
  } catch (error) {
    throw new HeadwayError('unprocessable', `The YAML could not be read: ${(error as Error).message}`);
  }
  return recordsToTable(records);
}
