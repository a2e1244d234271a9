import { afterEach, beforeEach, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { elementsWithOutsideQuery, valuesOutsideQuery } from './element-ranges.ts';
import { csv, loadTinyAuthority } from './test-fixtures.ts';

let database: Database;

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
});
afterEach(() => database.close());

test('the SQL counting and listing stored values outside a range', async () => {
  await expect(sqlSnapshot(elementsWithOutsideQuery(compilingDb).compile())).toMatchFileSnapshot(
    './__snapshots__/elements-with-outside.sql',
  );
  await expect(
    sqlSnapshot(valuesOutsideQuery(compilingDb, 1, { min_value: 0, max_value: 900 }).compile()),
  ).toMatchFileSnapshot('./__snapshots__/values-outside-range.sql');
});

test('a data manager narrows a range: stored values are kept and counted, new ones refused, the change audited', async () => {
  const { get, send } = await apiAs(database, 'analyst', 'T');
  const listed = await get('/api/v1/data-elements');
  expect(listed.body.elements.find((e: { code: string }) => e.code === 'sessions_attended')).toMatchObject({
    min_value: 0,
    max_value: null,
    outside: 0,
    computed: false,
  });
  // S1 attended 950 and S3 380 in October: above 900 is S1 alone.
  const set = await send('PUT', '/api/v1/data-elements/sessions_attended/range', {
    min_value: 0,
    max_value: 900,
  });
  expect(set.status).toBe(200);
  expect(set.body).toEqual({
    element: expect.objectContaining({ code: 'sessions_attended', min_value: 0, max_value: 900, outside: 1 }),
    examples: [{ school_code: 'S1', school: 'Big School', period: '2026-10', value: 950 }],
  });
  const stored = await database.db
    .selectFrom('data_value')
    .select('value')
    .where('value', '=', 950)
    .execute();
  expect(stored).toHaveLength(1);
  const audit = await database.db
    .selectFrom('audit_event')
    .select(['action', 'entity', 'details'])
    .where('entity', '=', 'data_element')
    .executeTakeFirstOrThrow();
  expect(audit).toMatchObject({ action: 'update', entity: 'data_element' });
  expect(JSON.stringify(audit.details)).toContain('"outside":1');
  const refused = await importFile(
    contextFor(database.db, operator('test')),
    'data-values',
    csv('v.csv', ['school_code,period,element,value', 'S2,2026-11,sessions_attended,901']),
  ).catch((e: { details: { text: string }[] }) => e.details.map((d) => d.text));
  expect(refused).toEqual(['row 2, column value: 901 is above the largest sessions_attended can be (900)']);
});

test('the smallest above the largest, an unknown element and a computed one are refused; a head may not set a range', async () => {
  const { send } = await apiAs(database, 'director', 'T');
  const crossed = await send('PUT', '/api/v1/data-elements/sessions_attended/range', {
    min_value: 10,
    max_value: 5,
  });
  expect(crossed).toMatchObject({
    status: 400,
    body: { error: { message: 'The smallest value (10) is above the largest (5)' } },
  });
  expect(
    (await send('PUT', '/api/v1/data-elements/nope/range', { min_value: 0, max_value: null })).status,
  ).toBe(404);
  const head = await apiAs(database, 'headteacher', 'S1');
  expect(
    (
      await head.send('PUT', '/api/v1/data-elements/sessions_attended/range', {
        min_value: 0,
        max_value: null,
      })
    ).status,
  ).toBe(403);
  const unchanged = await database.db
    .selectFrom('data_element')
    .select('max_value')
    .where('code', '=', 'sessions_attended')
    .executeTakeFirstOrThrow();
  expect(unchanged.max_value).toBeNull();
});
