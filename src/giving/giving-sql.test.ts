// Give and receive's SQL as committed snapshots: a change to what the database runs shows in review as
// a diff of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { flowsQuery, givingTotalsQuery, schoolStatusQuery } from './queries.ts';

const strong = { periods: ['2025-26'], schoolIds: [2] };

test('the give-and-receive KPI elements for units and periods', async () => {
  const units = { units: [], unitCodes: ['A', 'A', 'S1'], schoolIds: [1, 2, 1] };
  await expect(
    sqlSnapshot(givingTotalsQuery(units, [parsePeriod('2025-26')], strong).compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/giving-totals.sql');
});

test('each school’s give and receive in a year', async () => {
  await expect(
    sqlSnapshot(schoolStatusQuery([1, 2], parsePeriod('2025-26'), strong).compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/giving-schools.sql');
});

test('the support between schools in a year (the export)', async () => {
  await expect(sqlSnapshot(flowsQuery(parsePeriod('2025-26'), [1]).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/giving-flows.sql',
  );
});
