// The stages' own SQL as committed snapshots (compiled only, never run).
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { recordedStagesQuery, stageCountsQuery, stageFlowsQuery } from './queries.ts';

const db = compilingDb;

test('the recorded stages of some schools in some terms', async () => {
  const query = recordedStagesQuery(['2025-26T2', '2025-26T3'], { units: ['S1', 'S2'], area: 'A' });
  await expect(sqlSnapshot(query.compile(db))).toMatchFileSnapshot('./__snapshots__/recorded-stages.sql');
});

test('the flows between consecutive terms, counted in the database', async () => {
  const query = stageFlowsQuery([{ from: '2025-26T2', to: '2025-26T3' }], { units: null, area: 'A' });
  await expect(sqlSnapshot(query.compile(db))).toMatchFileSnapshot('./__snapshots__/stage-flows.sql');
});

test('schools at each stage in each term', async () => {
  const query = stageCountsQuery(['2025-26T2', '2025-26T3'], { units: null });
  await expect(sqlSnapshot(query.compile(db))).toMatchFileSnapshot('./__snapshots__/stage-counts.sql');
});
