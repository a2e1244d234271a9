// A template workbook for one import kind: the sheet to fill in (the import reads the first sheet), then
// a sheet describing each column, then the codes the file may use, one sheet per list. Columns whose
// values come from a list get a drop-down on the first sheet, as a warning rather than a stop, since the
// importer also takes aliases, other cases and codes a longer list would hold.
import ExcelJS from 'exceljs';
import type { Cell } from './write.ts';

export interface TemplateColumn {
  name: string;
  required: boolean;
  /** The type or form of a cell: "a month: YYYY-MM", "a number, at least 0". */
  format: string;
  meaning: string;
  example: string;
  /** The list sheet whose first column holds the values this column takes (a drop-down on the first sheet). */
  list?: string;
}

export interface TemplateList {
  /** The sheet's name (at most 31 characters). */
  name: string;
  columns: readonly string[];
  rows: readonly Record<string, Cell>[];
}

export interface Template {
  /** The first sheet's name: what the file holds. */
  sheet: string;
  columns: readonly TemplateColumn[];
  /** Example rows for the first sheet, to be replaced by the real ones (written with "e.g." before each cell). */
  examples: readonly Record<string, Cell>[];
  lists: readonly TemplateList[];
}

/**
 * What starts each cell of a template's example row. A row left in by mistake would otherwise write its
 * made-up figure over a real school's: such a row is refused as the example it is (records.ts).
 */
const EXAMPLE = 'e.g. ';

/** A row whose every filled cell starts "e.g. ": a template's example row, not data. */
export const isExampleRow = (cells: readonly string[]): boolean =>
  cells.some((c) => c !== '') && cells.every((c) => c === '' || c.startsWith(EXAMPLE.trim()));

/** How many rows of the first sheet get the drop-downs. */
const VALIDATED_ROWS = 5000;

const bold = { bold: true };
const exampleFont = { italic: true, color: { argb: 'FF595959' } };

function addList(workbook: ExcelJS.Workbook, list: TemplateList): void {
  const sheet = workbook.addWorksheet(list.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...list.columns]).font = bold;
  for (const row of list.rows) sheet.addRow(list.columns.map((c) => row[c] ?? ''));
  list.columns.forEach((_, i) => {
    sheet.getColumn(i + 1).width = i === 0 ? 16 : 28;
  });
}

const columnLetter = (index: number): string =>
  index < 26
    ? String.fromCharCode(65 + index)
    : columnLetter(Math.floor(index / 26) - 1) + columnLetter(index % 26);

export async function writeTemplate(template: Template): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(template.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = data.addRow(template.columns.map((c) => c.name));
  header.font = bold;
  template.columns.forEach((c, i) => {
    // Each heading carries its description, shown when the pointer rests on it.
    header.getCell(i + 1).note = `${c.required ? 'Required' : 'Optional'}. ${c.format}. ${c.meaning}`;
    data.getColumn(i + 1).width = Math.max(14, c.name.length + 4);
  });
  for (const example of template.examples) {
    const cells = template.columns.map((c) => {
      const value = example[c.name];
      return value === null || value === undefined || value === '' ? '' : `${EXAMPLE}${value}`;
    });
    data.addRow(cells).font = exampleFont;
  }
  const listLength = new Map(template.lists.map((l) => [l.name, l.rows.length]));
  template.columns.forEach((c, i) => {
    const length = c.list ? listLength.get(c.list) : undefined;
    if (!c.list || !length) return;
    const letter = columnLetter(i);
    const range = `'${c.list.replace(/'/g, "''")}'!$A$2:$A$${length + 1}`;
    for (let row = 2; row <= VALIDATED_ROWS + 1; row++) {
      data.getCell(`${letter}${row}`).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: c.name,
        error: `Not in the ${c.list} sheet: check the code before importing.`,
      };
    }
  });

  const guide = workbook.addWorksheet('Columns', { views: [{ state: 'frozen', ySplit: 1 }] });
  guide.addRow(['column', 'required', 'format', 'meaning', 'example']).font = bold;
  for (const c of template.columns)
    guide.addRow([c.name, c.required ? 'yes' : 'no', c.format, c.meaning, c.example]);
  guide.addRow([]);
  guide.addRow([
    'Replace the example row on the first sheet (its cells start "e.g.") with your own rows: a file that still has it is refused. Every other row there is imported. A file is checked whole first and nothing is written if any row has a problem.',
  ]).font = exampleFont;
  for (const [i, width] of [18, 10, 34, 70, 22].entries()) guide.getColumn(i + 1).width = width;
  guide.getColumn(4).alignment = { wrapText: true, vertical: 'top' };

  for (const list of template.lists) addList(workbook, list);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
