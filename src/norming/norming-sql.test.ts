// Norming's SQL as committed snapshots: a change to what the database runs shows in review as a diff of
// __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { raterHistoryQuery } from './drift.ts';
import { sessionScoresQuery } from './session-scores.ts';

test("a session's long scores: every rater against each case and criterion with a level given", async () => {
  await expect(sqlSnapshot(sessionScoresQuery(compilingDb, 7).compile())).toMatchFileSnapshot(
    './__snapshots__/session-scores.sql',
  );
});

test("each rater's agreement as recorded at every closed session, oldest first", async () => {
  await expect(sqlSnapshot(raterHistoryQuery(compilingDb, null).compile())).toMatchFileSnapshot(
    './__snapshots__/rater-history.sql',
  );
});
