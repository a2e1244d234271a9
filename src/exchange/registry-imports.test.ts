import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import type { Db } from '../db/types.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { describeProblem } from '../tabular/problems.ts';
import { exportKind, importFile } from './exchange.ts';

const actor = operator('test');
const csv = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const example = (kind: string) => ({ name: `${kind}.csv`, bytes: fs.readFileSync(`examples/${kind}.csv`) });
const kinds = ['org-units', 'schools', 'people', 'posts', 'designations'] as const;

let database: Database;
let db: Db;
beforeEach(async () => {
  database = await freshDatabase();
  db = database.db;
});
afterEach(() => database.close());

async function importExamples() {
  for (const kind of kinds) await importFile(contextFor(db, actor), kind, example(kind));
}

async function rejection(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return (error as ImportRejected).problems.map(describeProblem);
}

/** Everything the registry holds, as its exports, to compare before and after. */
async function snapshot() {
  const all: Record<string, unknown> = {};
  for (const kind of kinds) all[kind] = (await exportKind(contextFor(db, actor), kind)).rows;
  return all;
}

describe('importing the example files', () => {
  test('each kind imports, and importing it again changes nothing', async () => {
    const expectedRows = { 'org-units': 4, schools: 4, people: 4, posts: 5, designations: 3 };
    for (const kind of kinds) {
      const first = await importFile(contextFor(db, actor), kind, example(kind));
      expect(first).toMatchObject({
        kind,
        rows: expectedRows[kind],
        inserted: expectedRows[kind],
        updated: 0,
        unchanged: 0,
      });
    }
    const before = await snapshot();
    for (const kind of kinds) {
      const again = await importFile(contextFor(db, actor), kind, example(kind));
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: expectedRows[kind] });
    }
    expect(await snapshot()).toEqual(before);
    const audited = await db.selectFrom('audit_event').select(['actor', 'action', 'entity']).execute();
    expect(audited).toHaveLength(10);
    expect(audited[0]).toEqual({ actor: 'test', action: 'import', entity: 'org-units' });
  });

  test('the school import builds the tree: cluster under its area, trust and federation with their members', async () => {
    await importExamples();
    const schools = await db
      .selectFrom('org_unit as s')
      .innerJoin('org_unit as p', 'p.id', 's.parent_id')
      .select(['s.code', 'p.code as parent'])
      .where('s.level', '=', 'school')
      .orderBy('s.code')
      .execute();
    expect(schools).toEqual([
      { code: 'S001', parent: 'NM-A01-C1' },
      { code: 'S002', parent: 'NM-A01' },
      { code: 'S003', parent: 'NM-A02' },
      { code: 'S004', parent: 'NM-A02' },
    ]);
    const members = await db
      .selectFrom('org_group_member as m')
      .innerJoin('org_group as g', 'g.id', 'm.group_id')
      .innerJoin('org_unit as o', 'o.id', 'm.org_unit_id')
      .select(['g.code', 'g.name', 'o.code as school'])
      .orderBy('o.code')
      .execute();
    expect(members).toEqual([
      { code: 'F01', name: 'Ashby and Fernlea Federation', school: 'S001' },
      { code: 'T01', name: 'Heartwood Learning Trust', school: 'S002' },
      { code: 'T01', name: 'Heartwood Learning Trust', school: 'S003' },
      { code: 'F01', name: 'Ashby and Fernlea Federation', school: 'S004' },
    ]);
  });

  test('an XLSX file imports the same as its CSV twin', async () => {
    await importFile(contextFor(db, actor), 'org-units', example('org-units'));
    const lines = fs.readFileSync('examples/schools.csv', 'utf8').trim().split('\n');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Schools');
    for (const line of lines) sheet.addRow(line.split(','));
    // A date typed into Excel arrives as a date cell, not text.
    sheet.getCell('L2').value = new Date(Date.UTC(1972, 8, 1));
    const report = await importFile(contextFor(db, actor), 'schools', {
      name: 'Schools.XLSX',
      bytes: new Uint8Array(await workbook.xlsx.writeBuffer()),
    });
    expect(report).toMatchObject({ rows: 4, inserted: 4 });
    const again = await importFile(contextFor(db, actor), 'schools', example('schools'));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
  });
});

describe('a file with bad rows', () => {
  test('reports every problem and writes nothing, leaving existing data intact', async () => {
    await importExamples();
    const before = await snapshot();
    const problems = await rejection(
      importFile(
        contextFor(db, actor),
        'schools',
        csv(
          'schools.csv',
          [
            'code,name,phase,area_code,cluster_code,trust_code,trust_name,opened_on,closed_on,capacity,latitude',
            'S001,Renamed School,primary,NM-A01,,,,1972-09-01,,420,53.5', // good, but must not be written
            'S010,New School,infant,NM-A01,,,,,,,', // bad phase
            'S011,Another,primary,NM-A09,,,,,,,', // no such area
            'S012,Third,primary,NM-A02,NM-A01-C1,,,,,,', // cluster of another area
            'S013,Fourth,primary,NM-A01,,T99,,2001-13-45,,,', // new trust without a name; bad date
            'S001,Twice,primary,NM-A01,,,,,,,', // duplicate code
            'S014,Fifth,secondary,NM-A01,,,,2010-09-01,2009-07-31,abc,95', // closes before it opens; bad numbers
            'NM-A01,Clash,primary,NM-A01,,,,,,,', // the code of an area
          ].join('\n'),
        ),
      ),
    );
    expect(problems).toEqual([
      'row 3, column phase: "infant" is not one of: nursery, primary, secondary, all_through, special, alternative_provision',
      'row 4, column area_code: NM-A09 is not an area in Headway (import org-units first)',
      'row 5, column cluster_code: cluster NM-A01-C1 is not in area NM-A02',
      'row 6, column opened_on: "2001-13-45" is not a date (use YYYY-MM-DD)',
      'row 6, column trust_name: trust T99 is new: give its name',
      'row 7, column code: code S001 already appears on row 2',
      'row 8, column capacity: "abc" is not a number',
      'row 8, column closed_on: 2009-07-31 is before the start 2010-09-01',
      'row 8, column latitude: 95 is outside -90 to 90',
      'row 9, column code: NM-A01 is already the code of an area',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  test('org units: parents must exist (in the file or in Headway) and be of the level above', async () => {
    const problems = await rejection(
      importFile(
        contextFor(db, actor),
        'org-units',
        csv(
          'o.csv',
          'code,name,level,parent_code\nX,Ex,authority,\nA1,Area,area,\nC1,Cluster,cluster,X\nA2,Area 2,area,NOPE\nA3,Area 3,region,X\nX2,Second,authority,X',
        ),
      ),
    );
    expect(problems).toEqual([
      'row 3, column parent_code: is required: an area belongs to an authority',
      'row 4, column parent_code: X is an authority; the parent of a cluster must be an area',
      'row 5, column parent_code: NOPE is not in this file or in Headway',
      'row 6, column level: "region" is not one of: authority, area, cluster',
      'row 7, column parent_code: an authority has no parent',
    ]);
    expect(await db.selectFrom('org_unit').selectAll().execute()).toEqual([]);
  });

  test('posts and designations name people and places that exist, and end after they start', async () => {
    await importExamples();
    const posts = await rejection(
      importFile(
        contextFor(db, actor),
        'posts',
        csv(
          'p.csv',
          'person_code,org_unit_code,role,starts_on,ends_on,fte\nP999,S001,headteacher,2020-01-01,,\nP001,NM-A01,headteacher,2020-01-01,,\nP001,S001,head,2020-01-01,2019-01-01,1.5\nP001,S001,caretaker,2020-01-01,,',
        ),
      ),
    );
    expect(posts).toEqual([
      'row 2, column person_code: P999 is not a person in Headway (import people first)',
      'row 3, column org_unit_code: a headteacher post is held at a school, and NM-A01 is an area',
      'row 4, column ends_on: 2019-01-01 is before the start 2020-01-01',
      'row 4, column fte: 1.5 is outside 0 to 1',
      'row 5, column role: "caretaker" is not one of: headteacher, executive_headteacher, acting_headteacher, interim_headteacher, deputy_headteacher, assistant_headteacher, director, area_lead, chair_of_governors, business_manager, teacher',
    ]);
    const designations = await rejection(
      importFile(
        contextFor(db, actor),
        'designations',
        csv(
          'd.csv',
          'person_code,kind,starts_on,ends_on,days_per_year\nP001,nle,2021-09-01,2020-01-01,30\nP001,wizard,2021-09-01,,',
        ),
      ),
    );
    expect(designations).toEqual([
      'row 2, column ends_on: 2020-01-01 is before the start 2021-09-01',
      'row 3, column kind: "wizard" is not one of: nle, lle, sle, mentor, professional_partner, advisory_head, executive_head, interim_head, npqh_host, associate_head, npqh, outstanding_teacher, support_staff_leader',
    ]);
  });

  test('an empty file, or one of the wrong kind, is rejected with a reason', async () => {
    expect(
      await rejection(
        importFile(contextFor(db, actor), 'people', csv('p.csv', 'code,given_name,family_name\n')),
      ),
    ).toEqual(['the file has no rows']);
    expect(await rejection(importFile(contextFor(db, actor), 'people', example('posts')))).toContain(
      'row 1, column code: is missing (it is required)',
    );
  });
});

describe('updating by re-import', () => {
  test('a changed row updates; columns the file leaves out keep their values', async () => {
    await importExamples();
    const report = await importFile(
      contextFor(db, actor),
      'schools',
      csv(
        's.csv',
        'code,name,phase,area_code,trust_code\nS001,Ashby CE Primary School,primary,NM-A01,T01\nS002,Millbrook Primary Academy,primary,NM-A01,',
      ),
    );
    expect(report).toMatchObject({ rows: 2, inserted: 0, updated: 2, unchanged: 0 });
    const rows = (await exportKind(contextFor(db, actor), 'schools')).rows;
    expect(rows.find((r) => r.code === 'S001')).toMatchObject({
      name: 'Ashby CE Primary School',
      cluster_code: 'NM-A01-C1', // no cluster column: stays in its cluster
      trust_code: 'T01', // joined the trust
      urn: '100001', // not in the file: kept
      capacity: 420,
      latitude: 53.512,
    });
    expect(rows.find((r) => r.code === 'S002')).toMatchObject({ trust_code: null, capacity: 210 }); // left the trust
  });

  test('a dry run counts what would change and writes nothing', async () => {
    await importFile(contextFor(db, actor), 'org-units', example('org-units'));
    const before = await snapshot();
    const report = await importFile(contextFor(db, actor), 'schools', example('schools'), { dryRun: true });
    expect(report).toMatchObject({ rows: 4, inserted: 4, updated: 0, dryRun: true });
    expect(await snapshot()).toEqual(before);
    expect(await db.selectFrom('audit_event').select('entity').execute()).toEqual([{ entity: 'org-units' }]);
  });

  test('an export re-imports as a no-op, in CSV and XLSX', async () => {
    await importExamples();
    const { writeTable } = await import('../tabular/write.ts');
    for (const format of ['csv', 'xlsx'] as const) {
      for (const kind of kinds) {
        const { columns, rows } = await exportKind(contextFor(db, actor), kind);
        const file = { name: `${kind}.${format}`, bytes: await writeTable(columns, rows, format) };
        const report = await importFile(contextFor(db, actor), kind, file);
        expect(report, `${kind} ${format}`).toMatchObject({
          inserted: 0,
          updated: 0,
          unchanged: rows.length,
        });
      }
    }
  });
});
