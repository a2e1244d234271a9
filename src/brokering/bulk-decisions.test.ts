// A broker's decisions on a whole proposal through the API, on the tiny authority (T > A {S1, S2},
// B {S3, S4, S5}; trust TA {S1, S4}): the rules (every pair, fit at or above a score, an area) with
// exceptions and single decisions, each counted by hand; the same rule twice; the leaders a pair may be
// swapped to, best first; why a weak pair is still the best available; the background match's progress.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { loadTinyPool } from './test-pool.ts';

let database: Database;
let as: Callers;
const asOf = '2026-11-01';
const load = (kind: string, lines: string[]) =>
  importFile(contextFor(database.db, operator('test')), kind, csv(`${kind}.csv`, lines));

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
  // The leads' fixture has imported P4 already.
  await loadTinyPool(database.db, { people: [] });
});
afterEach(() => database?.close());

interface Pair {
  need: number;
  area: string | null;
  school: string;
  kind: string;
  leader: string;
  leader_name: string;
  fit: number;
  weak: string[];
  best_because: string;
}

async function proposal(): Promise<{ id: number; pairs: Pair[] }> {
  const made = await as.director.send('POST', '/api/v1/brokering/proposals', { as_of: asOf });
  expect(made.status).toBe(201);
  return made.body;
}

const pairAt = (pairs: Pair[], school: string, kind = 'headship_cover') =>
  pairs.find((p) => p.school === school && p.kind === kind) as Pair;

async function deployments() {
  return (
    await database.db
      .selectFrom('deployment as d')
      .innerJoin('support_need as n', 'n.id', 'd.need_id')
      .innerJoin('org_unit as o', 'o.id', 'n.school_id')
      .innerJoin('person as p', 'p.id', 'd.person_id')
      .select(['o.code as school', 'n.kind', 'p.code as leader'])
      .orderBy('o.code')
      .orderBy('n.kind')
      .execute()
  ).map((d) => `${d.school} ${d.kind} ${d.leader}`);
}

/** Polls a background match until it ends. */
async function finished(job: { id: string }) {
  for (let i = 0; i < 200; i++) {
    const { status, body } = await as.director.get(`/api/v1/brokering/proposal-jobs/${job.id}`);
    expect(status).toBe(200);
    if (body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The match did not finish');
}

const decide = (id: number, body: object) =>
  as.director.send('POST', `/api/v1/brokering/proposals/${id}/bulk-decisions`, { as_of: asOf, ...body });

// The proposal, counted by hand: in A, P4 (26 days, 3 places) takes S2's mentoring (6), LLE (12) and
// practice sharing (4) at fit 0.8; in B, P6 (80 days) covers two of the three vacant headships (40 each)
// and P7 (40 days) the third, at fit 0.5 (no school of their own: phase, distance, track record even).
describe('bulk decisions', () => {
  it('accepts every pair in an area but one exception, and matches the rest again', async () => {
    const p = await proposal();
    // Which of B's three headships goes to P7 is a tie the solver may break either way.
    expect(p.pairs.map((x) => `${x.area} ${x.kind} ${x.leader} ${x.fit}`).sort()).toEqual([
      'A lle P4 0.8',
      'A mentor P4 0.8',
      'A practice P4 0.8',
      'B headship_cover P6 0.5',
      'B headship_cover P6 0.5',
      'B headship_cover P7 0.5',
    ]);
    expect(
      p.pairs
        .filter((x) => x.area === 'B')
        .map((x) => x.school)
        .sort(),
    ).toEqual(['S3', 'S4', 'S5']);
    // The exception is one of P6's two headships.
    const [kept, other] = p.pairs.filter((x) => x.leader === 'P6') as [Pair, Pair];
    const byP7 = p.pairs.find((x) => x.leader === 'P7') as Pair;
    const { status, body } = await decide(p.id, { accept: { areas: ['B'] }, except: [kept.need] });
    expect(status).toBe(202);
    expect(body).toMatchObject({
      accepted: 2,
      swapped: 0,
      rejected: 0,
      excepted: 1,
      already: 0,
      undecided: 4,
    });
    expect(body.summary).toBe(
      'Accepted 2 pairs in B; 1 exception left for review. The rest is being matched again.',
    );
    expect(await deployments()).toEqual(
      [`${other.school} headship_cover P6`, `${byP7.school} headship_cover P7`].sort(),
    );
    const job = await finished(body.job);
    expect(job.status).toBe('done');
    // P6 has 40 days left: the exception is proposed to them again with A's three pairs.
    const next = await as.director.get(`/api/v1/brokering/proposals/${job.proposal}`);
    expect(next.body.pairs.map((x: Pair) => `${x.school} ${x.kind} ${x.leader}`).sort()).toEqual([
      'S2 lle P4',
      'S2 mentor P4',
      'S2 practice P4',
      `${kept.school} headship_cover P6`,
    ]);
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('action', '=', 'decide')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      proposal: p.id,
      rule: { areas: ['B'] },
      except: [kept.need],
      accepted: 2,
    });
  });

  it('accepts every pair at or above a fit, beside a reject of a single pair', async () => {
    const p = await proposal();
    const s3 = pairAt(p.pairs, 'S3');
    const { status, body } = await decide(p.id, {
      accept: { min_fit: 0.6 },
      decisions: [{ need: s3.need, decision: 'reject', reason: 'Cal is needed in his own trust' }],
    });
    expect(status).toBe(202);
    expect(body).toMatchObject({ accepted: 3, rejected: 1, excepted: 0, undecided: 2 });
    expect(body.summary).toBe(
      'Accepted 3 pairs with fit at or above 0.60, rejected 1 pair. The rest is being matched again.',
    );
    expect(await deployments()).toEqual(['S2 lle P4', 'S2 mentor P4', 'S2 practice P4']);
    const rejections = await database.db
      .selectFrom('broker_rejection')
      .select(['need_id', 'reason'])
      .execute();
    expect(rejections).toEqual([{ need_id: s3.need, reason: 'Cal is needed in his own trust' }]);
    await finished(body.job);
  });

  it('accepts all; the same rule again makes nothing twice', async () => {
    const p = await proposal();
    const first = await decide(p.id, { accept: {} });
    expect(first.body).toMatchObject({ accepted: 6, already: 0, undecided: 0 });
    await finished(first.body.job);
    const again = await decide(p.id, { accept: {} });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 0, already: 6, not_open: 0 });
    expect(again.body.summary).toBe(
      'Accepted 0 pairs; 6 pairs already accepted before. The rest is being matched again.',
    );
    expect(await deployments()).toHaveLength(6);
    await finished(again.body.job);
  });

  it('writes nothing when one decision cannot be made', async () => {
    const p = await proposal();
    const s5 = pairAt(p.pairs, 'S5');
    // P4 is no headship cover (an NLE is not one, as the catalogue defines it) and has 26 days, short of 40.
    const refused = await decide(p.id, {
      accept: { areas: ['A'] },
      decisions: [{ need: s5.need, decision: 'swap', leader: 'P4' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain(
      'Hal Head is not eligible: not designated for headship cover; 26 days left of 26 funded (the need takes 40)',
    );
    expect(await deployments()).toEqual([]);
    const neither = await decide(p.id, {});
    expect(neither.status).toBe(400);
    const stray = await decide(p.id, { accept: {}, except: [999] });
    expect(stray.status).toBe(400);
    expect(await deployments()).toEqual([]);
  });
});

describe('swap by name', () => {
  it('lists the eligible leaders for a pair, best fit first, with reasons and days left', async () => {
    await load('people', ['code,given_name,family_name,email', 'P8,Ann,Able,']);
    await load('designations', [
      'person_code,kind,starts_on,ends_on,days_per_year',
      'P8,advisory_head,2020-01-01,,50',
    ]);
    const p = await proposal();
    const s5 = pairAt(p.pairs, 'S5');
    const { status, body } = await as.director.get(
      `/api/v1/brokering/proposals/${p.id}/needs/${s5.need}/alternatives`,
    );
    expect(status).toBe(200);
    expect(body.proposed).toBe(s5.leader);
    // Everyone designated for headship cover but the proposed leader and P4 (26 days, short of 40).
    const others = ['P6', 'P7', 'P8'].filter((code) => code !== s5.leader);
    expect(body.alternatives.map((a: { leader: string }) => a.leader).sort()).toEqual(others);
    const fits = body.alternatives.map((a: { fit: number }) => a.fit);
    expect(fits).toEqual([...fits].sort((a, b) => b - a));
    for (const a of body.alternatives) {
      expect(a.reasons).toContain('Distance unknown (no location recorded)');
      const funded = { P6: 80, P7: 40, P8: 50 }[a.leader as 'P6'];
      expect(a.days_left).toBe(funded - 40);
      expect(a.reasons).toContain(`${funded - 40} of ${funded} funded days left after this (40 days)`);
    }
    const notOpen = await as.director.get(`/api/v1/brokering/proposals/${p.id}/needs/999/alternatives`);
    expect(notOpen.status).toBe(404);
    // An area lead elsewhere does not see the proposal.
    const outside = await as.leadA.get(`/api/v1/brokering/proposals/${p.id}/needs/${s5.need}/alternatives`);
    expect(outside.status).toBe(404);
  });

  it('swaps a pair to a leader chosen from the list', async () => {
    await load('people', ['code,given_name,family_name,email', 'P8,Ann,Able,']);
    await load('designations', [
      'person_code,kind,starts_on,ends_on,days_per_year',
      'P8,advisory_head,2020-01-01,,50',
    ]);
    const p = await proposal();
    const s3 = pairAt(p.pairs, 'S3');
    const { body: list } = await as.director.get(
      `/api/v1/brokering/proposals/${p.id}/needs/${s3.need}/alternatives`,
    );
    const chosen = list.alternatives[0];
    const { body } = await decide(p.id, {
      decisions: [{ need: s3.need, decision: 'swap', leader: chosen.leader }],
    });
    expect(body).toMatchObject({ accepted: 0, swapped: 1 });
    expect(body.summary).toBe('Swapped 1 pair. The rest is being matched again.');
    expect(await deployments()).toEqual([`S3 headship_cover ${chosen.leader}`]);
    await finished(body.job);
  });
});

describe('why the best available', () => {
  it('says when the proposed leader is the only one eligible, and what makes the pair weak', async () => {
    const p = await proposal();
    expect(pairAt(p.pairs, 'S2', 'mentor').best_because).toBe(
      'The only leader in the pool eligible for mentoring at this school',
    );
    const s3 = pairAt(p.pairs, 'S3');
    expect(s3.weak).toEqual(['distance unknown', 'the school has no head']);
    // P6 and P7 may both cover S3 (P4, an NLE, covers no headship as the catalogue defines the role).
    expect(s3.best_because).toBe(
      'The best of 2 eligible leaders: of the others, 1 is proposed for another school',
    );
  });

  it('says when the proposed leader is the only one with days left', async () => {
    // P7 now has 30 days: short of a headship cover's 40.
    await load('designations', [
      'person_code,kind,starts_on,ends_on,days_per_year',
      'P7,interim_head,2020-01-01,,30',
    ]);
    const p = await proposal();
    const covered = p.pairs.filter((x) => x.kind === 'headship_cover');
    expect(covered.map((x) => x.leader)).toEqual(['P6', 'P6']);
    for (const pair of covered)
      expect(pair.best_because).toBe(
        'The only eligible leader with days left: 1 other leader designated for headship cover has no days or school places left',
      );
  });
});

describe('progress while matching', () => {
  it('runs a match in the background, says its stage, and ends with the proposal', async () => {
    const started = await as.director.send('POST', '/api/v1/brokering/proposal-jobs', { as_of: asOf });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', proposal: null, error: null });
    expect(typeof started.body.stage).toBe('string');
    const job = await finished(started.body);
    expect(job).toMatchObject({ status: 'done', stage: 'Done', error: null });
    const made = await as.director.get(`/api/v1/brokering/proposals/${job.proposal}`);
    expect(made.body.pairs).toHaveLength(6);
    // Another area's lead cannot follow a whole-authority match; a match for area B needs B's lead.
    expect((await as.leadA.get(`/api/v1/brokering/proposal-jobs/${started.body.id}`)).status).toBe(404);
    expect((await as.leadA.send('POST', '/api/v1/brokering/proposal-jobs', { area: 'B' })).status).toBe(404);
    expect((await as.leadA.send('POST', '/api/v1/brokering/proposal-jobs', {})).status).toBe(400);
  });
});
