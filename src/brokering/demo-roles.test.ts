// The demo authority (120 primary schools) matched after the catalogue's definitions: no LLE is proposed
// whose own school's leadership is inadequate or requires improvement, no NLE who does not lead an
// outstanding school, and no interim head for two vacancies (the demo once proposed all three); and a pair
// for every role in which some leader is eligible for some need (none once for NLEs or professional partners).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadDemo } from '../demo/load.ts';
import { fitOf, ineligibility, type OpenNeed, roleForNeed } from './eligibility.ts';
import type { Leader } from './leaders.ts';
import type { Proposal } from './proposal-contract.ts';
import { matchInputs, openNeeds, propose } from './proposals.ts';

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
    // An NPQH pair names the host school as well as the candidate's.
    if (pair.kind === 'npqh_internship')
      expect(pair.reasons).toContain(
        `Host school: ${leader?.school?.name}, for ${pair.school_name}’s candidate`,
      );
    // Every LLE and NLE pair names the leader's own school's leadership judgement, with its month.
    if ((pair.kind === 'lle' || pair.kind === 'nle') && latest)
      expect(pair.reasons).toContain(
        `Own school: ${latest.leadership ? `leadership ${latest.leadership.replaceAll('_', ' ')}` : `judged ${latest.overall.replaceAll('_', ' ')} overall`} (${latest.inspected_on.slice(0, 7)})`,
      );
  }
  const perLeader = new Map<string, number>();
  for (const pair of proposal.pairs) perLeader.set(pair.leader, (perLeader.get(pair.leader) ?? 0) + 1);
  const interims = leaders.filter((l) => l.designations.includes('interim_head'));
  expect(interims.length).toBeGreaterThan(0);
  for (const l of interims) expect(perLeader.get(l.code) ?? 0).toBeLessThanOrEqual(1);
});

test('the demo proposal has pairs for every role that has eligible leaders and needs', async () => {
  const context = contextFor(database.db, operator('test'), { today: '2026-09-01' });
  const inputs = await matchInputs(context, '2026-09-01', { refresh: false });
  const proposal: Proposal = await propose(context, { as_of: '2026-09-01' });
  const needs = await openNeeds(context, inputs, undefined);
  const byNeed = new Map(needs.map((n) => [n.id, n]));
  const byCode = new Map(inputs.leaders.map((l) => [l.code, l]));
  const roleOfPair = (pair: Proposal['pairs'][number]) => {
    const leader = byCode.get(pair.leader) as Leader;
    const need = byNeed.get(pair.need) as OpenNeed;
    const via = roleForNeed(leader, need);
    // A head whose school is strong hosts practice sharing in no role.
    return 'role' in via ? via.role.code : 'host';
  };
  const proposedRoles = new Set(proposal.pairs.map(roleOfPair));
  // Every role some leader is eligible in for some need.
  const eligibleRoles = new Set<string>();
  for (const need of needs)
    for (const leader of inputs.leaders) {
      if (ineligibility(leader, need, inputs.settings).length > 0) continue;
      const via = roleForNeed(leader, need);
      if ('role' in via) eligibleRoles.add(via.role.code);
    }
  for (const role of eligibleRoles) expect(proposedRoles, role).toContain(role);
  // No interim head: each of the demo's interims already covers their school's open headship through
  // a deployment (src/demo/vacancies.ts), and an interim fills one vacancy at a time.
  expect([...eligibleRoles].sort()).toEqual([
    'advisory_head',
    'associate_head',
    'executive_head',
    'lle',
    'mentor',
    'nle',
    'npqh_host',
    'outstanding_teacher',
    'professional_partner',
    'sle',
    'support_staff_leader',
  ]);
});

test('a demo school in an inspection category still offers its attendance practice to the match', async () => {
  const context = contextFor(database.db, operator('test'), { today: '2026-09-01' });
  const inputs = await matchInputs(context, '2026-09-01', { refresh: false });
  const needs = await openNeeds(context, inputs, undefined);
  // Heads of schools in a category (special measures, serious weaknesses) that hold an attendance strength.
  const inCategory = inputs.leaders.filter(
    (l) =>
      l.host &&
      l.school?.inspections[0]?.category &&
      l.school.strengths.some((s) => s.practice_area === 'attendance'),
  );
  expect(inCategory.length).toBeGreaterThan(0);
  // Each is a candidate the solver weighs for some attendance need, for its attendance strength.
  const offered = inCategory.filter((leader) =>
    needs.some(
      (need) =>
        need.indicator === 'attendance_rate' &&
        ineligibility(leader, need, inputs.settings).length === 0 &&
        fitOf(leader, need, inputs.settings).strengths.includes('attendance'),
    ),
  );
  expect(offered.map((l) => l.school?.code)).toEqual(inCategory.map((l) => l.school?.code));
});
