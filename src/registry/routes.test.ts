import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiAs } from '../auth/testing.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { readCsv, wholeTable } from '../tabular/read.ts';
import { phases } from './contract.ts';
import { loadExamples } from './test-fixtures.ts';

let database: Database;
let request: Awaited<ReturnType<typeof apiAs>>['request'];
let get: Awaited<ReturnType<typeof apiAs>>['get'];
beforeEach(async () => {
  database = await freshDatabase();
  await loadExamples(database.db);
  ({ request, get } = await apiAs(database, 'analyst', 'NM'));
});
afterEach(() => database.close());

function upload(kind: string, name: string, content: string | Uint8Array<ArrayBuffer>, query = '') {
  const form = new FormData();
  form.append('file', new File([content], name));
  return request(`/api/v1/imports/${kind}${query}`, { method: 'POST', body: form });
}

describe('registry API', () => {
  test('health names the engine in use', async () => {
    expect(await get('/api/v1/health')).toEqual({
      status: 200,
      body: { status: 'ok', database: database.engine },
    });
  });

  test('org units by level, and one with its children', async () => {
    const areas = await get('/api/v1/org-units?level=area&as_of=2026-11-23');
    expect(areas.status).toBe(200);
    expect(areas.body.org_units.map((u: { code: string; schools: number }) => [u.code, u.schools])).toEqual([
      ['NM-A01', 2],
      ['NM-A02', 2],
    ]);
    const area = await get('/api/v1/org-units/NM-A01');
    expect(area.body.children.map((c: { code: string }) => c.code)).toEqual(['NM-A01-C1', 'S002']);
  });

  test('schools are filtered and paged, with the total in the body', async () => {
    const { status, body } = await get('/api/v1/schools?area=NM-A02&page_size=1&page=2');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, page: 2, page_size: 1 });
    expect(body.schools.map((s: { code: string }) => s.code)).toEqual(['S004']);
    expect((await get('/api/v1/schools?phase=special')).body.schools[0]).toMatchObject({
      code: 'S004',
      area_code: 'NM-A02',
      headship_status: 'covered',
    });
  });

  test('one school with its head and tenure on a given date', async () => {
    const { status, body } = await get('/api/v1/schools/S001?as_of=2025-09-01');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: 'S001',
      cluster_code: 'NM-A01-C1',
      headship: { status: 'filled', head: { name: 'Amina Okafor', tenure_years: 10 } },
    });
  });

  test('errors have one shape and a fitting status', async () => {
    expect(await get('/api/v1/schools/NOPE')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'School NOPE was not found', details: null } },
    });
    const bad = await get('/api/v1/schools?phase=infant&page=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
    expect(bad.body.error.details.map((d: { parameter: string }) => d.parameter).sort()).toEqual([
      'page',
      'phase',
    ]);
    expect((await get('/api/v1/schools?as_of=23/11/2026')).status).toBe(400);
    expect((await get('/api/v1/nowhere')).status).toBe(404);
    expect((await get('/api/v1/exports/pupils')).status).toBe(400);
  });
});

describe('imports over HTTP', () => {
  test('a good file is imported; the same file again changes nothing', async () => {
    const content = 'code,given_name,family_name,email\nP010,Ngozi,Eze,ngozi.eze@example.org\n';
    const first = await upload('people', 'people.csv', content);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      kind: 'people',
      rows: 1,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      dryRun: false,
    });
    expect(await (await upload('people', 'people.csv', content)).json()).toMatchObject({
      inserted: 0,
      unchanged: 1,
    });
  });

  test('a bad file is 422 with every problem listed, and nothing is written', async () => {
    const response = await upload(
      'people',
      'people.csv',
      'code,given_name,family_name,email\nP011,Ada,,\nP012,Ben,Cole,not-an-email\n',
    );
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe('unprocessable');
    expect(error.details.map((d: { text: string }) => d.text)).toEqual([
      'row 2, column family_name: is required',
      'row 3, column email: "not-an-email" is not an email address',
    ]);
    const people = await database.db
      .selectFrom('person')
      .select('code')
      .where('code', 'in', ['P011', 'P012'])
      .execute();
    expect(people).toEqual([]);
  });

  test('a schools file with 2,500 bad rows lists the first 1,000 problems and counts the rest', async () => {
    // Row i is bad in one of four ways, in turn.
    const bad = (i: number) =>
      [
        {
          cells: `NOPE,primary,`,
          column: 'area_code',
          reason: 'is not an area in Headway (import org-units first)',
        },
        { cells: `NM-A01,castle,`, column: 'phase', reason: `is not one of: ${phases.join(', ')}` },
        { cells: `NM-A01,primary,2001-13-45`, column: 'opened_on', reason: 'is not a date (use YYYY-MM-DD)' },
        { cells: `NM,primary,`, column: 'area_code', reason: 'is an authority, not an area' },
      ][i % 4] as { cells: string; column: string; reason: string };
    const lines = Array.from({ length: 2500 }, (_, i) => `N${i},School ${i},${bad(i).cells}`);
    const before = await database.db.selectFrom('org_unit').select('code').orderBy('code').execute();

    const response = await upload(
      'schools',
      'schools.csv',
      ['code,name,area_code,phase,opened_on', ...lines].join('\n'),
    );
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.details).toHaveLength(1000);
    expect(error.details.map((d: { row: number; column: string }) => [d.row, d.column])).toEqual(
      Array.from({ length: 1000 }, (_, i) => [i + 2, bad(i).column]),
    );
    // Rows 1,000 to 2,499 of the file (0-based), 375 of each kind; two kinds share area_code.
    expect(error.problems).toEqual({
      total: 2500,
      listed: 1000,
      more: [
        { column: 'area_code', reason: 'is an authority, not an area', count: 375 },
        { column: 'area_code', reason: 'is not an area in Headway (import org-units first)', count: 375 },
        { column: 'opened_on', reason: 'is not a date (use YYYY-MM-DD)', count: 375 },
        { column: 'phase', reason: `is not one of: ${phases.join(', ')}`, count: 375 },
      ],
    });
    expect(await database.db.selectFrom('org_unit').select('code').orderBy('code').execute()).toEqual(before);
  });

  test('a dry run reports and writes nothing; a missing file or an unknown kind is a 400', async () => {
    const dry = await upload(
      'people',
      'p.csv',
      'code,given_name,family_name\nP020,Sam,Lee\n',
      '?dry_run=true',
    );
    expect(await dry.json()).toMatchObject({ inserted: 1, dryRun: true });
    expect(
      await database.db.selectFrom('person').select('code').where('code', '=', 'P020').execute(),
    ).toEqual([]);
    expect((await request('/api/v1/imports/people', { method: 'POST', body: new FormData() })).status).toBe(
      400,
    );
    expect((await upload('pupils', 'p.csv', 'x')).status).toBe(400);
    expect((await upload('people', 'p.pdf', 'x')).status).toBe(400);
  });

  test('an export is the import format, in CSV and XLSX', async () => {
    const response = await request('/api/v1/exports/schools?format=csv');
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const exported = await wholeTable(await readCsv(new Uint8Array(await response.arrayBuffer())));
    const original = await wholeTable(await readCsv(fs.readFileSync('examples/schools.csv')));
    expect(exported.header).toEqual(original.header);
    // Numbers come back in their canonical form (90 not 90.0), otherwise cell for cell the same.
    expect(exported.rows.map((r) => r.cells)).toEqual(
      original.rows.map((r) => r.cells.map((c) => (/^-?\d+\.\d*0$/.test(c) ? String(Number(c)) : c))),
    );
    const xlsx = await request('/api/v1/exports/people?format=xlsx');
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="people.xlsx"');
    expect((await upload('people', 'people.xlsx', new Uint8Array(await xlsx.arrayBuffer()))).status).toBe(
      200,
    );
  });
});

describe('formula injection in exports', () => {
  const names = { S001: "=cmd|' /C calc'!A0", S002: '@SUM(1)', S003: '-Minus School' };
  const renameSchools = () =>
    upload(
      'schools',
      'schools.csv',
      [
        'code,name,phase,area_code',
        `S001,${names.S001},primary,NM-A01`,
        `S002,${names.S002},primary,NM-A01`,
        `S003,${names.S003},secondary,NM-A02`,
      ].join('\n'),
    );
  const schoolNames = async () =>
    Object.fromEntries(
      (
        await database.db
          .selectFrom('org_unit')
          .select(['code', 'name'])
          .where('code', 'in', ['S001', 'S002', 'S003'])
          .execute()
      ).map((u) => [u.code, u.name]),
    );

  test('a school name a spreadsheet would run is text: an apostrophe in CSV, a string cell in XLSX', async () => {
    expect((await renameSchools()).status).toBe(200);
    expect(await schoolNames()).toEqual(names);

    const csv = await request('/api/v1/exports/schools?format=csv');
    const [header = [], ...rows] = parse(await csv.text()) as string[][];
    const name = header.indexOf('name');
    const longitude = header.indexOf('longitude');
    expect(rows.map((r) => [r[0], r[name]])).toEqual([
      ['S001', `'${names.S001}`],
      ['S002', `'${names.S002}`],
      ['S003', `'${names.S003}`],
      ['S004', 'Fernlea Special School'],
    ]);
    // A negative longitude is a figure, not text: no apostrophe.
    expect(rows.map((r) => r[longitude])).toEqual(['-1.201', '-1.188', '-1.322', '-1.301']);

    const xlsx = await request('/api/v1/exports/schools?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    for (const [i, expected] of Object.values(names).entries()) {
      const cell = sheet.getRow(i + 2).getCell(name + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(expected);
      expect(sheet.getRow(i + 2).getCell(longitude + 1).type).toBe(ExcelJS.ValueType.Number);
    }
  });

  test('re-importing that export, CSV or XLSX, changes nothing and keeps the names exactly', async () => {
    expect((await renameSchools()).status).toBe(200);
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await request(`/api/v1/exports/schools?format=${format}`);
      const bytes = new Uint8Array(await exported.arrayBuffer());
      if (format === 'csv') expect(new TextDecoder().decode(bytes)).toContain(`'${names.S001}`);
      const report = await upload('schools', `schools.${format}`, bytes);
      expect(report.status, format).toBe(200);
      expect(await report.json(), format).toMatchObject({ rows: 4, inserted: 0, updated: 0, unchanged: 4 });
      expect(await schoolNames(), format).toEqual(names);
    }
  });
});

describe('the API document', () => {
  test('OpenAPI 3.1 describes every route', async () => {
    const { body } = await get('/api/v1/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual([
      '/actions',
      '/actions/{id}',
      '/analytics',
      '/analytics/breakdown',
      '/attention',
      '/audit',
      '/audit/export',
      '/audit/vocabulary',
      '/audit/{id}',
      '/auth/session',
      '/auth/sign-in',
      '/auth/sign-out',
      '/brokering/deployments',
      '/brokering/deployments/{id}',
      '/brokering/deployments/{id}/days',
      '/brokering/deployments/{id}/days/{day}',
      '/brokering/deployments/{id}/end',
      '/brokering/impact',
      '/brokering/leaders',
      '/brokering/needs',
      '/brokering/needs/refresh',
      '/brokering/needs/{id}/reopen',
      '/brokering/needs/{id}/withdraw',
      '/brokering/proposal-jobs',
      '/brokering/proposal-jobs/{job}',
      '/brokering/proposals',
      '/brokering/proposals/{id}',
      '/brokering/proposals/{id}/bulk-decisions',
      '/brokering/proposals/{id}/decisions',
      '/brokering/proposals/{id}/needs/{need}/alternatives',
      '/brokering/roles',
      '/brokering/roles/{code}',
      '/brokering/settings',
      '/brokering/shortfall',
      '/categories',
      '/categories/{code}',
      '/category-combos/{code}',
      '/challenge-categories',
      '/challenge-categories/{code}',
      '/challenges',
      '/challenges/ageing',
      '/challenges/measures',
      '/challenges/recurring',
      '/challenges/recurring/{id}',
      '/challenges/{id}',
      '/challenges/{id}/links',
      '/challenges/{id}/status',
      '/challenges/{id}/updates',
      '/concerns',
      '/dashboards/areas/{code}',
      '/dashboards/map',
      '/dashboards/overview',
      '/dashboards/schools/{code}',
      '/dashboards/trusts/{code}',
      '/data-elements',
      '/data-elements/{code}/categories',
      '/data-elements/{code}/range',
      '/data-values',
      '/dhis2/dataValueSets',
      '/dhis2/mappings',
      '/dhis2/mappings/import',
      '/dhis2/mappings/{id}',
      '/dhis2/pulls',
      '/exports/{kind}',
      '/giving',
      '/giving/schools/{code}',
      '/giving/support',
      '/giving/trusts/{code}',
      '/governance/boards',
      '/governance/boards/{code}',
      '/governance/boards/{code}/members',
      '/governance/boards/{code}/panels/{round}',
      '/governance/boards/{code}/succession',
      '/governance/catalogue',
      '/governance/courses/{code}',
      '/governance/members/{id}',
      '/governance/members/{id}/training',
      '/governance/skills/{code}',
      '/health',
      '/imports/formats',
      '/imports/{kind}',
      '/imports/{kind}/template',
      '/indicators',
      '/meetings',
      '/meetings/{id}',
      '/meetings/{id}/agenda',
      '/meetings/{id}/agenda/draft',
      '/meetings/{id}/agenda/{item}/minutes',
      '/meetings/{id}/attendees',
      '/meetings/{id}/decisions',
      '/norming/drift',
      '/norming/log',
      '/norming/log/{person}',
      '/norming/sessions',
      '/norming/sessions/{id}',
      '/norming/sessions/{id}/cases/{case}/master',
      '/norming/sessions/{id}/cases/{case}/scores',
      '/norming/sessions/{id}/close',
      '/norming/sessions/{id}/import',
      '/norming/sessions/{id}/report',
      '/org-units',
      '/org-units/{code}',
      '/outbox',
      '/programmes',
      '/programmes/cohorts',
      '/programmes/cohorts/{id}',
      '/programmes/cohorts/{id}/participants',
      '/programmes/growing-own',
      '/programmes/import',
      '/programmes/participants/{id}',
      '/programmes/people',
      '/programmes/placements',
      '/programmes/placements/proposal',
      '/programmes/placements/{id}',
      '/programmes/workbook',
      '/programmes/{code}',
      '/projection',
      '/projection/rates',
      '/projection/rates/changes',
      '/reforms',
      '/reforms/{code}',
      '/reforms/{code}/checks',
      '/reforms/{code}/implementation',
      '/reforms/{code}/schools/{school}',
      '/reminders',
      '/reports/area/{code}',
      '/reports/trust/{code}',
      '/rubrics',
      '/rubrics/{code}',
      '/schools',
      '/schools/{code}',
      '/schools/{code}/indicators',
      '/schools/{code}/inspections',
      '/schools/{code}/pupil-estimates',
      '/schools/{code}/pupil-results',
      '/skills/audits',
      '/skills/audits/{code}/leaders',
      '/skills/framework',
      '/skills/framework/{code}',
      '/skills/heatmap',
      '/skills/heatmap/workbook',
      '/skills/import',
      '/skills/ratings',
      '/skills/ratings/self',
      '/skills/ratings/validated',
      '/skills/recommendations',
      '/specialists',
      '/specialists/people',
      '/specialists/specialisms',
      '/specialists/specialisms/{code}',
      '/specialists/{id}',
      '/stages',
      '/stages/history',
      '/stages/movement',
      '/stages/rules',
      '/stages/schools/{code}',
      '/strategies',
      '/strategies/actions/{id}',
      '/strategies/actions/{id}/evidence',
      '/strategies/actions/{id}/files',
      '/strategies/actions/{id}/history',
      '/strategies/actions/{id}/milestones',
      '/strategies/actions/{id}/updates',
      '/strategies/files/{id}',
      '/strategies/groups',
      '/strategies/import',
      '/strategies/links',
      '/strategies/links/{id}',
      '/strategies/measures/{id}',
      '/strategies/milestones/{id}',
      '/strategies/mine',
      '/strategies/people',
      '/strategies/strands/{id}',
      '/strategies/strands/{id}/actions',
      '/strategies/workbook-template',
      '/strategies/{code}',
      '/strategies/{code}/cycles',
      '/strategies/{code}/cycles/{term}',
      '/strategies/{code}/cycles/{term}/close',
      '/strategies/{code}/cycles/{term}/remind',
      '/strategies/{code}/cycles/{term}/summaries',
      '/strategies/{code}/history',
      '/strategies/{code}/measures',
      '/strategies/{code}/reorganise',
      '/strategies/{code}/report',
      '/strategies/{code}/strands',
      '/strategies/{code}/workbook',
      '/strengths',
      '/strengths/declared',
      '/strengths/declared/{id}/decision',
      '/strengths/practice-areas',
      '/teachers/gaps',
      '/teachers/norms',
      '/teachers/plans',
      '/teachers/plans/{id}',
      '/teachers/plans/{id}/moves/{move}',
      '/teachers/plans/{id}/raise',
      '/teachers/plans/{id}/workbook',
      '/teachers/randomness',
      '/teachers/scatter',
      '/terminology',
      '/tokens',
      '/tokens/{id}',
      '/users',
      '/users/{email}/disabled',
      '/users/{email}/reset-password',
      '/users/{email}/roles',
      '/vacancies',
      '/vacancies/import',
      '/vacancies/workbook',
      '/vacancies/{id}',
      '/vacancies/{id}/appointment',
      '/vacancies/{id}/cover',
      '/vacancies/{id}/rounds',
      '/vacancies/{id}/rounds/{number}',
      '/vacancies/{id}/withdraw',
      '/value-added',
      '/value-added/cohorts',
      '/value-added/estimates',
      '/value-added/models',
      '/value-added/models/{stage}',
      '/value-added/models/{stage}/preview',
      '/visits',
      '/visits/coverage',
      '/visits/form',
      '/visits/{id}',
    ]);
    expect(body.paths['/imports/{kind}'].post.responses['422']).toBeDefined();
    // Each documented operation is answered by its route, not by the fallback for paths Headway lacks.
    const example: Record<string, string> = {
      id: '1',
      item: '1',
      code: 'S001',
      email: 'x@test.example',
      kind: 'schools',
      case: '1',
      person: 'P1',
      number: '1',
    };
    const unserved: string[] = [];
    for (const [template, operations] of Object.entries(body.paths as Record<string, object>))
      for (const method of Object.keys(operations)) {
        const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => example[name] as string);
        const response = await request(`/api/v1${path}`, { method: method.toUpperCase() });
        const text = await response.text();
        if (text.includes('There is no API route')) unserved.push(`${method.toUpperCase()} ${template}`);
      }
    expect(unserved).toEqual([]);
    const docs = await request('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/v1/openapi.json');
  });
});
