// The roll-up's heaviest SQL as committed snapshots: a change to what the database runs shows in review
// as a diff of __snapshots__/*.sql. Compiled only, never run, so no database is started.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { parsePeriod } from './periods.ts';
import { maintainedTotalsQuery, schoolRollupQuery } from './queries.ts';
import type { ResolvedUnits } from './unit-totals.ts';

const db = compilingDb;

const units: ResolvedUnits = {
  units: [
    { code: 'A', name: 'Area A', level: 'area' },
    { code: 'TR', name: 'A Trust', level: 'trust' },
  ],
  unitCodes: ['A', 'A', 'TR', 'TR'],
  schoolIds: [1, 2, 2, 3],
};
const elements = ['sessions_attended', 'sessions_possible'];
const periods = [parsePeriod('2026-09'), parsePeriod('2026-27T1')];

test('the maintained element totals read (authorities, areas, clusters)', async () => {
  await expect(sqlSnapshot(maintainedTotalsQuery(units, elements, periods).compile(db))).toMatchFileSnapshot(
    './__snapshots__/maintained-totals.sql',
  );
});

test("the per-unit roll-up of its schools' values (schools, trusts, federations)", async () => {
  await expect(sqlSnapshot(schoolRollupQuery(units, elements, periods).compile(db))).toMatchFileSnapshot(
    './__snapshots__/school-rollup.sql',
  );
});
