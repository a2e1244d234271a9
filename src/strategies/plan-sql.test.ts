// The strategies' list and tree SQL as committed snapshots: a change to what the database runs shows in
// review as a diff of __snapshots__/*.sql. Compiled only, never run.
import { expect, test } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { compilingDb, sqlSnapshot } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { actionRowsQuery, strategySummariesQuery } from './plan.ts';
import { commentaryInQuery, milestonesDueQuery, statusesAtQuery } from './report.ts';

const areaLead: Actor = {
  name: 'lead',
  userId: 2,
  personId: 7,
  grants: [{ role: 'area_lead', org_unit: 'A' }],
  permissions: new Set(['strategies:read']),
  scope: { all: false, units: new Set(['A', 'S1']), comparisons: new Set(['T']), groups: new Set() },
};

test('the strategies an area lead may see, with their counts', async () => {
  await expect(sqlSnapshot(strategySummariesQuery(areaLead).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/strategy-summaries.sql',
  );
});

test("a strategy's actions with their leads, groups and milestones", async () => {
  await expect(sqlSnapshot(actionRowsQuery({ strandIds: [1, 2] }).compile(compilingDb))).toMatchFileSnapshot(
    './__snapshots__/strategy-actions.sql',
  );
});

// The termly report's queries: statuses at the term's end, commentary and milestones in it.
test("the termly report's statuses at the term's end, commentary and milestones due in the term", async () => {
  const term = parsePeriod('2025-26T2');
  const compiled = [
    statusesAtQuery(compilingDb, 1, term.end),
    commentaryInQuery(compilingDb, 1, term),
    milestonesDueQuery(compilingDb, 1, term),
  ].map((q) => sqlSnapshot(q.compile()));
  await expect(compiled.join('\n\n')).toMatchFileSnapshot('./__snapshots__/strategy-report.sql');
});
