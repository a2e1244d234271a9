// The skills audit's named statements, compiled on a Kysely with no database: a change to what the
// database runs shows as a diff of the committed SQL.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { areaWeaknessQuery, auditLeadersQuery, heatmapQuery } from './queries.ts';

const db = compilingDb;

test('the heat map by area', async () => {
  await expect(sqlSnapshot(heatmapQuery(7, 'area', null).compile(db))).toMatchFileSnapshot(
    './__snapshots__/heatmap-area.sql',
  );
});

test('the heat map by cohort, heads only', async () => {
  await expect(sqlSnapshot(heatmapQuery(7, 'cohort', 'headteacher').compile(db))).toMatchFileSnapshot(
    './__snapshots__/heatmap-cohort.sql',
  );
});

test('an audit’s leaders with their progress and gap', async () => {
  await expect(sqlSnapshot(auditLeadersQuery(7, null).compile(db))).toMatchFileSnapshot(
    './__snapshots__/audit-leaders.sql',
  );
});

test('an area’s weakest competencies', async () => {
  await expect(sqlSnapshot(areaWeaknessQuery(7, 'A', 3).compile(db))).toMatchFileSnapshot(
    './__snapshots__/area-weakness.sql',
  );
});
