// Programmes on a small authority whose every figure is worked out by hand (test-fixture.ts): outcomes
// read from posts, who sees which participants, placements within host capacity and never at the
// candidate's own school or trust (the solver's choice against the hand-solved optimum), and growing
// your own.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { growingOwn } from './grown.ts';
import { grownTotals } from './grown-totals.ts';
import { acceptPlacements, proposePlacements } from './placements.ts';
import { addParticipant, cohortDetail, listProgrammes } from './programmes.ts';
import { loadProgrammeFixture } from './test-fixture.ts';

let database: Database;
const today = '2026-11-01';
const context = () => contextFor(database.db, operator('test'), { today });
let ids: Record<string, number> = {};

beforeAll(async () => {
  database = await freshDatabase();
  ids = await loadProgrammeFixture(database.db);
}, 120_000);
afterAll(() => database?.close());

describe('outcomes, read from posts', () => {
  test('each participant’s outcome and the cohort’s promoted share, by hand', async () => {
    const cohort = await cohortDetail(context(), ids.c1 as number);
    const outcome = Object.fromEntries(cohort.participants.map((p) => [p.person, p.outcome]));
    // Q1: a deputy, head of S5 from 2024-09-01, within three years of completing on 2022-07-31.
    // Q2: head from 2025-09-01, after 2025-07-31. Q3 withdrew. Q4: assistant head, deputy from 2023-01-01.
    expect(outcome).toEqual({ Q1: 'promoted', Q2: 'not_promoted', Q3: 'withdrawn', Q4: 'promoted' });
    expect(cohort.participants.find((p) => p.person === 'Q1')).toMatchObject({
      school: 'S1',
      post_role: 'deputy_headteacher',
      outcome_post: { role: 'headteacher', school: 'S5', starts_on: '2024-09-01' },
    });
    expect(cohort.outcomes).toMatchObject({
      participants: 4,
      completed: 3,
      withdrawn: 1,
      counts: { promoted: 2, not_promoted: 1, withdrawn: 1, waiting: 0 },
      promoted_rate: 0.667,
      years: 3,
    });
    const later = await cohortDetail(context(), ids.c2 as number);
    expect(Object.fromEntries(later.participants.map((p) => [p.person, p.outcome]))).toEqual({
      Q6: 'waiting',
      Q7: 'in_progress',
      A1: 'in_progress',
    });
    expect(later.outcomes.promoted_rate).toBeNull();
  });

  test('with N = 4 years, Q2’s headship counts', async () => {
    const four = contextFor(database.db, operator('test'), {
      today,
      settings: { ...context().settings, outcomeYears: 4 },
    });
    const cohort = await cohortDetail(four, ids.c1 as number);
    expect(cohort.outcomes.counts.promoted).toBe(3);
    expect(cohort.outcomes.promoted_rate).toBe(1);
  });

  test('the programmes list sums its cohorts', async () => {
    const { programmes } = await listProgrammes(context());
    const npqh = programmes.find((p) => p.code === 'npqh');
    expect(npqh).toMatchObject({ cohorts: 2, placement: 'npqh_internship' });
    expect(npqh?.outcomes).toMatchObject({ participants: 8, counts: { promoted: 2, in_progress: 4 } });
    expect(programmes.map((p) => p.code)).toHaveLength(8);
  });
});

describe('who sees participants', () => {
  const seen = async (role: Parameters<typeof apiAs>[1], unit: string) => {
    const api = await apiAs(database, role, unit);
    const { status, body } = await api.get(`/api/v1/programmes/cohorts/${ids.c1}`);
    expect(status).toBe(200);
    return { people: body.participants.map((p: { person: string }) => p.person).sort(), hidden: body.hidden };
  };
  test('the director all; an area lead their area’s; a head their own staff; an analyst none', async () => {
    expect(await seen('director', 'T')).toEqual({ people: ['Q1', 'Q2', 'Q3', 'Q4'], hidden: 0 });
    expect(await seen('area_lead', 'A')).toEqual({ people: ['Q1', 'Q2'], hidden: 2 });
    expect(await seen('headteacher', 'S1')).toEqual({ people: ['Q1'], hidden: 3 });
    expect(await seen('analyst', 'T')).toEqual({ people: [], hidden: 4 });
  });
  test('an NPQH internship’s days are 5 to 20, refused by name otherwise', async () => {
    await expect(
      addParticipant(context(), ids.c3 as number, { person: 'T3', placement_days: 25 }),
    ).rejects.toMatchObject({ message: 'placement_days: 25: an NPQH internship takes 5 to 20 days' });
  });
  test('where a participant went is named only when the caller sees that school', async () => {
    const lead = await apiAs(database, 'area_lead', 'A');
    const { body } = await lead.get(`/api/v1/programmes/cohorts/${ids.c1}`);
    // Q1 became head of S5, in area B.
    expect(body.participants.find((p: { person: string }) => p.person === 'Q1').outcome_post).toEqual({
      role: 'headteacher',
      school: null,
      school_name: 'another school',
      starts_on: '2024-09-01',
    });
  });
  test('only the director proposes placements', async () => {
    const lead = await apiAs(database, 'area_lead', 'A');
    expect((await lead.send('POST', '/api/v1/programmes/placements/proposal', {})).status).toBe(403);
  });
});

describe('placements through brokering’s solver', () => {
  test('the hand-solved optimum: every NPQH candidate placed, within capacity, never at their own school or trust', async () => {
    const proposal = await proposePlacements(context(), {});
    const pairs = Object.fromEntries(proposal.pairs.map((p) => [p.name, p.host_school]));
    // N1 (S1) may go only to S3 (S1 is their own, S2's leadership requires improvement), which takes
    // all of S3's 10 days; N2 (S2, nearer S3) and N3 (S5) then both go to S1 (2 places, 14 of 20 days).
    // Q7 (S3) goes to S4's associate head. A greedy choice (N2 to nearby S3) would leave N1 unplaced.
    expect(pairs).toEqual({
      'Person N1': 'S3',
      'Person N2': 'S1',
      'Person N3': 'S1',
      'Person Q7': 'S4',
    });
    const refused = Object.fromEntries(proposal.refused.map((r) => [r.name, r.why]));
    expect(refused['Person A1']).toMatch(/No eligible host.*same trust \(TA\)/);
    expect(refused['Person N4']).toMatch(/No school recorded at entry/);
    expect(Object.keys(refused).sort()).toEqual(['Person A1', 'Person N4']);
    for (const host of proposal.hosts) {
      expect(host.committed + host.proposed).toBeLessThanOrEqual(host.funded);
      expect(host.taken).toBeLessThanOrEqual(host.places);
    }
    for (const p of proposal.pairs) {
      expect(p.host_school).not.toBe(p.school);
      expect(p.reasons.length).toBeGreaterThan(2);
    }
    expect(proposal.status).toBe('optimal');
  });

  test('accepting writes the placements; a pair beyond a host’s days is refused and nothing is written', async () => {
    const proposal = await proposePlacements(context(), { programme: 'npqh' });
    const { placements } = await acceptPlacements(context(), {
      pairs: proposal.pairs.map((p) => ({ participant: p.participant, host: p.host })),
    });
    expect(placements.map((p) => [p.name, p.host_school, p.days])).toEqual([
      ['Person N1', 'S3', 10],
      ['Person N2', 'S1', 8],
      ['Person N3', 'S1', 6],
    ]);
    expect(placements[0]?.reasons[0]).toBe(
      'Third School hosts NPQH internships: Person H2, its head, holds the designation',
    );
    expect(placements[0]?.reasons).toContain('0 of 10 funded days left after this (10 days)');
    // S3 has no days left: N5's internship there is refused, and so is the pair beside it.
    const { id: n5 } = await addParticipant(context(), ids.c3 as number, { person: 'N5', placement_days: 5 });
    await expect(
      acceptPlacements(context(), { pairs: [{ participant: n5, host: 'H2' }] }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/0 days left of 10/) });
    // S1 has 6 days left and both its places taken: N2's school S2 and N3's S5. Places count candidates'
    // schools, not pairs. Q3, from a third school (S3), is refused for want of a place.
    const { id: q3 } = await addParticipant(context(), ids.c3 as number, { person: 'Q3', placement_days: 5 });
    await expect(
      acceptPlacements(context(), { pairs: [{ participant: q3, host: 'H1' }] }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/NPQH host school takes 2/) });
    // N5 comes from S2, as N2 does: they share S2's place, and S1's 6 days take N5's 5.
    const { placements: shared } = await acceptPlacements(context(), {
      pairs: [{ participant: n5, host: 'H1' }],
    });
    expect(shared.map((p) => [p.name, p.school, p.host_school, p.days])).toEqual([
      ['Person N5', 'S2', 'S1', 5],
    ]);
    const again = await proposePlacements(context(), { programme: 'npqh' });
    expect(again.pairs).toEqual([]);
    // Three candidates at S1, from two schools: two places of two, 19 of 20 days.
    expect(again.hosts.find((h) => h.host_school === 'S1')).toMatchObject({
      taken: 2,
      places: 2,
      committed: 19,
    });
    expect(again.refused.find((r) => r.name === 'Person Q3')?.why).toMatch(
      /no days or school places left|nearest/,
    );
  });
});

describe('growing your own', () => {
  test('per school and the distribution, by hand', async () => {
    const page = await growingOwn(context(), {
      years: 3,
      sort: 'grown',
      order: 'desc',
      page: 1,
      page_size: 50,
    });
    expect(page.from).toBe('2023-11-01');
    const bySchool = Object.fromEntries(
      page.schools.map((s) => [s.school, [s.teachers, s.grown, s.grown_here]]),
    );
    // S1: T1 (assistant head there) and T2 (deputy at S3); T3 moved in 2022, before the window.
    expect(bySchool).toEqual({
      S1: [3, 2, 1],
      S2: [1, 0, 0],
      S3: [3, 0, 0],
      S4: [0, 0, 0],
      S5: [0, 0, 0],
    });
    expect(page.schools[0]).toMatchObject({ school: 'S1', rate: 66.7 });
    expect(page.distribution).toMatchObject({
      schools: 5,
      grown: 2,
      grew_none: 4,
      median: 0,
      histogram: [
        { grown: '0', schools: 4 },
        { grown: '1', schools: 0 },
        { grown: '2', schools: 1 },
        { grown: '3 or more', schools: 0 },
      ],
    });
  });

  test('a head sees their own school by name and the authority’s distribution', async () => {
    const api = await apiAs(database, 'headteacher', 'S3');
    const { body } = await api.get('/api/v1/programmes/growing-own');
    expect(body.schools.map((s: { school: string }) => s.school)).toEqual(['S3']);
    expect(body.distribution.schools).toBe(5);
  });

  test('the KPI elements: 2024-25 at S1 grew one leader (T1) of one teacher in post (T2)', async () => {
    const units = await resolveUnits(database.db, { level: 'school' });
    const totals = await grownTotals(
      database.db,
      units,
      ['leaders_grown', 'teachers_taught_here'],
      [parsePeriod('2024-25')],
    );
    const s1 = totals.filter((t) => t.unit_code === 'S1');
    expect(Object.fromEntries(s1.map((t) => [t.element, t.total]))).toEqual({
      leaders_grown: 1,
      teachers_taught_here: 2,
    });
  });
});
