// The one rule every export keeps against formula injection: in CSV, text a spreadsheet would run as a
// formula starts with an apostrophe; in XLSX, text is a string cell; and both read back as they were.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { readTable, wholeTable } from './read.ts';
import { writeTable } from './write.ts';

const dangerous = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+2',
  '-Minus School',
  '@SUM(1)',
  '\tTabbed',
  '\rReturned',
  '＝1+1', // a full-width equals sign, which Apple Numbers reads as =
];

/** The cells exactly as the CSV holds them, without Headway's reader in between. */
const rawCsv = (bytes: Buffer) => parse(bytes.toString('utf8')) as string[][];

describe('formula injection in exports', () => {
  test('text starting with = + - @ tab or return: in CSV after an apostrophe, in XLSX a plain string cell', async () => {
    const names = [...dangerous, 'Ash Primary', "O'Neill Academy", 'a=b'];
    const rows = names.map((name) => ({ name, value: -4.14 }));

    const [header, ...cells] = rawCsv(await writeTable(['name', 'value'], rows, 'csv'));
    expect(header).toEqual(['name', 'value']);
    expect(cells.map(([name]) => name)).toEqual([
      ...dangerous.map((name) => `'${name}`),
      'Ash Primary',
      "O'Neill Academy",
      'a=b',
    ]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTable(['name', 'value'], rows, 'xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    names.forEach((name, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      expect(cell.type, name).toBe(ExcelJS.ValueType.String);
      expect(cell.formula, name).toBeUndefined();
      // XML reads a carriage return as a line feed; every other character comes back as written.
      expect(cell.value).toBe(name.replace('\r', '\n'));
      expect(sheet.getRow(i + 2).getCell(2).value).toBe(-4.14);
    });
  });

  test('figures stay plain numbers: -4.14 and -3 are written as they are, typed or as text', async () => {
    const rows = [
      { value: -4.14, text: '-4.14' },
      { value: -3, text: '-3' },
      { value: 0, text: '-3 pupils' },
    ];
    const csv = (await writeTable(['value', 'text'], rows, 'csv')).toString('utf8');
    expect(csv).toBe("value,text\n-4.14,-4.14\n-3,-3\n0,'-3 pupils\n");
  });

  test('what the writer writes reads back as the exact text in both formats, apostrophes included', async () => {
    const names = [...dangerous, "'=already quoted", "'", "''@", "'plain", '-3', 'Ash'];
    const rows = names.map((name, i) => ({ code: `S${i}`, name }));
    const csv = await writeTable(['code', 'name'], rows, 'csv');
    // Text that already starts with an apostrophe before a trigger gets one more, so it is not mistaken
    // for a quoted cell when read back.
    expect(rawCsv(csv).map(([, name]) => name)).toContain("''=already quoted");
    for (const format of ['csv', 'xlsx'] as const) {
      const bytes = format === 'csv' ? csv : await writeTable(['code', 'name'], rows, format);
      const table = await wholeTable(await readTable({ name: `x.${format}`, bytes }));
      // The reader trims every cell, in any file: compare with the trimmed text.
      expect(
        table.rows.map((r) => r.cells[1]),
        format,
      ).toEqual(names.map((n) => n.trim()));
    }
  });
});
