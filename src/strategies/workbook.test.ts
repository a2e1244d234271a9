// A whole plan as a workbook, on the tiny authority: export then import into a database with the same
// registry gives the same plan; importing it again changes nothing; a bad workbook names every problem
// by sheet, row and column and writes nothing; a dry run counts and writes nothing; only those who may
// set up the strategy import it.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { readXlsxSheets } from '../tabular/read.ts';
import { loadStrategyPeople } from './test-fixtures.ts';

let source: Database;
let target: Database;
let at: Awaited<ReturnType<typeof loadStrategyPeople>>;
let there: Awaited<ReturnType<typeof loadStrategyPeople>>;
const api = '/api/v1/strategies';

beforeAll(async () => {
  source = await freshDatabase();
  target = await freshDatabase();
  at = await loadStrategyPeople(source);
  there = await loadStrategyPeople(target);
  const post = async (path: string, body: unknown) => {
    const answer = await at.director.send('POST', `${api}${path}`, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body?.id as number;
  };
  await post('', {
    code: 'LEAD',
    name: 'Leadership strategy',
    purpose: 'Grow leaders',
    scope: 'T',
    lead: 'P1',
  });
  const s1 = await post('/LEAD/strands', { code: 'S1', name: 'Succession', lead: 'P2' });
  await post('/LEAD/strands', { code: 'S2', name: 'Workforce' });
  const a11 = await post(`/strands/${s1}/actions`, {
    code: '1.1',
    title: 'Deputies programme',
    lead: 'P4',
    groups: ['deputies', 'middle_leaders'],
  });
  await post(`/strands/${s1}/actions`, { code: '1.1a', title: 'Shadowing', parent: a11 });
  await post(`/actions/${a11}/updates`, {
    status: 'at_risk',
    commentary: 'Providers withdrew',
    on: '2026-10-05',
  });
  await post(`/actions/${a11}/milestones`, { title: 'Cohort recruited', due_on: '2026-06-30' });
  await post('/LEAD/measures', {
    strand: s1,
    indicator: 'attendance_rate',
    baseline_value: 90,
    baseline_period: '2025-09',
    target_value: 96,
    target_period: '2027-07',
    trajectory: 'stepped',
    tolerance: 1,
  });
}, 180_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
});

type Caller = typeof at.director;

async function exported(caller: Caller, code = 'LEAD'): Promise<Uint8Array> {
  const response = await caller.request(`${api}/${code}/workbook`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toContain(`strategy-${code}.xlsx`);
  return new Uint8Array(await response.arrayBuffer());
}

async function imported(caller: Caller, bytes: Uint8Array, query = '') {
  const form = new FormData();
  form.set('file', new File([Uint8Array.from(bytes)], 'plan.xlsx'));
  const response = await caller.request(`${api}/import${query}`, { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

const sheetsOf = async (bytes: Uint8Array) =>
  Object.fromEntries(
    (await readXlsxSheets(bytes)).map((s) => [s.name, [s.table.header, ...s.table.rows.map((r) => r.cells)]]),
  );

/** A workbook from rows, sheet by sheet (first row the header). */
async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('a plan as a workbook', () => {
  test('the export holds every part of the plan, leads by person code', async () => {
    const sheets = await sheetsOf(await exported(at.director));
    expect(sheets.Strategy).toEqual([
      ['code', 'name', 'purpose', 'scope', 'lead'],
      ['LEAD', 'Leadership strategy', 'Grow leaders', 'T', 'P1'],
    ]);
    expect(sheets.Strands?.slice(1)).toEqual([
      ['S1', 'Succession', '', 'P2'],
      ['S2', 'Workforce', '', ''],
    ]);
    expect(sheets.Actions?.slice(1)).toEqual([
      [
        'S1',
        '1.1',
        '',
        'Deputies programme',
        '',
        'P4',
        'deputies, middle_leaders',
        'at_risk',
        'Providers withdrew',
      ],
      ['S1', '1.1a', '1.1', 'Shadowing', '', '', '', 'not_started', ''],
    ]);
    expect(sheets.Milestones?.slice(1)).toEqual([['1.1', 'Cohort recruited', '2026-06-30', '']]);
    expect(sheets.Measures?.slice(1)).toEqual([
      ['S1', '', 'attendance_rate', 'T', '90', '2025-09', '96', '2027-07', 'stepped', '1'],
    ]);
  });

  test('imported into another database with the same registry it is the same plan; again, nothing changes', async () => {
    const bytes = await exported(at.director);
    const first = await imported(there.director, bytes);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      strategy: 'LEAD',
      created: true,
      sheets: {
        strands: { created: 2 },
        actions: { created: 2 },
        milestones: { created: 1 },
        measures: { created: 1 },
        // 1.1 at risk, with its reason: one status update recorded, as a lead's would be.
        statuses: 1,
      },
    });
    expect(await sheetsOf(await exported(there.director))).toEqual(await sheetsOf(bytes));
    const again = await imported(there.director, await exported(there.director));
    expect(again.body.sheets).toEqual({
      strands: { created: 0, updated: 0, unchanged: 2 },
      actions: { created: 0, updated: 0, unchanged: 2 },
      milestones: { created: 0, updated: 0, unchanged: 1 },
      measures: { created: 0, updated: 0, unchanged: 1 },
      statuses: 0,
    });
  }, 60_000);

  test('a bad workbook names every problem by sheet, row and column, and writes nothing', async () => {
    const before = await there.director.get(`${api}`);
    const bytes = await workbook({
      Strategy: [
        ['code', 'name', 'scope', 'lead'],
        ['NEW', 'New strategy', 'T', 'NOPE'],
      ],
      Strands: [
        ['code', 'name', 'lead'],
        ['A', 'Alpha', 'P2'],
        ['B', 'Beta', ''],
        ['A', 'Again', ''],
      ],
      Actions: [
        ['strand', 'code', 'parent', 'title', 'lead', 'groups', 'status', 'status_reason'],
        ['A', 'A1', '', 'First', 'P4', 'deputies, astronauts', 'at_risk', ''],
        ['B', 'B1', 'A1', 'Second', '', '', '', ''],
        ['C', 'C1', '', 'Third', '', '', '', ''],
      ],
      Milestones: [
        ['action', 'title', 'due_on'],
        ['A1', 'Start', '2026-02-30'],
      ],
      Measures: [
        ['strand', 'indicator', 'baseline_value', 'baseline_period', 'target_value', 'target_period'],
        ['A', 'no_such_indicator', 1, '2025-09', 2, '2024-09'],
      ],
    });
    const answer = await imported(there.director, bytes);
    expect(answer.status).toBe(422);
    const texts = (answer.body.error.details as { text: string }[]).map((p) => p.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'row 2, column Strategy: lead: no person has the code "NOPE"',
        'row 4, column Strands: code: A appears already on row 2',
        'row 2, column Actions: groups: "astronauts" is not a group in the list',
        'row 2, column Actions: status_reason: say why the action is at risk (a reason is required)',
        'row 3, column Actions: parent: A1 is in strand A, not B',
        'row 4, column Actions: strand: C is not a strand on the Strands sheet',
        'row 2, column Measures: indicator: "no_such_indicator" is not in the catalogue',
        'row 2, column Measures: target_period: 2024-09 must come after the baseline 2025-09',
      ]),
    );
    expect(texts.some((t) => t.startsWith('row 2, column Milestones: due_on:'))).toBe(true);
    expect(await there.director.get(`${api}`)).toEqual(before);
  });

  test('a dry run counts what would change and writes nothing; what the workbook leaves out is kept', async () => {
    const sheets = await sheetsOf(await exported(there.director));
    const strands = sheets.Strands as string[][];
    const bytes = await workbook({
      Strategy: sheets.Strategy as string[][],
      // S2 left out of the workbook, S1 renamed.
      Strands: [strands[0] as string[], ['S1', 'Succession planning', '', 'P2']],
      Actions: [
        (sheets.Actions as string[][])[0] as string[],
        [
          'S1',
          '1.1',
          '',
          'Deputies programme',
          '',
          'P4',
          'deputies, middle_leaders',
          'off_track',
          'Funding cut',
        ],
      ],
    });
    const dry = await imported(there.director, bytes, '?dry_run=true');
    expect(dry.body).toMatchObject({
      dry_run: true,
      sheets: { strands: { updated: 1, unchanged: 0 }, actions: { unchanged: 1 }, statuses: 1 },
      left: { strands: 1, actions: 1 },
    });
    const plan = await there.director.get(`${api}/LEAD`);
    expect(plan.body.strands.map((s: { name: string }) => s.name)).toEqual(['Succession', 'Workforce']);
    const real = await imported(there.director, bytes);
    expect(real.body).toMatchObject({
      dry_run: false,
      sheets: { statuses: 1 },
      left: { strands: 1, actions: 1 },
    });
    const after = await there.director.get(`${api}/LEAD`);
    expect(after.body.strands.map((s: { name: string }) => s.name)).toEqual([
      'Succession planning',
      'Workforce',
    ]);
    expect(after.body.strands[0].actions[0]).toMatchObject({ code: '1.1', status: 'off_track' });
  });

  test('an action the workbook puts in another strand is refused: a move is a reorganisation', async () => {
    const sheets = await sheetsOf(await exported(there.director));
    const actions = (sheets.Actions as string[][]).map((row, i) => (i === 1 ? ['S2', ...row.slice(1)] : row));
    const answer = await imported(there.director, await workbook({ ...sheets, Actions: actions } as never));
    expect(answer.status).toBe(422);
    expect(answer.body.error.details[0].text).toBe(
      'row 2, column Actions: strand: 1.1 is in strand S1 in Headway: move it with Reorganise (a move takes a reason)',
    );
  });

  test('only those who set up strategies import; an area lead and a head are refused, and may export what they see', async () => {
    const bytes = await exported(there.director);
    expect((await imported(there.leadA, bytes)).status).toBe(403);
    expect((await imported(there.headS3, bytes)).status).toBe(403);
    expect((await there.leadA.request(`${api}/LEAD/workbook`)).status).toBe(200);
  });

  test('the template has every sheet with its headings and a Columns sheet', async () => {
    const response = await at.director.request(`${api}/workbook-template`);
    const sheets = await sheetsOf(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(sheets)).toEqual([
      'Strategy',
      'Strands',
      'Actions',
      'Milestones',
      'Measures',
      'Columns',
    ]);
    expect(sheets.Actions?.[0]).toEqual([
      'strand',
      'code',
      'parent',
      'title',
      'purpose',
      'lead',
      'groups',
      'status',
      'status_reason',
    ]);
  });
});
