// The programmes' heavy SQL as committed snapshots: a change to what the database runs shows in review
// as a diff of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { grownTotalsQuery } from './grown-totals.ts';
import { grownQuery, participantsQuery } from './queries.ts';

const db = compilingDb;

test('participants with the post that made them promoted, and their placement', async () => {
  await expect(sqlSnapshot(participantsQuery('2026-11-01', 3, 7).compile(db))).toMatchFileSnapshot(
    './__snapshots__/participants.sql',
  );
});

test('growing your own per school', async () => {
  await expect(sqlSnapshot(grownQuery('2023-11-01', '2026-11-01').compile(db))).toMatchFileSnapshot(
    './__snapshots__/grown-per-school.sql',
  );
});

test('growing your own as KPI element totals', async () => {
  const units = { units: [], unitCodes: ['A', 'A'], schoolIds: [1, 2] };
  await expect(
    sqlSnapshot(grownTotalsQuery(units, [parsePeriod('2025-26')]).compile(db)),
  ).toMatchFileSnapshot('./__snapshots__/grown-totals.sql');
});
