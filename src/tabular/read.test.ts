import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { readCsv, readTable, readXlsx } from './read.ts';
import { writeTable } from './write.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading CSV', () => {
  test('keeps spreadsheet row numbers, skipping blank rows without renumbering the rest', () => {
    const table = readCsv(bytes('code,name\nA,Ash\n\n,\nB,"Birch, Upper"\n'));
    expect(table.header).toEqual(['code', 'name']);
    expect(table.rows).toEqual([
      { row: 2, cells: ['A', 'Ash'] },
      { row: 5, cells: ['B', 'Birch, Upper'] },
    ]);
  });

  test('reads a byte-order mark, semicolons (European Excel) and Windows-1252 accents', () => {
    const withBom = readCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('code;name\nA;Zoë\n')]));
    expect(withBom.header).toEqual(['code', 'name']);
    expect(withBom.rows[0]?.cells).toEqual(['A', 'Zoë']);
    const latin = readCsv(new Uint8Array([...bytes('code,name\nA,Zo'), 0xeb, 0x0a]));
    expect(latin.rows[0]?.cells).toEqual(['A', 'Zoë']);
  });

  test('refuses a file that is neither CSV, XLSX nor YAML', async () => {
    await expect(readTable({ name: 'schools.pdf', bytes: bytes('x') })).rejects.toThrow(
      /use a \.csv, \.xlsx or \.yaml file/,
    );
  });
});

describe('reading XLSX', () => {
  test('gives dates as YYYY-MM-DD, numbers as typed, and the sheet row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('schools');
    sheet.addRow(['code', 'opened_on', 'capacity']);
    sheet.addRow(['S1', new Date(Date.UTC(2014, 3, 1)), 210]);
    sheet.addRow([]);
    sheet.addRow(['S2', '2001-09-01', 0.5]);
    const table = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(table.header).toEqual(['code', 'opened_on', 'capacity']);
    expect(table.rows).toEqual([
      { row: 2, cells: ['S1', '2014-04-01', '210'] },
      { row: 4, cells: ['S2', '2001-09-01', '0.5'] },
    ]);
  });

  test('what writeTable writes, readTable reads back the same, in both formats', async () => {
    const columns = ['code', 'name', 'capacity'];
    const rows = [
      { code: 'S1', name: 'Ash, "Upper"', capacity: 210 },
      { code: 'S2', name: 'Birch', capacity: null },
    ];
    for (const format of ['csv', 'xlsx'] as const) {
      const table = await readTable({ name: `x.${format}`, bytes: await writeTable(columns, rows, format) });
      expect(table.header).toEqual(columns);
      expect(table.rows.map((r) => r.cells)).toEqual([
        ['S1', 'Ash, "Upper"', '210'],
        ['S2', 'Birch', ''],
      ]);
    }
  });

  test('a file that is not really XLSX is a clear error', async () => {
    await expect(readTable({ name: 'schools.xlsx', bytes: bytes('code,name') })).rejects.toThrow(
      /could not be read/,
    );
  });
});
