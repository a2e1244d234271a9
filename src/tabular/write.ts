// Writes rows as CSV or XLSX with the same columns the importers read, so an export re-imports unchanged.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type TableFormat = 'csv' | 'xlsx';

export type Cell = string | number | null;

export async function writeTable(
  columns: readonly string[],
  rows: readonly Record<string, Cell>[],
  format: TableFormat,
): Promise<Buffer> {
  const matrix = rows.map((row) => columns.map((c) => row[c] ?? ''));
  if (format === 'csv') return Buffer.from(stringify([columns as string[], ...matrix]), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(columns as string[]).font = { bold: true };
  for (const values of matrix) sheet.addRow(values);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
