import { afterEach, beforeEach, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import { type Database, openPostgres } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';

// Pages keep their figures between requests; every write must show on the very next one, whoever makes it.
let database: Database & { url: string };
beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
});
afterEach(() => database.close());

const attendance = (body: { cells: Record<string, { value: number | null }> }) =>
  body.cells.attendance_rate?.value;

test('an import shows at once on the overview, the area and the school', async () => {
  const { get } = await apiAs(database, 'director', 'T');
  const read = async () => {
    const [overview, area, school] = await Promise.all([
      get('/api/v1/dashboards/overview?period=2026-10'),
      get('/api/v1/dashboards/areas/A?period=2026-10'),
      get('/api/v1/dashboards/schools/S2?period=2026-10'),
    ]);
    return {
      authority: attendance(overview.body.authority),
      areaA: attendance(overview.body.areas.find((a: { code: string }) => a.code === 'A')),
      areaPage: attendance(area.body.area),
      school: school.body.indicators.find(
        (s: { indicator: { code: string } }) => s.indicator.code === 'attendance_rate',
      )?.school.value,
    };
  };
  // 1570/1700, 1000/1100 and S2's 50/100.
  const before = await read();
  expect(before.authority).toBeCloseTo((100 * 1570) / 1700, 6);
  expect(before.areaA).toBeCloseTo((100 * 1000) / 1100, 6);
  expect(before.areaPage).toBe(before.areaA);
  expect(before.school).toBe(50);
  expect(await read()).toEqual(before);

  // S2 corrects its attendance to 90 of 100: A becomes 1040/1100, the authority 1610/1700.
  await importFile(
    contextFor(database.db, operator('test')),
    'data-values',
    csv('fix.csv', ['school_code,period,element,value', 'S2,2026-10,sessions_attended,90']),
  );
  const after = await read();
  expect(after.authority).toBeCloseTo((100 * 1610) / 1700, 6);
  expect(after.areaA).toBeCloseTo((100 * 1040) / 1100, 6);
  expect(after.areaPage).toBe(after.areaA);
  expect(after.school).toBe(90);

  // Another process (an import beside the server) writes through its own connection: seen as well.
  const other = openPostgres(database.url);
  try {
    await other.db
      .updateTable('data_value')
      .set({ value: 70 })
      .where('org_unit_id', '=', (eb) => eb.selectFrom('org_unit').select('id').where('code', '=', 'S2'))
      .where('element_id', '=', (eb) =>
        eb.selectFrom('data_element').select('id').where('code', '=', 'sessions_attended'),
      )
      .execute();
  } finally {
    await other.close();
  }
  expect((await read()).school).toBe(70);
});
