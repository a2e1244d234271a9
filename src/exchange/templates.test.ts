import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { exportKind, importFile, kindFor } from './exchange.ts';
import { exchangeKindNames } from './lists.ts';
import { templateColumns } from './template-columns.ts';

const actor = operator('test');
let database: Database;

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
});
afterEach(() => database.close());

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
  return workbook;
}

/** A sheet's rows below its heading, as the text of each cell. */
function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
  });
  return rows;
}

const upload = (bytes: ArrayBuffer | Buffer, name: string) => {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], name));
  return { method: 'POST', body: form };
};

test("each kind's template describes the importer's own columns, in its order", () => {
  for (const kind of exchangeKindNames)
    expect(
      templateColumns[kind].map((c) => c.name),
      kind,
    ).toEqual(kindFor(kind).importer.columns.all);
});

describe('the data-values template', () => {
  test('lists the columns, the schools with their areas, recent months and the elements with their ranges', async () => {
    const { request } = await apiAs(database, 'director', 'T');
    const response = await request('/api/v1/imports/data-values/template');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('data-values-template.xlsx');
    const workbook = await workbookOf(response);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'data-values',
      'Columns',
      'Schools',
      'Periods',
      'Elements',
    ]);
    const [data, columns, schools, periods, elements] = workbook.worksheets as [
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
    ];
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual([
      'school_code',
      'period',
      'element',
      'value',
      'category_option_combo',
    ]);
    expect(
      rowsOf(columns as ExcelJS.Worksheet)
        .slice(0, 4)
        .map((r) => r.slice(0, 2)),
    ).toEqual([
      ['school_code', 'yes'],
      ['period', 'yes'],
      ['element', 'yes'],
      ['value', 'yes'],
    ]);
    expect(rowsOf(schools as ExcelJS.Worksheet)).toEqual([
      ['S1', 'Big School', 'primary', 'A', 'Area A'],
      ['S2', 'Small School', 'primary', 'A', 'Area A'],
      ['S3', 'Third School', 'primary', 'B', 'Area B'],
      ['S4', 'Fourth School', 'primary', 'B', 'Area B'],
      ['S5', 'Fifth School', 'primary', 'B', 'Area B'],
    ]);
    expect(rowsOf(periods as ExcelJS.Worksheet)).toHaveLength(24);
    const attended = rowsOf(elements as ExcelJS.Worksheet).find((r) => r[0] === 'sessions_attended');
    expect(attended?.[3]).toBe('0');
    // The drop-down of the element column reads the Elements sheet.
    expect(data.getCell('C2').dataValidation).toMatchObject({
      type: 'list',
      formulae: [expect.stringContaining('Elements')],
    });
    // The example row names a real school, month and element, each marked as an example.
    expect(rowsOf(data as ExcelJS.Worksheet)[0]).toEqual([
      'e.g. S1',
      'e.g. 2026-10',
      'e.g. sessions_attended',
      'e.g. 950',
      '', // sessions_attended has no categories
    ]);
  });

  test('filled in, it imports: the rows are there', async () => {
    const { request } = await apiAs(database, 'director', 'T');
    const workbook = await workbookOf(await request('/api/v1/imports/data-values/template'));
    const data = workbook.worksheets[0] as ExcelJS.Worksheet;
    const filled = [
      ['S5', '2026-10', 'sessions_possible', 300],
      ['S5', '2026-10', 'sessions_attended', 270],
    ];
    filled.forEach((cells, i) => {
      data.getRow(i + 2).values = cells;
    });
    const response = await request(
      '/api/v1/imports/data-values',
      upload(await workbook.xlsx.writeBuffer(), 'filled.xlsx'),
    );
    expect(await response.json()).toMatchObject({ rows: 2, inserted: 2 });
    const { rows } = await exportKind(contextFor(database.db, actor), 'data-values');
    expect(rows.filter((r) => r.school_code === 'S5')).toEqual([
      {
        school_code: 'S5',
        period: '2026-10',
        element: 'sessions_attended',
        value: 270,
        category_option_combo: null,
      },
      {
        school_code: 'S5',
        period: '2026-10',
        element: 'sessions_possible',
        value: 300,
        category_option_combo: null,
      },
    ]);
  });

  test('uploaded as it comes, its example row is refused: it would write a made-up figure over a real one', async () => {
    const { request } = await apiAs(database, 'director', 'T');
    const bytes = await (await request('/api/v1/imports/data-values/template')).arrayBuffer();
    const response = await request('/api/v1/imports/data-values', upload(bytes, 'as-it-came.xlsx'));
    expect(response.status).toBe(422);
    expect((await response.json()).error.details.map((d: { text: string }) => d.text)).toEqual([
      'row 2: is the template\'s example row (its cells start "e.g."): delete it, or replace it with your own',
    ]);
  });

  test('as CSV, the header line alone', async () => {
    const { request } = await apiAs(database, 'director', 'T');
    const response = await request('/api/v1/imports/data-values/template?format=csv');
    expect(await response.text()).toBe('school_code,period,element,value,category_option_combo\n');
  });

  test('every kind has one, and a workbook for each', async () => {
    const { request } = await apiAs(database, 'admin', 'T');
    for (const kind of exchangeKindNames) {
      const response = await request(`/api/v1/imports/${kind}/template`);
      expect(response.status, kind).toBe(200);
      const workbook = await workbookOf(response);
      expect(workbook.worksheets[0]?.name, kind).toBe(kind);
      expect(workbook.worksheets[1]?.name, kind).toBe('Columns');
    }
  });
});

describe("a head's own school", () => {
  test("the template lists only their school; another kind's is refused", async () => {
    const { request } = await apiAs(database, 'headteacher', 'S1');
    const workbook = await workbookOf(await request('/api/v1/imports/data-values/template'));
    expect(rowsOf(workbook.getWorksheet('Schools') as ExcelJS.Worksheet).map((r) => r[0])).toEqual(['S1']);
    expect((await request('/api/v1/imports/schools/template')).status).toBe(403);
  });

  test("a head imports their own school's values; a row for another school is refused by row and column", async () => {
    const { request } = await apiAs(database, 'headteacher', 'S1');
    const file = (lines: string[]) => upload(Buffer.from(lines.join('\n')), 'v.csv');
    const refused = await request(
      '/api/v1/imports/data-values',
      file([
        'school_code,period,element,value',
        'S1,2026-11,sessions_possible,900',
        'S2,2026-11,sessions_possible,90',
      ]),
    );
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.details.map((d: { text: string }) => d.text)).toEqual([
      'row 3, column school_code: S2 is not your school: a head imports figures for their own school only (S1)',
    ]);
    const accepted = await request(
      '/api/v1/imports/data-values',
      file(['school_code,period,element,value', 'S1,2026-11,sessions_possible,900']),
    );
    expect(await accepted.json()).toMatchObject({ rows: 1, inserted: 1 });
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['actor', 'entity'])
      .where('action', '=', 'import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor: expect.stringContaining('headteacher.s1'), entity: 'data-values' });
    // Other kinds stay with those who hold a write role for the whole authority.
    expect(
      (await request('/api/v1/imports/targets', file(['indicator,org_unit_code,academic_year,value'])))
        .status,
    ).toBe(403);
  });

  test('an area lead may not import data values', async () => {
    const { request } = await apiAs(database, 'area_lead', 'A');
    const response = await request(
      '/api/v1/imports/data-values',
      upload(Buffer.from('school_code,period,element,value\nS1,2026-11,sessions_possible,1'), 'v.csv'),
    );
    expect(response.status).toBe(403);
  });
});

test('an import as the operator still takes any school', async () => {
  await importFile(contextFor(database.db, actor), 'data-values', {
    name: 'v.csv',
    bytes: Buffer.from('school_code,period,element,value\nS3,2026-11,sessions_possible,5'),
  });
});
