// The reforms' SQL as committed snapshots: a change to what the database runs shows in review as a diff
// of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { implementationQuery, schoolFidelityQuery } from './fidelity-sql.ts';

test('each covered school in an area lead’s scope with its latest check', async () => {
  await expect(
    sqlSnapshot(schoolFidelityQuery(7, ['A', 'S1', 'S2'], 'A').compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/school-fidelity.sql');
});

test('implementation by area and for all areas, month by month', async () => {
  const periods = [
    { period: '2026-09', start: '2026-09-01', end: '2026-09-30' },
    { period: '2026-10', start: '2026-10-01', end: '2026-10-20' },
  ];
  await expect(sqlSnapshot(implementationQuery(7, null, periods).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/implementation.sql',
  );
});
