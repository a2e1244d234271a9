// The gap queries as committed snapshots: a change to what the database runs shows in review as a diff
// of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { schoolGapsQuery, unitGapsQuery } from './queries.ts';

const db = compilingDb;

test('each school against its norm in a month, filtered, sorted and paged', async () => {
  const query = schoolGapsQuery(
    {
      visible: ['A', 'S1'],
      area: 'A',
      school: 'S1',
      phase: 'primary',
      above: true,
      status: 'deficit',
      sort: 'gap',
      desc: true,
      page: { size: 50, offset: 0 },
    },
    parsePeriod('2026-10'),
  );
  await expect(sqlSnapshot(query.compile(db))).toMatchFileSnapshot('./__snapshots__/school-gaps.sql');
});

test('the gap figures, percentiles and R² per unit and period (the page and the KPI elements)', async () => {
  const units = { units: [], unitCodes: ['A', 'A'], schoolIds: [1, 2] };
  await expect(
    sqlSnapshot(unitGapsQuery(units, [parsePeriod('2026-10'), parsePeriod('2026-27T1')]).compile(db)),
  ).toMatchFileSnapshot('./__snapshots__/unit-gaps.sql');
});
