// The strategies API against the tiny authority (October 2026: the authority's attendance 1570/1700,
// area A's 1000/1100, area B's 570/600): the plan's three levels of accountability, unowned items,
// status updates with reasons, milestones, evidence, measures judged against hand-computed
// trajectories, links between strategies, and who sees which strategy.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadStrategyPeople } from './test-fixtures.ts';
import { formatStrategy, formatStrategyList } from './tree-text.ts';

let database: Database;
let as: Awaited<ReturnType<typeof loadStrategyPeople>>;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await freshDatabase();
  as = await loadStrategyPeople(database);
}, 120_000);
afterAll(() => database?.close());

const api = '/api/v1/strategies';

describe('building the plan', () => {
  test('the director creates a strategy with an overarching lead, strands and an action with no lead', async () => {
    const created = await as.director.send('POST', api, {
      code: 'LEAD',
      name: 'Leadership strategy',
      purpose: 'Grow and keep good leaders',
      scope: 'T',
      lead: 'P1',
    });
    expect(created.status).toBe(201);
    const strand = await as.director.send('POST', `${api}/LEAD/strands`, {
      code: 'S1',
      name: 'Succession',
      lead: 'P2',
    });
    const other = await as.director.send('POST', `${api}/LEAD/strands`, { code: 'S2', name: 'Workforce' });
    expect([strand.status, other.status]).toEqual([201, 201]);
    ids.strand = strand.body.id;
    ids.workforce = other.body.id;
    const action = await as.director.send('POST', `${api}/strands/${ids.strand}/actions`, {
      code: '1.1',
      title: 'Deputy heads programme',
      groups: ['deputies', 'middle_leaders'],
    });
    expect(action.status).toBe(201);
    ids.action = action.body.id;
    const again = await as.director.send('POST', `${api}/LEAD/strands`, { code: 'S1', name: 'Twice' });
    expect(again.status).toBe(409);
  });

  test('an item with no lead is counted as unowned: here the workforce strand and the action', async () => {
    const { body } = await as.director.get(api);
    expect(body.strategies).toHaveLength(1);
    expect(body.strategies[0].counts).toMatchObject({ strands: 2, actions: 1, unowned: 2, off_track: 0 });
    const detail = await as.director.get(`${api}/LEAD`);
    expect(detail.body.strands.map((s: { lead: unknown }) => s.lead)).toEqual([
      { code: 'P2', name: 'Ann Lead' },
      null,
    ]);
    expect(detail.body.strands[0].actions[0]).toMatchObject({
      lead: null,
      status: 'not_started',
      groups: ['deputies', 'middle_leaders'],
    });
  });

  test('bad input names the field and writes nothing', async () => {
    const badLead = await as.director.send('POST', `${api}/strands/${ids.strand}/actions`, {
      code: '1.9',
      title: 'Nobody',
      lead: 'NOPE',
    });
    expect(badLead).toMatchObject({
      status: 400,
      body: { error: { message: 'lead: no person has the code "NOPE"' } },
    });
    const badGroup = await as.director.send('POST', `${api}/strands/${ids.strand}/actions`, {
      code: '1.9',
      title: 'Nobody',
      groups: ['astronauts'],
    });
    expect(badGroup.body.error.message).toBe('groups: astronauts is not a group on the list');
    const school = await as.director.send('POST', api, { code: 'X', name: 'A school', scope: 'S1' });
    expect(school.body.error.message).toContain('S1 is a school');
    expect((await as.director.get(`${api}/LEAD`)).body.counts.actions).toBe(1);
  });

  test('the strand lead adds and changes their strand’s actions, not the strategy or other strands', async () => {
    const sub = await as.leadA.send('POST', `${api}/strands/${ids.strand}/actions`, {
      code: '1.1a',
      title: 'Deputies’ mentoring',
      parent: ids.action,
      lead: 'P5',
    });
    expect(sub.status).toBe(201);
    ids.sub = sub.body.id;
    const assigned = await as.leadA.send('PATCH', `${api}/actions/${ids.action}`, { lead: 'P4' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.lead).toEqual({ code: 'P4', name: 'Hal Head' });
    expect(assigned.body.sub_actions.map((a: { code: string }) => a.code)).toEqual(['1.1a']);
    expect(
      (await as.leadA.send('POST', `${api}/strands/${ids.workforce}/actions`, { code: 'x', title: 'x' }))
        .status,
    ).toBe(403);
    expect((await as.leadA.send('PATCH', `${api}/LEAD`, { name: 'Mine now' })).status).toBe(403);
    const tree = (await as.director.get(`${api}/LEAD`)).body.strands[0].actions;
    expect(tree.map((a: { code: string; parent_id: number | null }) => [a.code, a.parent_id])).toEqual([
      ['1.1', null],
      ['1.1a', ids.action],
    ]);
  });
});

describe('updating an action', () => {
  test('at risk needs a reason; with one it is a dated row in the status log', async () => {
    const refused = await as.headS1.send('POST', `${api}/actions/${ids.action}/updates`, {
      status: 'at_risk',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('say why the action is at risk');
    const blank = await as.headS1.send('POST', `${api}/actions/${ids.action}/updates`, {
      status: 'off_track',
      commentary: '   ',
    });
    expect(blank.status).toBe(400);
    const accepted = await as.headS1.send('POST', `${api}/actions/${ids.action}/updates`, {
      status: 'at_risk',
      commentary: 'Two providers withdrew',
      on: '2026-11-02',
    });
    expect(accepted.status).toBe(201);
    await as.headS1.send('POST', `${api}/actions/${ids.action}/updates`, {
      status: 'on_track',
      commentary: 'New provider',
      on: '2026-11-09',
    });
    const earlier = await as.headS1.send('POST', `${api}/actions/${ids.action}/updates`, {
      status: 'done',
      on: '2026-11-01',
    });
    expect(earlier.body.error.message).toBe('on: 2026-11-01 is before the last update (2026-11-09)');
    const { body } = await as.headS1.get(`${api}/actions/${ids.action}`);
    expect(body.status).toBe('on_track');
    expect(
      body.updates.map((u: { on: string; from_status: string; to_status: string; commentary: string }) => [
        u.on,
        u.from_status,
        u.to_status,
        u.commentary,
      ]),
    ).toEqual([
      ['2026-11-09', 'at_risk', 'on_track', 'New provider'],
      ['2026-11-02', 'not_started', 'at_risk', 'Two providers withdrew'],
    ]);
    expect(body.can_update).toBe(true);
    expect(body.can_edit).toBe(false);
  });

  test('the action lead keeps milestones and evidence; another lead may not', async () => {
    const milestone = await as.headS1.send('POST', `${api}/actions/${ids.action}/milestones`, {
      title: 'Cohort recruited',
      due_on: '2026-10-31',
    });
    expect(milestone.status).toBe(201);
    await as.headS1.send('POST', `${api}/actions/${ids.action}/milestones`, {
      title: 'Cohort starts',
      due_on: '2027-01-15',
    });
    const evidence = await as.headS1.send('POST', `${api}/actions/${ids.action}/evidence`, {
      note: 'Recruitment list',
      url: 'https://example.org/list',
    });
    expect(evidence.status).toBe(201);
    expect((await as.headS1.send('POST', `${api}/actions/${ids.action}/evidence`, {})).status).toBe(400);
    // Area B's lead sees the authority's strategy but leads nothing in it.
    expect(
      (await as.leadB.send('POST', `${api}/actions/${ids.action}/evidence`, { note: 'Mine' })).status,
    ).toBe(403);
    let detail = (await as.headS1.get(`${api}/actions/${ids.action}`)).body;
    // Today is after 31 October 2026 in every run of this test.
    expect(detail.overdue_milestones).toBe(1);
    expect(detail.next_milestone.title).toBe('Cohort recruited');
    const done = await as.headS1.send('PATCH', `${api}/milestones/${milestone.body.id}`, {
      done_on: '2026-11-03',
    });
    expect(done.status).toBe(204);
    detail = (await as.headS1.get(`${api}/actions/${ids.action}`)).body;
    expect([detail.overdue_milestones, detail.next_milestone.title]).toEqual([0, 'Cohort starts']);
    expect(detail.evidence[0]).toMatchObject({ note: 'Recruitment list', url: 'https://example.org/list' });
  });

  test('a sub-action’s lead updates it but not its parent', async () => {
    expect(
      (await as.headS3.send('POST', `${api}/actions/${ids.sub}/updates`, { status: 'on_track' })).status,
    ).toBe(201);
    expect(
      (await as.headS3.send('POST', `${api}/actions/${ids.action}/updates`, { status: 'done' })).status,
    ).toBe(403);
  });
});

describe('measures against their trajectory', () => {
  test('attendance straight from 90% (2025-09) to 96% (2027-07), read in 2026-10', async () => {
    const added = await as.director.send('POST', `${api}/LEAD/measures`, {
      strand: ids.strand,
      indicator: 'attendance_rate',
      baseline_value: 90,
      baseline_period: '2025-09',
      target_value: 96,
      target_period: '2027-07',
      trajectory: 'straight',
      tolerance: 1,
    });
    expect(added.status).toBe(201);
    const [measure] = (await as.director.get(`${api}/LEAD`)).body.measures;
    // 13 of 22 months: 90 + 6 × 13/22 = 93.545…; the authority's value 1570/1700 = 92.353%, 1.19 short.
    expect(measure.latest.period).toBe('2026-10');
    expect(measure.latest.value).toBeCloseTo((1570 / 1700) * 100, 6);
    expect(measure.expected).toBeCloseTo(90 + (6 * 13) / 22, 6);
    expect(measure.judgement).toBe('off_track');
    // The plan as it stood on 30 September knew no October data: nothing yet to judge.
    const [before] = (await as.director.get(`${api}/LEAD?as_of=2026-09-30`)).body.measures;
    expect(before.latest).toBeNull();
    expect(before.judgement).toBe('no_data');
    const [after] = (await as.director.get(`${api}/LEAD?as_of=2026-10-31`)).body.measures;
    expect(after).toEqual(measure);
  });

  test('area A stepped by term, and absence (lower is better)', async () => {
    const stepped = await as.director.send('POST', `${api}/LEAD/measures`, {
      action: ids.action,
      indicator: 'attendance_rate',
      org_unit: 'A',
      baseline_value: 85,
      baseline_period: '2025-26T1',
      target_value: 95,
      target_period: '2026-27T3',
      trajectory: 'stepped',
      tolerance: 0.1,
    });
    expect(stepped.status).toBe(201);
    const absence = await as.director.send('POST', `${api}/LEAD/measures`, {
      strand: ids.workforce,
      indicator: 'absence_rate',
      baseline_value: 10,
      baseline_period: '2025-09',
      target_value: 5,
      target_period: '2027-07',
      tolerance: 0.5,
    });
    expect(absence.status).toBe(201);
    const measures = (await as.director.get(`${api}/LEAD`)).body.measures;
    // Term ends after 2025-26T1 (Dec 2025) and before 2026-27T3 (Aug 2027): Mar 2026, Aug 2026, Dec 2026,
    // Mar 2027; with the target, five steps of 2. By 2026-27T1 (ends Dec 2026) three have passed: 91.
    expect(measures[1].latest).toEqual({ period: '2026-27T1', value: (1000 / 1100) * 100 });
    expect(measures[1].expected).toBeCloseTo(91, 9);
    // 90.909 is 0.091 short of 91, within the tolerance of 0.1.
    expect(measures[1].judgement).toBe('on_track');
    // Absence 130/1700 = 7.647%; expected 10 − 5 × 13/22 = 7.045; 0.60 above, beyond 0.5.
    expect(measures[2].latest.value).toBeCloseTo((130 / 1700) * 100, 6);
    expect(measures[2].expected).toBeCloseTo(10 - (5 * 13) / 22, 6);
    expect(measures[2].judgement).toBe('off_track');
    expect((await as.director.get(api)).body.strategies[0].counts).toMatchObject({
      measures: 3,
      measures_off_track: 2,
    });
    const action = (await as.headS1.get(`${api}/actions/${ids.action}`)).body;
    expect(action.measures.map((m: { org_unit: { code: string } }) => m.org_unit.code)).toEqual(['A']);
  });

  test('a target before its baseline, or a unit outside the scope, is refused', async () => {
    const backwards = await as.director.send('POST', `${api}/LEAD/measures`, {
      strand: ids.strand,
      indicator: 'attendance_rate',
      baseline_value: 90,
      baseline_period: '2026-09',
      target_value: 95,
      target_period: '2026-01',
    });
    expect(backwards.body.error.message).toContain('must come after the baseline period');
    const unknown = await as.director.send('POST', `${api}/LEAD/measures`, {
      strand: ids.strand,
      indicator: 'nope',
      baseline_value: 1,
      baseline_period: '2025-09',
      target_value: 2,
      target_period: '2026-09',
    });
    expect(unknown.body.error.message).toBe('indicator: "nope" is not in the catalogue');
  });
});

describe('who sees which strategy, and links between them', () => {
  test('an area lead sees the authority’s and their own area’s strategies, not another area’s', async () => {
    expect(
      (await as.director.send('POST', api, { code: 'AREA-B', name: 'Area B plan', scope: 'B', lead: 'P3' }))
        .status,
    ).toBe(201);
    expect(
      (await as.director.send('POST', api, { code: 'AREA-A', name: 'Area A plan', scope: 'A' })).status,
    ).toBe(201);
    const codes = async (caller: typeof as.leadA) =>
      (await caller.get(api)).body.strategies.map((s: { code: string }) => s.code);
    expect(await codes(as.director)).toEqual(['AREA-A', 'AREA-B', 'LEAD']);
    expect(await codes(as.leadA)).toEqual(['AREA-A', 'LEAD']);
    expect(await codes(as.leadB)).toEqual(['AREA-B', 'LEAD']);
    expect((await as.leadA.get(`${api}/AREA-B`)).status).toBe(404);
    // Area B's lead is its overarching lead: they edit it whole, though their role sets up no strategy.
    expect(
      (await as.leadB.send('POST', `${api}/AREA-B/strands`, { code: 'B1', name: 'Attendance' })).status,
    ).toBe(201);
    expect((await as.leadB.send('POST', api, { code: 'NEW', name: 'New', scope: 'B' })).status).toBe(403);
  });

  test('a strand contributes to another strategy’s measure; both pages show the link', async () => {
    const target = await as.leadB.send('POST', `${api}/AREA-B/measures`, {
      strand: (await as.leadB.get(`${api}/AREA-B`)).body.strands[0].id,
      indicator: 'attendance_rate',
      baseline_value: 94,
      baseline_period: '2025-09',
      target_value: 96,
      target_period: '2027-07',
    });
    expect(target.status).toBe(201);
    const link = await as.director.send('POST', `${api}/links`, {
      from_strand: ids.strand,
      to_measure: target.body.id,
      note: 'Better leaders, better attendance',
    });
    expect(link.status).toBe(201);
    const lead = (await as.director.get(`${api}/LEAD`)).body;
    expect(lead.contributes_to).toHaveLength(1);
    expect(lead.contributes_to[0].to).toMatchObject({
      strategy: { code: 'AREA-B' },
      measure: { indicator: 'Pupil attendance rate', org_unit: 'Area B' },
    });
    const areaB = (await as.leadB.get(`${api}/AREA-B`)).body;
    expect(areaB.contributed_by[0].from).toMatchObject({
      strategy: { code: 'LEAD' },
      strand: { code: 'S1', name: 'Succession' },
    });
    expect(
      (await as.leadB.send('POST', `${api}/links`, { from_strand: ids.strand, to_measure: target.body.id }))
        .status,
    ).toBe(403);
  });
});

describe('choosing a lead by name', () => {
  test('people whose name contains the text, by family name', async () => {
    const { body } = await as.director.get(`${api}/people?q=lead`);
    expect(body.people).toEqual([
      { code: 'P2', name: 'Ann Lead' },
      { code: 'P3', name: 'Bob Lead' },
    ]);
    expect((await as.director.get(`${api}/people?q=a`)).status).toBe(400);
  });
});

describe('my part of the plan', () => {
  test('each lead sees what they lead, overdue first', async () => {
    const mine = async (caller: typeof as.leadA) =>
      (await caller.get(`${api}/mine`)).body.items.map(
        (i: { kind: string; code: string }) => `${i.kind} ${i.code}`,
      );
    expect(await mine(as.director)).toEqual(['strategy LEAD']);
    expect(await mine(as.leadA)).toEqual(['strand S1']);
    expect(await mine(as.headS1)).toEqual(['action 1.1']);
    expect(await mine(as.headS3)).toEqual(['action 1.1a']);
    const [strategy] = (await as.director.get(`${api}/mine`)).body.items;
    // The workforce strand has no lead; the strand's actions all have one now.
    expect(strategy.unowned_beneath).toBe(1);
    expect(strategy.measures_off_track).toBe(2);
  });

  test('a head in area B sees the authority’s strategy and the area A one in which they lead an action', async () => {
    await as.director.send('POST', `${api}/AREA-A/strands`, { code: 'A1', name: 'Reading' });
    const strand = (await as.director.get(`${api}/AREA-A`)).body.strands[0].id;
    await as.director.send('POST', `${api}/strands/${strand}/actions`, {
      code: 'A1.1',
      title: 'Phonics',
      lead: 'P5',
    });
    const codes = (await as.headS3.get(api)).body.strategies.map((s: { code: string }) => s.code);
    expect(codes).toEqual(['AREA-A', 'AREA-B', 'LEAD']);
  });
});

describe('the plan as text (headway strategy show)', () => {
  test('prints the tree with leads, UNOWNED items, statuses and measures on or off track', async () => {
    const detail = (await as.director.get(`${api}/LEAD`)).body;
    const text = formatStrategy(detail);
    expect(text).toContain('Overarching lead: Dee Rector');
    expect(text).toContain('S1  Succession — lead: Ann Lead');
    expect(text).toContain('S2  Workforce — lead: UNOWNED (no lead)');
    expect(text).toContain(
      '    1.1  Deputy heads programme — Hal Head — on track; next: Cohort starts by 2027-01-15',
    );
    expect(text).toContain('      1.1a  Deputies’ mentoring — Ola Okafor — on track');
    expect(text).toContain('Pupil attendance rate (Tiny): 92.4% in 2026-10, expected 93.5% → OFF TRACK');
    expect(text).toContain('Pupil attendance rate (Area A): 90.9% in 2026-27T1, expected 91.0% → ON TRACK');
    expect(text).toContain('Contributes to AREA-B: Pupil attendance rate');
    const list = formatStrategyList((await as.director.get(api)).body.strategies);
    const row = list.split('\n').find((line) => line.startsWith('LEAD')) as string;
    expect(row.split(/ {2,}/)).toEqual(['LEAD', 'Tiny', '2', '2', '1', '0+2m', 'Leadership strategy']);
  });
});
