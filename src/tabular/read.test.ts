import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { readCsv, readTable, readXlsx, wholeTable } from './read.ts';
import { writeTable } from './write.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading CSV', () => {
  test('keeps spreadsheet row numbers, skipping blank rows without renumbering the rest', async () => {
    const table = await wholeTable(await readCsv(bytes('code,name\nA,Ash\n\n,\nB,"Birch, Upper"\n')));
    expect(table.header).toEqual(['code', 'name']);
    expect(table.rows).toEqual([
      { row: 2, cells: ['A', 'Ash'] },
      { row: 5, cells: ['B', 'Birch, Upper'] },
    ]);
  });

  test('reads a byte-order mark, semicolons (European Excel) and Windows-1252 accents', async () => {
    const withBom = await wholeTable(
      await readCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('code;name\nA;Zoë\n')])),
    );
    expect(withBom.header).toEqual(['code', 'name']);
    expect(withBom.rows[0]?.cells).toEqual(['A', 'Zoë']);
    const latin = await wholeTable(await readCsv(new Uint8Array([...bytes('code,name\nA,Zo'), 0xeb, 0x0a])));
    expect(latin.rows[0]?.cells).toEqual(['A', 'Zoë']);
  });

  test('a file read slice by slice gives the rows a whole read gives, cells across slices included', async () => {
    // About 300 KB: several 64 KB slices, with quoted cells holding commas, quotes and line breaks.
    const lines = ['code,name,note'];
    for (let i = 0; i < 4000; i++) lines.push(`S${i},"School ${i}, ""Upper""","line one\nline ${i} two"`);
    const text = `${lines.join('\r\n')}\r\n`;
    const table = await wholeTable(await readCsv(bytes(text)));
    const [header, ...records] = parse(text) as string[][];
    expect(table.header).toEqual(header);
    // A record spans two lines; rows are numbered by record.
    expect(table.rows).toEqual(records.map((cells, i) => ({ row: i + 2, cells })));
  });

  test('a CSV that cannot be parsed is refused with where it went wrong', async () => {
    const text = `code,name\n${'S1,Ash\n'.repeat(20_000)}S2,"Birch\n`;
    await expect(wholeTable(await readCsv(bytes(text)))).rejects.toThrow(
      /The CSV could not be read near row 20002: Quote Not Closed/,
    );
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
      const table = await wholeTable(
        await readTable({ name: `x.${format}`, bytes: await writeTable(columns, rows, format) }),
      );
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
