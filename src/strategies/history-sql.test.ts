// The plan-as-it-stood and change-log SQL as committed snapshots (compiled only, never run).
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { actionRowsAsOfQuery, changesQuery, strandsAsOfQuery } from './history.ts';

test("a strategy's strands as they stood on a day", async () => {
  await expect(sqlSnapshot(strandsAsOfQuery(1, '2026-03-31').compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/strands-as-of.sql',
  );
});

test('the actions of some strands as they stood on a day, with their statuses then', async () => {
  await expect(
    sqlSnapshot(actionRowsAsOfQuery({ strandIds: [1, 2] }, '2026-03-31').compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/actions-as-of.sql');
});

test("a strategy's changes between two days, and one action's", async () => {
  await expect(
    sqlSnapshot(changesQuery({ strategyId: 1, from: '2025-12-31', to: '2026-03-31' }).compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/strategy-changes.sql');
  await expect(sqlSnapshot(changesQuery({ actionId: 7 }).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/action-changes.sql',
  );
});
