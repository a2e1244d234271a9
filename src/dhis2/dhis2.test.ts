// DHIS2 as it speaks: the set-level payload, UIDs through the mapping, the CSV form, the import
// summary, the export round trip, and the pull against recorded DHIS2 2.40 responses served on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiAs } from '../auth/testing.ts';
import type { Settings } from '../config.ts';
import { defaultSettings } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { recordedDhis2, recordedMapping } from './recorded-server.ts';

let database: Database;
let api: Awaited<ReturnType<typeof apiAs>>;
beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  api = await apiAs(database, 'analyst', 'T');
});
afterEach(() => database.close());

/** The values held for a school and month, by element. */
async function held(school: string, month: string): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('data_value as dv')
    .innerJoin('org_unit as o', 'o.id', 'dv.org_unit_id')
    .innerJoin('data_element as e', 'e.id', 'dv.element_id')
    .select(['e.code', 'dv.value'])
    .where('o.code', '=', school)
    .where('dv.month', '=', `${month}-01`)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.value)]));
}

async function uploadMapping() {
  const form = new FormData();
  form.append('file', new Blob([recordedMapping()]), 'mapping.csv');
  const response = await api.request('/api/v1/dhis2/mappings/import', { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

describe('dataValueSets in', () => {
  test("the issue's payload: set-level period and orgUnit stand for each value's", async () => {
    const payload = {
      dataSet: 'attendance',
      period: '202611',
      orgUnit: 'S1',
      completeDate: '2026-12-02',
      attributeOptionCombo: 'default',
      dataValues: [
        { dataElement: 'sessions_possible', categoryOptionCombo: 'default', value: '150' },
        { dataElement: 'sessions_attended', value: '140' },
        // A value naming its own org unit overrides the set's.
        { dataElement: 'sessions_possible', orgUnit: 'S2', value: '90' },
      ],
    };
    const pushed = await api.send('POST', '/api/v1/data-values', payload);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toMatchObject({ kind: 'data-values', rows: 3, inserted: 3 });
    expect(await held('S1', '2026-11')).toEqual({ sessions_possible: 150, sessions_attended: 140 });
    expect(await held('S2', '2026-11')).toEqual({ sessions_possible: 90 });

    // The same payload at DHIS2's own path: DHIS2's summary beside Headway's report; all already held.
    const again = await api.send('POST', '/api/v1/dhis2/dataValueSets', payload);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      responseType: 'ImportSummary',
      status: 'SUCCESS',
      description: 'Import process completed successfully',
      importCount: { imported: 0, updated: 0, ignored: 3, deleted: 0 },
      conflicts: [],
      dataSetComplete: '2026-12-02',
      report: { kind: 'data-values', rows: 3, inserted: 0, updated: 0, unchanged: 3, dryRun: false },
    });
  });

  test("the issue's enrolment by sex: kept per option, the total their sum, and exported back with the options", async () => {
    // Until the element is kept by sex, the options are refused by name.
    const early = await api.send('POST', '/api/v1/dhis2/dataValueSets', {
      period: '202610',
      orgUnit: 'S1',
      dataValues: [{ dataElement: 'pupils_enrolled', categoryOptionCombo: 'MALE', value: '150' }],
    });
    expect(early.body.conflicts[0].value).toBe(
      'row 1, column categoryOptionCombo: pupils_enrolled has no categories; this row gives MALE',
    );
    expect(
      (await api.send('PUT', '/api/v1/data-elements/pupils_enrolled/categories', { combo: 'sex' })).status,
    ).toBe(200);
    const { status, body } = await api.send('POST', '/api/v1/dhis2/dataValueSets', {
      period: '202610',
      orgUnit: 'S1',
      dataValues: [
        { dataElement: 'pupils_enrolled', categoryOptionCombo: 'MALE', value: '150' },
        { dataElement: 'pupils_enrolled', categoryOptionCombo: 'FEMALE', value: '160' },
      ],
    });
    expect(status, JSON.stringify(body.conflicts)).toBe(200);
    expect(body.importCount).toEqual({ imported: 2, updated: 0, ignored: 0, deleted: 0 });
    // The element's total is kept as the sum of its options.
    expect((await held('S1', '2026-10')).pupils_enrolled).toBe(310);
    const exported = await api.get(
      '/api/v1/dhis2/dataValueSets?period=2026-10&element=pupils_enrolled&orgUnit=S1',
    );
    expect(
      exported.body.dataValues.map((v: { categoryOptionCombo: string; value: string }) => [
        v.categoryOptionCombo,
        v.value,
      ]),
    ).toEqual([
      ['FEMALE', '160'],
      ['MALE', '150'],
    ]);
    // A value without options for an element kept by them is refused by name, nothing written.
    const total = await api.send('POST', '/api/v1/dhis2/dataValueSets', {
      period: '202611',
      orgUnit: 'S1',
      dataValues: [{ dataElement: 'pupils_enrolled', value: '310' }],
    });
    expect(total.status).toBe(409);
    expect(total.body.conflicts[0].value).toContain('pupils_enrolled');
  });

  test('conflicts in the summary name the value, its row and why; nothing is written', async () => {
    const { status, body } = await api.send('POST', '/api/v1/dhis2/dataValueSets', {
      period: '202611',
      dataValues: [
        { dataElement: 'sessions_possible', orgUnit: 'S1', value: '10' },
        { dataElement: 'sessions_possible', orgUnit: 'S9', value: '10' },
        { dataElement: 'sessions_possible', orgUnit: 'S2', period: '2026Q3', value: '10' },
        { dataElement: 'sessions_possible', orgUnit: 'S3', period: '2026W5', value: '10' },
      ],
    });
    expect(status).toBe(409);
    expect(body.importCount).toEqual({ imported: 0, updated: 0, ignored: 4, deleted: 0 });
    expect(body.report).toBeNull();
    expect(body.conflicts).toEqual([
      expect.objectContaining({
        object: 'S9',
        indexes: [1],
        value: expect.stringMatching(/^row 2, column orgUnit: S9 /),
      }),
      {
        object: '2026Q3',
        indexes: [2],
        value:
          'row 3, column period: 2026Q3 is a DHIS2 quarterly period: Headway keeps data values by month, so send monthly values (such as 202610)',
      },
      expect.objectContaining({
        object: '2026W5',
        value: expect.stringContaining('is a DHIS2 weekly period'),
      }),
    ]);
    expect(await held('S1', '2026-11')).toEqual({});
  });

  test('UIDs through the mapping an admin imports; an unmapped UID is a conflict under idScheme=UID', async () => {
    const mapped = await uploadMapping();
    expect(mapped.status).toBe(200);
    expect(mapped.body).toMatchObject({ kind: 'dhis2-mappings', rows: 6, inserted: 6 });
    const payload = {
      dataSet: 'pBOMPrpg1QX',
      period: '202611',
      orgUnit: 'Xq7bN2kLm4P',
      dataValues: [
        { dataElement: 'fPs4kT9wQa1', categoryOptionCombo: 'HllvX50cXC0', value: '200' },
        { dataElement: 'gAt5lU0xRb2', orgUnit: 'Yr8cO3lMn5Q', value: '180' },
      ],
    };
    const { status, body } = await api.send('POST', '/api/v1/dhis2/dataValueSets?idScheme=UID', payload);
    expect(status).toBe(200);
    expect(body.importCount.imported).toBe(2);
    expect(await held('S1', '2026-11')).toEqual({ sessions_possible: 200 });
    expect(await held('S2', '2026-11')).toEqual({ sessions_attended: 180 });

    const unmapped = await api.send('POST', '/api/v1/dhis2/dataValueSets?orgUnitIdScheme=UID', {
      period: '202611',
      orgUnit: 'S1',
      dataValues: [{ dataElement: 'sessions_possible', value: '1' }],
    });
    expect(unmapped.status).toBe(409);
    expect(unmapped.body.conflicts[0].value).toBe(
      'row 1, column orgUnit: S1 is not a UID in the DHIS2 mapping of org units',
    );

    // The mapping refuses a code Headway does not have, and one UID for two codes.
    const bad = await api.send('PUT', '/api/v1/dhis2/mappings', {
      kind: 'org_unit',
      code: 'S3',
      uid: 'Xq7bN2kLm4P',
    });
    expect(bad.status).toBe(409);
    expect(bad.body.error.message).toBe('Xq7bN2kLm4P is already the UID of S1: one UID maps one code');
    const listed = await api.get('/api/v1/dhis2/mappings?kind=org_unit');
    expect(listed.body.counts).toEqual({
      org_unit: 3,
      data_element: 2,
      category_option_combo: 0,
      data_set: 1,
    });
    // Found by part of a code, UID or name, a page at a time.
    const found = await api.get('/api/v1/dhis2/mappings?kind=org_unit&q=small&page_size=1');
    expect(found.body).toMatchObject({ total: 1, page: 1, page_size: 1 });
    expect(found.body.mappings.map((m: { code: string }) => m.code)).toEqual(['S2']);
    const second = await api.get('/api/v1/dhis2/mappings?kind=org_unit&page=2&page_size=2');
    expect(second.body.total).toBe(3);
    expect(second.body.mappings.map((m: { code: string }) => m.code)).toEqual(['T']);
  });

  test("the CSV form, DHIS2's columns", async () => {
    const text = [
      'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted',
      'sessions_possible,202611,S3,HllvX50cXC0,HllvX50cXC0,410,admin,2026-12-01T10:00:00.000,,false,',
      'sessions_attended,202611,S3,HllvX50cXC0,HllvX50cXC0,395,admin,2026-12-01T10:00:00.000,,false,',
    ].join('\n');
    const response = await api.request('/api/v1/dhis2/dataValueSets?dry_run=true', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: text,
    });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.importCount).toEqual({ imported: 2, updated: 0, ignored: 0, deleted: 0 });
    expect(body.report.dryRun).toBe(true);
    expect(await held('S3', '2026-11')).toEqual({});
  });
});

describe('dataValueSets out', () => {
  test('export then import gives the same values (codes, then UIDs)', async () => {
    const exported = await api.get(
      '/api/v1/dhis2/dataValueSets?period=2026-10&element=sessions_possible,sessions_attended&orgUnit=A',
    );
    expect(exported.status).toBe(200);
    expect(exported.body.period).toBe('202610');
    expect(exported.body.dataValues).toHaveLength(4);
    expect(exported.body.dataValues[0]).toEqual({
      dataElement: 'sessions_attended',
      period: '202610',
      orgUnit: 'S1',
      categoryOptionCombo: 'default',
      attributeOptionCombo: 'default',
      value: '950',
    });
    await database.db.deleteFrom('data_value').execute();
    const back = await api.send('POST', '/api/v1/dhis2/dataValueSets', exported.body);
    expect(back.body.importCount.imported).toBe(4);
    expect(await held('S1', '2026-10')).toEqual({ sessions_possible: 1000, sessions_attended: 950 });
    expect(await held('S2', '2026-10')).toEqual({ sessions_possible: 100, sessions_attended: 50 });

    // By UID: a school without one is refused by name; with the mapping, the UIDs go out.
    const refused = await api.get(
      '/api/v1/dhis2/dataValueSets?period=2026-10&element=sessions_possible&idScheme=UID',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      'These codes have no DHIS2 UID in the mapping: data elements sessions_possible; org units S1, S2, T (map them, or export with idScheme=CODE)',
    );
    await uploadMapping();
    const byUid = await api.get(
      '/api/v1/dhis2/dataValueSets?period=2026-10&element=sessions_possible&idScheme=UID&dataSet=attendance',
    );
    expect(byUid.status).toBe(200);
    expect(byUid.body).toMatchObject({ dataSet: 'pBOMPrpg1QX', period: '202610', orgUnit: 'Zs9dP4mNo6R' });
    expect(byUid.body.dataValues[0]).toEqual({
      dataElement: 'fPs4kT9wQa1',
      period: '202610',
      orgUnit: 'Xq7bN2kLm4P',
      categoryOptionCombo: 'HllvX50cXC0',
      attributeOptionCombo: 'HllvX50cXC0',
      value: '1000',
    });
    const area = await api.get(
      '/api/v1/dhis2/dataValueSets?period=2026-10&element=sessions_possible&orgUnit=A&idScheme=UID',
    );
    expect(area.body.error.message).toContain('org units A');
  });

  test('indicator values per school, the year as DHIS2 writes it', async () => {
    const { status, body } = await api.get(
      '/api/v1/dhis2/dataValueSets?period=2026&indicator=attendance_rate',
    );
    expect(status).toBe(200);
    expect(body.period).toBe('2026');
    expect(body.orgUnit).toBe('T');
    // S1 950/1000, S2 50/100, S3 380/400, S4 190/200 (S5 has none).
    expect(
      body.dataValues.map((v: { orgUnit: string; value: string }) => [v.orgUnit, v.value]).sort(),
    ).toEqual([
      ['S1', '95'],
      ['S2', '50'],
      ['S3', '95'],
      ['S4', '95'],
    ]);
    const term = await api.get('/api/v1/dhis2/dataValueSets?period=2026-27T1&indicator=attendance_rate');
    expect(term.status).toBe(400);
    expect(term.body.error.message).toContain('DHIS2 has no period of Headway');
  });
});

function pullSettings(url: string, password = 'district'): Settings {
  return {
    ...defaultSettings,
    dhis2: {
      url,
      auth: { username: 'headway', password },
      dataSet: 'pBOMPrpg1QX',
      orgUnit: 'T',
      months: 12,
      everyHours: null,
    },
  };
}

describe('the pull from DHIS2', () => {
  test('a year of one data set: twelve months, each imported all or nothing; a failing month is reported', async () => {
    await uploadMapping();
    const dhis2 = await recordedDhis2(['202602']);
    try {
      const admin = await apiAs(database, 'admin', 'T', undefined, pullSettings(dhis2.url));
      const { status, body } = await admin.send('POST', '/api/v1/dhis2/pulls', {
        from: '202509',
        to: '202608',
      });
      expect(status).toBe(200);
      expect(body.status).toBe('partial');
      expect(body.periods).toHaveLength(12);
      expect(body.periods.filter((p: { status: string }) => p.status === 'imported')).toHaveLength(11);
      expect(body.periods.find((p: { period: string }) => p.period === '202602')).toMatchObject({
        status: 'failed',
        message: 'DHIS2 answered 500 Internal Server Error',
      });
      expect(body.periods[0]).toMatchObject({ period: '202509', values: 4, imported: 4 });
      // The root is asked for by its UID, its children too, a month at a time.
      expect(dhis2.requests[0]).toBe(
        '/api/dataValueSets.json?dataSet=pBOMPrpg1QX&orgUnit=Zs9dP4mNo6R&children=true&startDate=2025-09-01&endDate=2025-09-30',
      );
      expect(await held('S1', '2025-09')).toEqual({ sessions_possible: 1000, sessions_attended: 900 });
      expect(await held('S2', '2026-08')).toEqual({ sessions_possible: 111, sessions_attended: 100 });
      expect(await held('S1', '2026-02')).toEqual({});

      const overview = await admin.get('/api/v1/dhis2/pulls');
      expect(overview.body.configured).toEqual({
        url: dhis2.url,
        dataSet: 'pBOMPrpg1QX',
        orgUnit: 'T',
        months: 12,
        everyHours: null,
        auth: 'password',
      });
      expect(overview.body.runs[0]).toMatchObject({ id: body.id, status: 'partial', from_period: '202509' });
      expect(JSON.stringify(overview.body)).not.toContain('district');
    } finally {
      await dhis2.close();
    }
  });

  test('a 401 names the configuration, not the password, and the run stops', async () => {
    const dhis2 = await recordedDhis2();
    try {
      const admin = await apiAs(database, 'admin', 'T', undefined, pullSettings(dhis2.url, 'wrong-s3cret'));
      const { body } = await admin.send('POST', '/api/v1/dhis2/pulls', { from: '202509', to: '202608' });
      expect(body.status).toBe('failed');
      expect(body.message).toBe(
        'DHIS2 at HEADWAY_DHIS2_URL refused the credentials (401): check HEADWAY_DHIS2_USERNAME and HEADWAY_DHIS2_PASSWORD',
      );
      expect(dhis2.requests).toHaveLength(1);
      const events = await database.db.selectFrom('audit_event').select('details').execute();
      expect(JSON.stringify(events)).not.toContain('s3cret');
    } finally {
      await dhis2.close();
    }
  });

  test('not configured: said by the variables to set', async () => {
    const { status, body } = await api.send('POST', '/api/v1/dhis2/pulls', {});
    expect(status).toBe(400);
    expect(body.error.message).toContain('set HEADWAY_DHIS2_URL');
  });
});
