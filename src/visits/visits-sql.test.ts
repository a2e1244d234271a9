// The visits' list and coverage SQL as committed snapshots: a change to what the database runs shows in
// review as a diff of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { visitCoverageQuery } from './coverage.ts';
import { visitScoreQuery } from './score-totals.ts';
import { visitListQuery } from './visits.ts';

test('coverage per area: schools visited this month and term, the term’s visits, overdue schools', async () => {
  const window = {
    on: '2026-11-20',
    monthFrom: '2026-11-01',
    termFrom: '2026-09-01',
    overdueFrom: '2026-09-25',
  };
  await expect(sqlSnapshot(visitCoverageQuery(compilingDb, window).compile())).toMatchFileSnapshot(
    './__snapshots__/visit-coverage.sql',
  );
});

test('a page of an area lead’s visits, filtered by area, type and dates', async () => {
  const filter = {
    area: 'A',
    visit_type: 'supervision' as const,
    from: '2026-09-01',
    to: '2026-12-31',
    page: 2,
    page_size: 20,
  };
  await expect(
    sqlSnapshot(visitListQuery(compilingDb, ['A', 'S1', 'S2'], filter).compile()),
  ).toMatchFileSnapshot('./__snapshots__/visit-list.sql');
});

test('visit scores summed and counted per unit, period and leadership section', async () => {
  const units = { units: [], unitCodes: ['A', 'A', 'S1'], schoolIds: [11, 12, 11] };
  const periods = [
    { id: '2026-11', type: 'month' as const, start: '2026-11-01', end: '2026-11-30', months: ['2026-11'] },
  ];
  await expect(sqlSnapshot(visitScoreQuery(units, periods).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/visit-scores.sql',
  );
});
