// The demo authority (120 primary schools) matched after the catalogue's definitions: no LLE is proposed
// whose own school's leadership is inadequate or requires improvement, no NLE who does not lead an
// outstanding school, and no interim head for two vacancies (the demo once proposed all three).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadDemo } from '../demo/load.ts';
import type { Proposal } from './proposal-contract.ts';
import { matchInputs, propose } from './proposals.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await loadDemo(database.db, operator('test'), {
    seed: 5,
    primarySchools: 120,
    referenceDate: '2026-09-01',
  });
}, 300_000);
afterAll(() => database.close());

test('the demo proposal keeps to the roles as the catalogue defines them', async () => {
  const context = contextFor(database.db, operator('test'), { today: '2026-09-01' });
  const proposal: Proposal = await propose(context, { as_of: '2026-09-01' });
  const { leaders } = await matchInputs(context, '2026-09-01', { refresh: false });
  const byCode = new Map(leaders.map((l) => [l.code, l]));
  expect(proposal.pairs.length).toBeGreaterThan(0);
  const rank = { outstanding: 4, good: 3 } as Record<string, number>;
  for (const pair of proposal.pairs) {
    const leader = byCode.get(pair.leader);
    const latest = leader?.school?.inspections[0];
    if (pair.kind === 'lle')
      expect(rank[latest?.leadership ?? latest?.overall ?? ''] ?? 0).toBeGreaterThanOrEqual(3);
    if (pair.kind === 'nle') expect(latest?.overall).toBe('outstanding');
  }
  const perLeader = new Map<string, number>();
  for (const pair of proposal.pairs) perLeader.set(pair.leader, (perLeader.get(pair.leader) ?? 0) + 1);
  const interims = leaders.filter((l) => l.designations.includes('interim_head'));
  expect(interims.length).toBeGreaterThan(0);
  for (const l of interims) expect(perLeader.get(l.code) ?? 0).toBeLessThanOrEqual(1);
});
