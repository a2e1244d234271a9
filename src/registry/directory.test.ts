import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import type { Db } from '../db/types.ts';
import { importFile } from '../exchange/exchange.ts';
import { findSchools, getOrgUnit, getSchool, listOrgUnits } from './directory.ts';
import { loadExamples } from './test-fixtures.ts';

const actor = operator('test');
const asOf = '2026-11-23';
let database: Database;
let db: Db;
beforeEach(async () => {
  database = await freshDatabase();
  db = database.db;
  await loadExamples(db);
  // A school that closed last year, and one that opens next year: neither counts as open today.
  await importFile(contextFor(db, actor), 'schools', {
    name: 'more.csv',
    bytes: new TextEncoder().encode(
      'code,name,phase,area_code,cluster_code,opened_on,closed_on\nS005,Old Mill Infant School,primary,NM-A01,NM-A01-C1,1950-09-01,2025-08-31\nS006,New Town Primary,primary,NM-A02,,2027-09-01,',
    ),
  });
});
afterEach(() => database.close());

describe('the org-unit tree', () => {
  test('areas list the open schools beneath them, through clusters too', async () => {
    const areas = await listOrgUnits(contextFor(db, actor), { level: 'area', asOf });
    expect(areas).toEqual([
      { code: 'NM-A01', name: 'Ashby Area', level: 'area', parent_code: 'NM', schools: 2 },
      { code: 'NM-A02', name: 'Brackenfield Area', level: 'area', parent_code: 'NM', schools: 2 },
    ]);
    // On a date before S005 closed it counts again.
    const earlier = await listOrgUnits(contextFor(db, actor), { level: 'area', asOf: '2025-01-01' });
    expect(earlier.map((a) => a.schools)).toEqual([3, 2]);
  });

  test('an org unit comes with its ancestors and its children', async () => {
    const area = await getOrgUnit(contextFor(db, actor), 'NM-A01', { asOf });
    expect(area.ancestors).toEqual([{ code: 'NM', name: 'Northmoor Authority', level: 'authority' }]);
    expect(area.children.map((c) => [c.code, c.level, c.schools])).toEqual([
      ['NM-A01-C1', 'cluster', 1],
      ['S002', 'school', 1],
    ]);
    const authority = await getOrgUnit(contextFor(db, actor), 'NM', { asOf });
    expect(authority.schools).toBe(4);
    expect(authority.ancestors).toEqual([]);
  });

  test('an unknown code is not found', async () => {
    await expect(getOrgUnit(contextFor(db, actor), 'NOPE', { asOf })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('finding schools', () => {
  test('by area, phase and words in the name; closed schools only on request', async () => {
    const page = { page: 1, pageSize: 50, asOf };
    const codes = async (q: Partial<Parameters<typeof findSchools>[1]>) =>
      (await findSchools(contextFor(db, actor), { ...page, ...q })).schools.map((s) => s.code);
    expect(await codes({ area: 'NM-A01' })).toEqual(['S001', 'S002']);
    expect(await codes({ area: 'NM-A01', includeClosed: true })).toEqual(['S001', 'S002', 'S005']);
    expect(await codes({ phase: 'secondary' })).toEqual(['S003']);
    expect(await codes({ q: 'mill' })).toEqual(['S002']);
    expect(await codes({ q: '100004' })).toEqual(['S004']);
    // In order of name: Brackenfield High School, then Millbrook Primary Academy.
    expect(await codes({ trust: 'T01' })).toEqual(['S003', 'S002']);
    expect(await codes({ q: '%' })).toEqual([]);
  });

  test('pages carry the total, in a stable order', async () => {
    const first = await findSchools(contextFor(db, actor), { page: 1, pageSize: 3, asOf });
    const second = await findSchools(contextFor(db, actor), { page: 2, pageSize: 3, asOf });
    expect(first.total).toBe(4);
    expect(first.schools.map((s) => s.name)).toEqual([
      'Ashby Church of England Primary School',
      'Brackenfield High School',
      'Fernlea Special School',
    ]);
    expect(second.schools.map((s) => s.name)).toEqual(['Millbrook Primary Academy']);
  });

  test('each school shows its headteacher, or the cover, or a vacancy', async () => {
    const { schools } = await findSchools(contextFor(db, actor), { page: 1, pageSize: 50, asOf });
    const byCode = Object.fromEntries(schools.map((s) => [s.code, s]));
    expect(byCode.S001).toMatchObject({
      headship_status: 'filled',
      headteacher: { name: 'Amina Okafor', since: '2015-09-01', tenure_years: 11.2 },
    });
    expect(byCode.S003).toMatchObject({ headship_status: 'vacant', headteacher: null }); // its head left in July 2026
    expect(byCode.S004).toMatchObject({
      headship_status: 'covered',
      headteacher: { name: 'Tom Hargreaves', role: 'interim_headteacher' },
    });
  });
});

describe('one school', () => {
  test('has its place, trust, headship with years of headship, and current posts', async () => {
    const school = await getSchool(contextFor(db, actor), 'S002', { asOf });
    expect(school).toMatchObject({
      code: 'S002',
      area_code: 'NM-A01',
      area_name: 'Ashby Area',
      cluster_code: null,
      trust_code: 'T01',
      trust_name: 'Heartwood Learning Trust',
      capacity: 210,
      latitude: 53.498,
      opened_on: '2014-04-01',
    });
    expect(school.headship).toMatchObject({
      status: 'filled',
      head: {
        name: 'James Whitfield',
        since: '2026-09-01',
        first_year_of_headship: true,
        headship_years: 0.2,
      },
    });
    expect(school.posts.map((p) => [p.person_code, p.role, p.fte])).toEqual([['P002', 'headteacher', 1]]);
    expect(school.ancestors.map((a) => a.code)).toEqual(['NM', 'NM-A01']);
  });

  test('the interim head of a school in another area counts their earlier headship', async () => {
    const school = await getSchool(contextFor(db, actor), 'S004', { asOf });
    // Tom Hargreaves led S003 from 2010-09-01 to 2026-07-31: 5,813 days.
    expect(school.headship.cover[0]).toMatchObject({
      person_code: 'P004',
      headship_years: Math.round((5813 / 365.25) * 10) / 10,
    });
  });

  test('a code that is not a school is not found', async () => {
    await expect(getSchool(contextFor(db, actor), 'NM-A01', { asOf })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
