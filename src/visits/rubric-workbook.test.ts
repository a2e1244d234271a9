// Rubric workbooks: the export re-imports unchanged (unused rubrics in place, still version 1); a bad
// row refuses the whole file naming row, column and reason, and writes nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { exportRubrics, importRubrics } from './rubric-workbook.ts';
import { listRubrics, rubricDetail } from './rubrics.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
}, 120_000);
afterAll(() => database?.close());

const context = () => contextFor(database.db, operator('test'), { today: '2026-11-20' });

test('the export has one row per criterion with each level’s descriptor, and re-imports unchanged', async () => {
  const bytes = await exportRubrics(context(), ['LEADERSHIP']);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  expect(sheet?.rowCount).toBe(15); // the header and 14 criteria
  expect(sheet?.getRow(2).getCell(7).value).toBe('VIS1');
  expect(String(sheet?.getRow(2).getCell(13).value)).toMatch(/^Strong/);
  const before = await rubricDetail(context(), 'LEADERSHIP');
  const saved = await importRubrics(context(), { name: 'rubrics.xlsx', bytes: new Uint8Array(bytes) });
  expect(saved).toEqual([{ id: before.id, code: 'LEADERSHIP', version: 1, new_version: false }]);
  const { id: _id, ...after } = await rubricDetail(context(), 'LEADERSHIP');
  const { id: _before, ...expected } = before;
  expect(after.sections.map((s) => s.criteria.map((c) => [c.code, c.name, c.levels]))).toEqual(
    expected.sections.map((s) => s.criteria.map((c) => [c.code, c.name, c.levels])),
  );
});

test('a new rubric from CSV; a bad file is refused whole, naming row, column and reason', async () => {
  const header =
    'rubric_code,rubric_name,scale_max,visit_types,section_code,section_name,criterion_code,criterion_name,evidence_prompt,level_1,level_2,level_3,level_4,level_5';
  const bad = csv('r.csv', [
    header,
    'READ,Reading fidelity,4,reform_fidelity,PH,Phonics,PH1,Daily phonics,,None,Some,Most,All,',
    'READ,Reading fidelity,4,inspection,PH,Phonics,PH2,Decodable books,,None,Some,,All,',
    'READ,Reading fidelity,6,,PH,Phonics,PH3,Assessment,,a,b,c,d,',
  ]);
  await expect(importRubrics(context(), bad)).rejects.toMatchObject({
    code: 'unprocessable',
    details: [
      expect.objectContaining({
        text: 'row 3, column visit_types: "inspection" is not one of: supervision, coaching, monitoring, reform_fidelity',
      }),
      expect.objectContaining({
        text: 'row 3, column level_3: is empty: a 1–4 scale needs a descriptor for each level',
      }),
      expect.objectContaining({ text: 'row 4, column scale_max: "6" is not 4 or 5' }),
    ],
  });
  expect((await listRubrics(context())).map((r) => r.code)).toEqual(['LEADERSHIP', 'LESSON']);
  const good = csv('r.csv', [
    header,
    'READ,Reading fidelity,4,reform_fidelity,PH,Phonics,PH1,Daily phonics,See a session,None,Some,Most,All,',
  ]);
  expect(await importRubrics(context(), good)).toEqual([
    expect.objectContaining({ version: 1, new_version: true }),
  ]);
  expect((await rubricDetail(context(), 'READ')).visit_types).toEqual(['reform_fidelity']);
});
