// The vacancy register's workbook on the tiny authority (T > A {S1, S2}, B {S3, S4, S5}; area lead P2
// for A): a workbook with problems is refused by sheet, row and column and writes nothing; a good one
// adds vacancies and rounds, matched again on a second import (nothing changes); an area lead imports
// only their own schools; the exported register reads back unchanged.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import type { Role } from '../auth/contract.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { type Context, contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import type { ImportProblem } from '../tabular/contract.ts';
import { writeWorkbook } from '../tabular/write.ts';
import { addRound, appoint, listVacancies, openVacancy } from './vacancies.ts';
import { exportVacancies, importVacancies } from './workbook.ts';

const today = '2026-11-20';
let database: Database;

async function contextAs(role: Role, unit: string, person?: string): Promise<Context> {
  const actor = await actorForToken(database.db, await tokenFor(database.db, role, unit, person));
  if (!actor) throw new Error('no actor');
  return contextFor(database.db, actor, { today });
}

const vacancyColumns = [
  'school',
  'post_role',
  'opened_on',
  'reason',
  'leaving_person',
  'acting_head',
  'notes',
];
const roundColumns = [
  'school',
  'post_role',
  'opened_on',
  'number',
  'advertised_on',
  'closes_on',
  'applications',
  'shortlisted',
  'interviewed',
  'outcome',
  'panel',
  'governors_on_panel',
];
const row = (columns: string[], values: (string | number)[]) =>
  Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null]));

async function workbook(vacancies: (string | number)[][], rounds: (string | number)[][]) {
  const bytes = await writeWorkbook([
    { name: 'Vacancies', columns: vacancyColumns, rows: vacancies.map((v) => row(vacancyColumns, v)) },
    { name: 'Rounds', columns: roundColumns, rows: rounds.map((r) => row(roundColumns, r)) },
  ]);
  return { name: 'register.xlsx', bytes: new Uint8Array(bytes) };
}

const good = () =>
  workbook(
    [
      ['S2', 'headteacher', '2026-03-01', 'retirement', 'P5', 'P7', 'Governors told in February'],
      ['S4', 'deputy_headteacher', '2026-06-15', 'promotion', '', '', ''],
    ],
    [
      [
        'S2',
        'headteacher',
        '2026-03-01',
        1,
        '2026-03-10',
        '2026-04-01',
        3,
        2,
        2,
        'not_appointed',
        'Chair, clerk',
        1,
      ],
      [
        'S2',
        'headteacher',
        '2026-03-01',
        2,
        '2026-04-20',
        '2026-05-15',
        7,
        4,
        3,
        'open',
        'Chair, vice-chair',
        2,
      ],
      ['S4', 'deputy_headteacher', '2026-06-15', 1, '2026-06-20', '2026-07-10', 5, 3, 2, '', '', ''],
    ],
  );

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthorityWithLeads(database);
  const ctx = contextFor(database.db, operator('test'));
  await importFile(
    ctx,
    'people',
    csv('p.csv', ['code,given_name,family_name,email', 'P5,Old,Head,', 'P7,Acting,Deputy,', 'P9,New,Head,']),
  );
  await importFile(
    ctx,
    'posts',
    csv('posts.csv', [
      'person_code,org_unit_code,role,starts_on',
      'P5,S2,headteacher,2010-09-01',
      'P7,S2,deputy_headteacher,2015-09-01',
    ]),
  );
});
afterAll(() => database.close());

describe('the vacancy register from a workbook', () => {
  test('every problem by sheet, row and column, and nothing written', async () => {
    const director = await contextAs('director', 'T');
    const bad = await workbook(
      [
        ['S2', 'headteacher', '2026-03-01', 'retirement', 'NOBODY', '', ''],
        ['S9', 'headteacher', '2026-03-01', 'retirement', '', '', ''],
        ['S3', 'headteacher', '2027-01-01', 'boredom', '', '', ''],
        ['S2', 'headteacher', '2026-03-01', 'retirement', '', '', ''],
      ],
      [
        ['S2', 'headteacher', '2026-03-01', 1, '2026-03-10', '2026-03-01', 3, 5, 2, '', '', ''],
        ['S2', 'headteacher', '2026-03-01', 3, '2026-04-20', '2026-05-15', 7, 4, 3, 'appointed', '', ''],
        ['S5', 'headteacher', '2026-01-01', 1, '2026-01-10', '2026-02-01', 0, 0, 0, '', '', ''],
      ],
    );
    const error = await importVacancies(director, bad).catch((e) => e);
    const found = (error.details as ImportProblem[]).map((p) => `${p.row}:${p.column}`);
    // In row order, then column (the problems of both sheets together, each column naming its sheet);
    // S2's headship has rounds 1 and 3 (2 is missing) and round 1 is left open before 3.
    expect(found).toEqual([
      '2:Rounds: closes_on',
      '2:Rounds: outcome',
      '2:Rounds: shortlisted',
      '2:Vacancies: leaving_person',
      '3:Rounds: number',
      '3:Rounds: outcome',
      '3:Vacancies: school',
      '4:Rounds: opened_on',
      '4:Vacancies: opened_on',
      '4:Vacancies: reason',
      '5:Vacancies: opened_on',
    ]);
    expect((await listVacancies(director, {})).total).toBe(0);
  });

  test('a good workbook adds vacancies and rounds; the same workbook again changes nothing', async () => {
    const director = await contextAs('director', 'T');
    expect(await importVacancies(director, await good(), { dryRun: true })).toEqual({
      vacancies: { inserted: 2, updated: 0, unchanged: 0 },
      rounds: { inserted: 3, updated: 0, unchanged: 0 },
      dry_run: true,
    });
    expect((await listVacancies(director, {})).total).toBe(0);
    await importVacancies(director, await good());
    const page = await listVacancies(director, { school: 'S2' });
    expect(page.vacancies[0]).toMatchObject({
      school: { code: 'S2' },
      post_role: 'headteacher',
      opened_on: '2026-03-01',
      status: 'open',
      rounds: 2,
      applications: 10,
    });
    expect(page.vacancies[0]?.cover?.person.name).toBe('Acting Deputy');
    expect(await importVacancies(director, await good())).toEqual({
      vacancies: { inserted: 0, updated: 0, unchanged: 2 },
      rounds: { inserted: 0, updated: 0, unchanged: 3 },
      dry_run: false,
    });
  });

  test('an area lead imports their own schools only', async () => {
    const leadA = await contextAs('area_lead', 'A', 'P2');
    const theirs = await workbook([['S3', 'headteacher', '2026-09-01', 'resignation', '', '', '']], []);
    const error = await importVacancies(leadA, theirs).catch((e) => e);
    expect((error.details as ImportProblem[]).map((p) => p.message)).toEqual(['S3 is not in your scope']);
    const own = await workbook([['S1', 'headteacher', '2026-09-01', 'resignation', '', '', '']], []);
    expect((await importVacancies(leadA, own)).vacancies.inserted).toBe(1);
  });

  test('the exported register reads back unchanged, a filled vacancy and its appointed round with it', async () => {
    const director = await contextAs('director', 'T');
    const { id } = await openVacancy(director, {
      school: 'S5',
      post_role: 'headteacher',
      opened_on: '2026-01-05',
      reason: 'retirement',
    });
    await addRound(director, id, { advertised_on: '2026-01-10', closes_on: '2026-02-01', applications: 4 });
    await appoint(director, id, { person: 'P9', appointed_on: '2026-02-20', starts_on: '2026-04-01' });
    const bytes = await exportVacancies(director);
    expect(await importVacancies(director, { name: 'export.xlsx', bytes: new Uint8Array(bytes) })).toEqual({
      vacancies: { inserted: 0, updated: 0, unchanged: 4 },
      rounds: { inserted: 0, updated: 0, unchanged: 4 },
      dry_run: false,
    });
    // A filled vacancy is kept as it was.
    const changed = await workbook([['S5', 'headteacher', '2026-01-05', 'resignation', '', '', '']], []);
    const error = await importVacancies(director, changed).catch((e) => e);
    expect((error.details as ImportProblem[])[0]?.message).toMatch(
      /was filled on 2026-02-20: it is kept as it was/,
    );
  });
});
