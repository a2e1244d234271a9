// The governing boards' heavy SQL as committed snapshots: a change to what the database runs shows in
// review as a diff of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { BoardFilter } from './contract.ts';
import { boardListQuery } from './queries.ts';
import { governanceTotalsQuery } from './totals.ts';

const rules = { today: '2026-11-20', termMonths: 6, vacancyPercent: 25, planMonths: 12 };

test('the board list, filtered to an area and not ready', async () => {
  const filter = BoardFilter.parse({
    area: 'A',
    not_ready: 'true',
    vacancies: 'true',
    q: 'big',
    sort: '-reasons',
  });
  await expect(
    sqlSnapshot(boardListQuery(['A', 'S1'], filter, rules).compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/board-list.sql');
});

test('the board indicators as KPI element totals', async () => {
  const units = { units: [], unitCodes: ['A', 'A'], schoolIds: [1, 2] };
  await expect(
    sqlSnapshot(governanceTotalsQuery(units, [parsePeriod('2025-26')]).compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/governance-totals.sql');
});
