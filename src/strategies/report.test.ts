// The termly impact report against a hand-built plan on the tiny authority (October 2026: the
// authority's attendance 1570/1700): statuses at the term's end when a later update exists, milestones
// missed and done late, commentary only from the term, unowned items, a measure judged at the term's end
// the same as on the strategy page, refused terms, and the PDF.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { strategyReport } from './report.ts';
import { loadStrategyPeople } from './test-fixtures.ts';

let database: Database;
let as: Awaited<ReturnType<typeof loadStrategyPeople>>;
const api = '/api/v1/strategies';
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await freshDatabase();
  as = await loadStrategyPeople(database);
  const send = async (path: string, body: unknown) => {
    const answer = await as.director.send('POST', `${api}${path}`, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body?.id as number;
  };
  await send('', { code: 'REP', name: 'Leadership strategy', scope: 'T', lead: 'P1' });
  ids.r1 = await send('/REP/strands', { code: 'R1', name: 'Succession', lead: 'P2' });
  ids.r2 = await send('/REP/strands', { code: 'R2', name: 'Workforce' });
  ids.a11 = await send(`/strands/${ids.r1}/actions`, {
    code: '1.1',
    title: 'Deputies programme',
    lead: 'P4',
  });
  ids.a12 = await send(`/strands/${ids.r1}/actions`, { code: '1.2', title: 'Middle leaders' });
  ids.a21 = await send(`/strands/${ids.r2}/actions`, { code: '2.1', title: 'Bursars network', lead: 'P4' });
  // 2025-26T3 runs from April to August 2026.
  await send(`/actions/${ids.a21}/updates`, {
    status: 'on_track',
    commentary: 'Started in spring',
    on: '2026-02-01',
  });
  await send(`/actions/${ids.a11}/updates`, {
    status: 'at_risk',
    commentary: 'Providers withdrew',
    on: '2026-05-10',
  });
  await send(`/actions/${ids.a11}/updates`, {
    status: 'on_track',
    commentary: 'New provider',
    on: '2026-07-01',
  });
  await send(`/actions/${ids.a11}/updates`, {
    status: 'off_track',
    commentary: 'Funding cut',
    on: '2026-10-05',
  });
  const met = await send(`/actions/${ids.a11}/milestones`, {
    title: 'Cohort recruited',
    due_on: '2026-06-30',
  });
  const late = await send(`/actions/${ids.a11}/milestones`, { title: 'First module', due_on: '2026-07-15' });
  await send(`/actions/${ids.a11}/milestones`, { title: 'Mentors matched', due_on: '2026-07-31' });
  await send(`/actions/${ids.a11}/milestones`, { title: 'Second module', due_on: '2026-10-01' });
  for (const [id, done_on] of [
    [met, '2026-06-20'],
    [late, '2026-08-01'],
  ] as const) {
    const edited = await as.director.send('PATCH', `${api}/milestones/${id}`, { done_on });
    expect(edited.status).toBe(204);
  }
  // The plan was set up at the start of the year (the API dates what it adds today).
  await database.db.updateTable('strategy_strand').set({ created_on: '2025-09-01' }).execute();
  await database.db.updateTable('strategy_action').set({ created_on: '2025-09-01' }).execute();
  await send('/REP/measures', {
    strand: ids.r1,
    indicator: 'attendance_rate',
    baseline_value: 90,
    baseline_period: '2025-09',
    target_value: 96,
    target_period: '2027-07',
    trajectory: 'straight',
    tolerance: 1,
  });
  // The chain: the succession strand contributes to the standards strategy's attendance target.
  await send('', { code: 'STD', name: 'Improving standards', scope: 'T' });
  const quality = await send('/STD/strands', { code: 'Q', name: 'Quality' });
  ids.target = await send('/STD/measures', {
    strand: quality,
    indicator: 'attendance_rate',
    baseline_value: 91,
    baseline_period: '2025-09',
    target_value: 95,
    target_period: '2027-07',
    trajectory: 'straight',
    tolerance: 0,
  });
  await send('/links', { from_strand: ids.r1, to_measure: ids.target, note: 'Leaders raise attendance' });
}, 180_000);
afterAll(() => database?.close());

/** The report's figures, read through the domain verb as the director. */
async function figures(term: string) {
  const actor = await actorForToken(database.db, await tokenFor(database.db, 'director', 'T', 'P1'));
  return strategyReport(contextFor(database.db, actor as Actor, { today: '2026-11-28' }), 'REP', term);
}

describe('the report for 2025-26T3', () => {
  test('statuses at the term’s end ignore the later update; actions with no update are not started', async () => {
    const report = await figures('2025-26T3');
    expect(report.term).toEqual({ id: '2025-26T3', start: '2026-04-01', end: '2026-08-31' });
    const [r1, r2] = report.strands;
    expect(r1?.actions.map((a) => [a.code, a.status, a.status_on])).toEqual([
      ['1.1', 'on_track', '2026-07-01'],
      ['1.2', 'not_started', null],
    ]);
    expect(r2?.actions.map((a) => [a.code, a.status])).toEqual([['2.1', 'on_track']]);
    expect(report.summary.actions_by_status).toEqual({ on_track: 2, not_started: 1 });
  });

  test('commentary only from the term: May and July, not February or October', async () => {
    const report = await figures('2025-26T3');
    const [r1, r2] = report.strands;
    expect(r1?.actions[0]?.commentary.map((c) => [c.on, c.commentary])).toEqual([
      ['2026-05-10', 'Providers withdrew'],
      ['2026-07-01', 'New provider'],
    ]);
    expect(r2?.actions[0]?.commentary).toEqual([]);
  });

  test('milestones due in the term: one met, one done late, one not done; October’s is not in it', async () => {
    const report = await figures('2025-26T3');
    expect(report.strands[0]?.milestones.map((m) => [m.title, m.done_on, m.missed])).toEqual([
      ['Cohort recruited', '2026-06-20', false],
      ['First module', '2026-08-01', true],
      ['Mentors matched', null, true],
    ]);
    expect(report.summary).toMatchObject({ milestones_due: 3, milestones_missed: 2 });
  });

  test('unowned items: the workforce strand and action 1.2', async () => {
    const report = await figures('2025-26T3');
    expect(report.strands.map((s) => s.unowned.map((u) => `${u.kind} ${u.code}`))).toEqual([
      ['action 1.2'],
      ['strand R2'],
    ]);
    expect(report.summary.unowned).toBe(2);
  });
});

describe('the report for 2026-27T1', () => {
  test('the measure at the term’s end: 92.35 against 93.55 expected, tolerance 1: off track, as on the strategy page', async () => {
    const report = await figures('2026-27T1');
    const [measure] = report.strands[0]?.measures ?? [];
    // 13 of 22 months from September 2025 to July 2027: 90 + 6 × 13/22 = 93.545…; 1570/1700 = 92.353%.
    expect(measure?.latest?.period).toBe('2026-10');
    expect(measure?.latest?.value).toBeCloseTo((1570 / 1700) * 100, 6);
    expect(measure?.expected).toBeCloseTo(90 + (6 * 13) / 22, 9);
    expect(measure?.judgement).toBe('off_track');
    const page = (await as.director.get(`${api}/REP`)).body;
    expect(report.summary.measures_off_track).toBe(page.counts.measures_off_track);
    expect(measure?.judgement).toBe(page.measures[0].judgement);
    // The status now (October's update) is what the strategy page shows too.
    expect(report.strands[0]?.actions[0]?.status).toBe(page.strands[0].actions[0].status);
  });

  test('the chain: the standards target at the term’s end, 92.35 against 93.36 expected: off track', async () => {
    const report = await figures('2026-27T1');
    const [link] = report.contributes_to;
    expect(link?.to.strategy.code).toBe('STD');
    const [target] = link?.targets ?? [];
    // 91 + 4 × 13/22 = 93.3636… expected in 2026-10; 1570/1700 = 92.353%, tolerance 0.
    expect(target?.id).toBe(ids.target);
    expect(target?.expected).toBeCloseTo(91 + (4 * 13) / 22, 9);
    expect(target?.judgement).toBe('off_track');
  });

  test('the HTML report shows the cover, strands, UNOWNED flags and the chart', async () => {
    const answer = await as.leadA.request(`${api}/REP/report?term=2026-27T1`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/html');
    const html = await answer.text();
    expect(html).toContain('Termly impact report · term 2026-27T1');
    expect(html).toContain('R1 Succession');
    expect(html).toContain('R2 Workforce');
    expect(html).toMatch(/Strand lead: <strong class="unowned">UNOWNED/);
    expect(html).toContain('<svg');
    expect(html).toContain('OFF TRACK');
  });
});

test('an unknown, malformed or future term is refused by name', async () => {
  for (const term of ['2025-26T4', 'spring', '2025-27T1']) {
    const answer = await as.director.get(`${api}/REP/report?term=${term}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(`"${term}" is not a term`);
  }
  const future = await as.director.get(`${api}/REP/report?term=2030-31T1`);
  expect(future.status).toBe(400);
  expect(future.body.error.message).toMatch(/^2030-31T1 has not started yet \(today is \d{4}-\d{2}-\d{2}\)/);
});

test.runIf(fs.existsSync('/usr/bin/chromium'))(
  'the PDF is a real PDF with pages',
  async () => {
    const answer = await as.director.request(`${api}/REP/report?term=2026-27T1&format=pdf`);
    expect(answer.status).toBe(200);
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);
  },
  60_000,
);

describe('after a merge', () => {
  test('a past term’s report shows the plan as it stood before the merge; the next shows the merge and who updated', async () => {
    const merged = await as.director.send('POST', `${api}/REP/reorganise`, {
      kind: 'merge_strands',
      strands: [ids.r1, ids.r2],
      into: ids.r1,
      reason: 'One strand for leaders and staff',
      on: '2026-10-10',
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const opened = await as.director.send('POST', `${api}/REP/cycles`, { term: '2026-27T1' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);

    const before = await figures('2025-26T3');
    expect(before.strands.map((s) => [s.code, s.actions.map((a) => a.code)])).toEqual([
      ['R1', ['1.1', '1.2']],
      ['R2', ['2.1']],
    ]);
    expect(before.changes).toEqual([]);
    expect(before.summary.completion).toBeNull();

    const after = await figures('2026-27T1');
    expect(after.strands.map((s) => [s.code, s.actions.map((a) => a.code).sort()])).toEqual([
      ['R1', ['1.1', '1.2', '2.1']],
    ]);
    expect(after.changes.map((c) => [c.on_date, c.kind, c.reason])).toEqual([
      ['2026-10-10', 'merge_strands', 'One strand for leaders and staff'],
    ]);
    // Asked by hand: the strategy, strand R1 (R2 is retired), actions 1.1, 1.2 and 2.1. Action 1.1 was
    // updated on 5 October, within the term; 1.2 has no lead; the rest are not yet due.
    expect(after.summary.completion).toEqual({
      asked: 5,
      on_time: 1,
      late: 0,
      missing: 0,
      awaiting: 3,
      unowned: 1,
    });
  });
});
