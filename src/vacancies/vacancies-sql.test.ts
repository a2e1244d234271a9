// The register's SQL as committed snapshots: a change to what the database runs shows in review as a
// diff of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { VacancyFilter } from './contract.ts';
import { vacancyTotalsQuery } from './indicator-totals.ts';
import { vacancyFiguresQuery, vacancyPageQuery } from './queries.ts';

const filter = VacancyFilter.parse({
  area: 'A',
  post_role: 'headteacher',
  status: 'filled',
  sort: '-days_to_fill',
  page: '2',
  page_size: '20',
});

test('a page of an area lead’s vacancies, filtered and sorted by time to fill', async () => {
  await expect(
    sqlSnapshot(vacancyPageQuery(compilingDb, ['A', 'S1', 'S2'], filter).compile()),
  ).toMatchFileSnapshot('./__snapshots__/vacancy-page.sql');
});

test('the figures of the same filter: open, under cover, filled first time, median days, applications', async () => {
  await expect(
    sqlSnapshot(vacancyFiguresQuery(compilingDb, ['A', 'S1', 'S2'], filter).compile()),
  ).toMatchFileSnapshot('./__snapshots__/vacancy-figures.sql');
});

test('the recruitment indicators’ elements for units and periods', async () => {
  const units = { units: [], unitCodes: ['A', 'A', 'S1'], schoolIds: [1, 2, 1] };
  await expect(
    sqlSnapshot(vacancyTotalsQuery(units, [parsePeriod('2025-26')]).compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/vacancy-totals.sql');
});
