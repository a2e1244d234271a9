// The SQL the inspections read for every school, as committed snapshots: a change shows in review as a
// diff of __snapshots__/*.sql.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { goodOrBetterQuery } from './good-or-better.ts';
import { lastInspectionsQuery } from './queries.ts';

test('each school’s last two inspections', async () => {
  await expect(sqlSnapshot(lastInspectionsQuery('2026-11-01', 2).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/last-inspections.sql',
  );
});

test('schools and pupils good or better by unit, period and phase', async () => {
  const units = { units: [{ code: 'A', name: 'Area A', level: 'area' }], unitCodes: ['A'], schoolIds: [1] };
  await expect(
    sqlSnapshot(goodOrBetterQuery(units, [parsePeriod('2026-10')]).compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/good-or-better.sql');
});
