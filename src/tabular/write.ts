// Writes rows as CSV or XLSX with the same columns the importers read, so an export re-imports unchanged.
// Every export of the app and the CLI goes through writeTable, so it is the one place where text that
// a spreadsheet would run as a formula is made harmless (see formulas.ts).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { quoteFormula } from './formulas.ts';

export type TableFormat = 'csv' | 'xlsx';

export type Cell = string | number | null;

/** A number stays a number (so figures stay figures); anything else is text, never a formula object. */
function cellValue(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? value : String(value);
}

export async function writeTable(
  columns: readonly string[],
  rows: readonly Record<string, Cell>[],
  format: TableFormat,
): Promise<Buffer> {
  if (format === 'csv') {
    const matrix = rows.map((row) => columns.map((c) => cellValue(row[c])));
    const quoted = matrix.map((values) => values.map((v) => (typeof v === 'string' ? quoteFormula(v) : v)));
    return Buffer.from(stringify([columns.map(quoteFormula), ...quoted]), 'utf8');
  }
  return writeWorkbook([{ name: 'data', columns, rows }]);
}

interface Sheet {
  name: string;
  columns: readonly string[];
  rows: readonly Record<string, Cell>[];
  /** How a column's numbers are shown (Excel's format, e.g. `0.0`); the cells keep every digit. */
  formats?: Record<string, string>;
  /** Column widths in characters, where the default would cut the text short. */
  widths?: Record<string, number>;
}

/** An XLSX workbook of several sheets, each a header row (frozen) and its rows. */
export async function writeWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  // XLSX cells are typed: a string is written as a string cell, which a spreadsheet shows as text and
  // never evaluates, so `=SUM(1)` needs no apostrophe there and reads back exactly.
  const workbook = new ExcelJS.Workbook();
  for (const { name, columns, rows, formats = {}, widths = {} } of sheets) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(columns as string[]).font = { bold: true };
    for (const row of rows) sheet.addRow(columns.map((c) => cellValue(row[c])));
    columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      const format = formats[c];
      if (format) column.numFmt = format;
      const width = widths[c];
      if (width) column.width = width;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
