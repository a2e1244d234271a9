import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import type { Db } from '../db/types.ts';
import { exportKind, importFile } from '../exchange/exchange.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { describeProblem } from '../tabular/problems.ts';
import { writeTable } from '../tabular/write.ts';
import { loadExamples } from './test-fixtures.ts';

// The example files: federation F01 (Ashby and Fernlea Federation) holds S001 and S004; trust T01 holds
// S002 and S003.
const actor = operator('test');
const csv = (lines: string[]) => ({ name: 'schools.csv', bytes: new TextEncoder().encode(lines.join('\n')) });
let database: Database;
let db: Db;
beforeEach(async () => {
  database = await freshDatabase();
  db = database.db;
  await loadExamples(db);
});
afterEach(() => database.close());

async function groups() {
  return db
    .selectFrom('org_group_member as m')
    .innerJoin('org_group as g', 'g.id', 'm.group_id')
    .innerJoin('org_unit as o', 'o.id', 'm.org_unit_id')
    .select(['g.kind', 'g.code', 'g.name', 'o.code as school'])
    .orderBy('g.code')
    .orderBy('o.code')
    .execute();
}

describe('federations in the schools import', () => {
  test('the import makes the federation with its members; its export re-imports as a no-op', async () => {
    expect(await groups()).toEqual([
      { kind: 'federation', code: 'F01', name: 'Ashby and Fernlea Federation', school: 'S001' },
      { kind: 'federation', code: 'F01', name: 'Ashby and Fernlea Federation', school: 'S004' },
      { kind: 'trust', code: 'T01', name: 'Heartwood Learning Trust', school: 'S002' },
      { kind: 'trust', code: 'T01', name: 'Heartwood Learning Trust', school: 'S003' },
    ]);
    const exported = await exportKind(contextFor(db, actor), 'schools');
    expect(exported.rows.find((r) => r.code === 'S004')).toMatchObject({
      trust_code: null,
      federation_code: 'F01',
      federation_name: 'Ashby and Fernlea Federation',
    });
    const before = await groups();
    const file = await writeTable(exported.columns, exported.rows, 'csv');
    const again = await importFile(contextFor(db, actor), 'schools', { name: 'schools.csv', bytes: file });
    expect(again).toMatchObject({ rows: 4, inserted: 0, updated: 0, unchanged: 4 });
    expect(await groups()).toEqual(before);
    expect((await exportKind(contextFor(db, actor), 'schools')).rows).toEqual(exported.rows);
  });

  test('a blank federation_code takes a school out of its federation and leaves its trust alone', async () => {
    const report = await importFile(
      contextFor(db, actor),
      'schools',
      csv([
        'code,name,phase,area_code,federation_code',
        'S004,Fernlea Special School,special,NM-A02,',
        'S003,Brackenfield High School,secondary,NM-A02,F01',
      ]),
    );
    expect(report).toMatchObject({ updated: 2 });
    expect((await groups()).map((g) => `${g.code}:${g.school}`)).toEqual([
      'F01:S001',
      'F01:S003',
      'T01:S002',
      'T01:S003',
    ]);
  });

  test('every bad row is named with its column and reason, and nothing is written', async () => {
    const before = await groups();
    const error = await importFile(
      contextFor(db, actor),
      'schools',
      csv([
        'code,name,phase,area_code,trust_code,trust_name,federation_code,federation_name',
        'S001,Ashby,primary,NM-A01,,,F02,New Federation', // good, but must not be written
        'S002,Millbrook,primary,NM-A01,T01,,T01,', // a trust's code as a federation
        'S003,Brackenfield,secondary,NM-A02,,,F09,', // a new federation without a name
        'S004,Fernlea,special,NM-A02,,,,Nameless Federation', // a name without a code
        'S005,Fifth,primary,NM-A01,,,F02,Another Name', // F02 named differently on row 2
        'S006,Sixth,primary,NM-A01,F01,,,', // a federation's code as a trust
        'S007,Seventh,primary,NM-A01,T05,Fifth Trust,,', // good
        'S008,Eighth,primary,NM-A01,,,T05,', // a trust on row 8, given as a federation
      ]),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems.map(describeProblem)).toEqual([
      'row 3, column federation_code: T01 is a trust, not a federation',
      'row 4, column federation_name: federation F09 is new: give its name',
      'row 5, column federation_code: is required when federation_name is given',
      'row 6, column federation_name: federation F02 is named "New Federation" on row 2',
      'row 7, column trust_code: F01 is a federation, not a trust',
      'row 9, column federation_code: T05 is a trust on row 8, not a federation',
    ]);
    expect(await groups()).toEqual(before);
    expect(await db.selectFrom('org_group').select('code').orderBy('code').execute()).toEqual([
      { code: 'F01' },
      { code: 'T01' },
    ]);
  });
});
