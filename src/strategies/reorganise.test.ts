// Reorganising a strategy against a hand-built plan: "Middle leadership" (ML, led by P2) with actions
// 1 (and its sub-action 1a) and 2, "Succession planning" (SP, led by P2) with action 1, "Workforce"
// (WF, led by P3) with action W1, all from 1 September 2025; a late action in SP from 1 February 2026.
// The changes: 20 January 2026 P2 moves ML's action 1 to SP (its code is taken there), 1 March the
// director merges ML into SP; then a split, a rename and retirements. The plan as of each date is
// checked against what stood then, by hand.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import type { Strategy } from './contract.ts';
import { addAction, addStrand, createStrategy } from './edit.ts';
import { planChanges } from './history.ts';
import { formatChanges } from './history-text.ts';
import { strategyDetail } from './plan.ts';
import { loadStrategyPeople } from './test-fixtures.ts';
import { updateAction } from './updates.ts';

let database: Database;
let as: Awaited<ReturnType<typeof loadStrategyPeople>>;
const ids: Record<string, number> = {};
const api = '/api/v1/strategies';
const on = (today: string) => contextFor(database.db, operator('setup'), { today });
const reorganise = (caller: keyof typeof as, body: object, query = '') =>
  as[caller].send('POST', `${api}/LEAD/reorganise${query}`, body);

/** Each strand's code and name with its actions' codes and statuses, as a person reads the tree. */
const shape = (s: Strategy) =>
  s.strands.map((st) => ({
    strand: `${st.code} ${st.name}`,
    actions: st.actions.map((a) => `${a.code} ${a.status}`),
  }));

beforeAll(async () => {
  database = await freshDatabase();
  as = await loadStrategyPeople(database);
  const start = on('2025-09-01');
  await createStrategy(start, { code: 'LEAD', name: 'Leadership', purpose: '', scope: 'T', lead: 'P1' });
  await createStrategy(start, { code: 'OTHER', name: 'Standards', purpose: '', scope: 'T', lead: null });
  ids.ml = await addStrand(start, 'LEAD', { code: 'ML', name: 'Middle leadership', purpose: '', lead: 'P2' });
  ids.sp = await addStrand(start, 'LEAD', {
    code: 'SP',
    name: 'Succession planning',
    purpose: '',
    lead: 'P2',
  });
  ids.wf = await addStrand(start, 'LEAD', { code: 'WF', name: 'Workforce', purpose: '', lead: 'P3' });
  ids.other = await addStrand(start, 'OTHER', { code: 'O1', name: 'Elsewhere', purpose: '', lead: null });
  const action = (strand: number, code: string, title: string, parent: number | null = null, at = start) =>
    addAction(at, strand, { code, title, purpose: '', lead: null, parent, groups: [] });
  ids.deputies = await action(ids.ml, '1', 'Deputies programme');
  ids.pairs = await action(ids.ml, '1a', 'Deputy pairs', ids.deputies);
  ids.middle = await action(ids.ml, '2', 'Middle leaders network');
  ids.heads = await action(ids.sp, '1', 'Aspiring heads');
  ids.w1 = await action(ids.wf, 'W1', 'Bursar network');
  ids.late = await action(ids.sp, '9', 'Headship pool', null, on('2026-02-01'));
  await updateAction(on('2025-10-15'), ids.deputies, { status: 'on_track', commentary: '' });
  await updateAction(on('2026-01-10'), ids.deputies, { status: 'at_risk', commentary: 'Too few places' });
  await updateAction(on('2026-02-20'), ids.middle, { status: 'done', commentary: '' });
}, 120_000);
afterAll(() => database?.close());

describe('refusals write nothing', () => {
  test('no reason, a strand of another strategy, unknown ids', async () => {
    const noReason = await reorganise('director', {
      kind: 'move_action',
      action: ids.middle,
      to_strand: ids.sp,
      reason: ' ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toContain('reason: say why');
    const elsewhere = await reorganise('director', {
      kind: 'move_action',
      action: ids.middle,
      to_strand: ids.other,
      reason: 'Tidy',
    });
    expect(elsewhere).toMatchObject({
      status: 400,
      body: { error: { message: `to_strand: strand ${ids.other} is not a strand of strategy LEAD` } },
    });
    const unknown = await reorganise('director', {
      kind: 'move_action',
      action: 999_999,
      to_strand: ids.sp,
      reason: 'x',
    });
    expect(unknown.body.error.message).toBe('action: action 999999 is not an action of strategy LEAD');
    const noStrand = await reorganise('director', { kind: 'retire_strand', strand: 999_999, reason: 'x' });
    expect(noStrand.body.error.message).toBe('strand: strand 999999 is not a strand of strategy LEAD');
    expect((await as.director.get(`${api}/LEAD/history`)).body.changes).toEqual([]);
  });

  test('a strand lead may not move an action into a strand they do not lead, nor merge', async () => {
    const into = await reorganise('leadB', {
      kind: 'move_action',
      action: ids.w1,
      to_strand: ids.sp,
      reason: 'Fits',
    });
    expect(into.status).toBe(403);
    expect(into.body.error.message).toContain("may not move actions into 'Succession planning'");
    const merge = await reorganise('leadA', {
      kind: 'merge_strands',
      strands: [ids.ml, ids.sp],
      into: ids.sp,
      reason: 'x',
    });
    expect(merge.status).toBe(403);
  });

  test('retiring a strand with open actions must say what happens to them', async () => {
    const retire = await reorganise('director', {
      kind: 'retire_strand',
      strand: ids.wf,
      reason: 'Done with',
    });
    expect(retire).toMatchObject({
      status: 400,
      body: {
        error: {
          message:
            "actions: 'Workforce' still has 1 open action (W1): move them to another strand (actions: move, with to_strand) or stop them with it (actions: stop)",
        },
      },
    });
  });

  test('a dry run answers what would happen and changes nothing', async () => {
    const preview = await reorganise(
      'director',
      { kind: 'merge_strands', strands: [ids.ml, ids.sp], into: ids.sp, reason: 'Preview' },
      '?dry_run=true',
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      id: null,
      summary: "Merged 'Middle leadership' into 'Succession planning' (3 actions moved)",
    });
    const now = (await as.director.get(`${api}/LEAD`)).body as Strategy;
    expect(now.strands.map((s) => s.code)).toEqual(['ML', 'SP', 'WF']);
  });
});

describe('moving and merging, and the plan as it stood', () => {
  test('a strand lead moves an action between strands they lead; its code was taken so it changes', async () => {
    const moved = await reorganise('leadA', {
      kind: 'move_action',
      action: ids.deputies,
      to_strand: ids.sp,
      reason: 'Deputies are succession',
      on: '2026-01-20',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      on_date: '2026-01-20',
      kind: 'move_action',
      summary:
        "Moved 'Deputies programme' from 'Middle leadership' to 'Succession planning' (with 1 sub-action)",
      author: 'Ann Lead',
      reason: 'Deputies are succession',
      action_ids: [ids.deputies, ids.pairs],
    });
    expect(
      moved.body.moves.map((m: { from_code: string; to_code: string }) => `${m.from_code}>${m.to_code}`),
    ).toEqual(['1>1-2', '1a>1a']);
    expect(moved.body.notes).toEqual([
      "The code 1 was taken in 'Succession planning': 'Deputies programme' is now 1-2.",
    ]);
    const action = (await as.director.get(`${api}/actions/${ids.deputies}`)).body;
    expect(action).toMatchObject({ code: '1-2', strand: { code: 'SP' }, status: 'at_risk' });
    expect(action.updates).toHaveLength(2);
  });

  test('the director merges Middle leadership into Succession planning; it is retired, not deleted', async () => {
    const merged = await reorganise('director', {
      kind: 'merge_strands',
      strands: [ids.ml, ids.sp],
      into: ids.sp,
      reason: 'Six strands become five',
      on: '2026-03-01',
    });
    expect(merged.status).toBe(200);
    expect(merged.body.summary).toBe(
      "Merged 'Middle leadership' into 'Succession planning' (1 action moved)",
    );
    const now = (await as.director.get(`${api}/LEAD`)).body as Strategy;
    expect(shape(now)).toEqual([
      {
        strand: 'SP Succession planning',
        actions: ['1 not_started', '9 not_started', '1-2 at_risk', '1a not_started', '2 done'],
      },
      { strand: 'WF Workforce', actions: ['W1 not_started'] },
    ]);
    expect(now.counts).toMatchObject({ strands: 2, actions: 6 });
  });

  test('the plan as it stood: before the move, before the merge, after it', async () => {
    const asOf = async (date: string) =>
      shape((await as.director.get(`${api}/LEAD?as_of=${date}`)).body as Strategy);
    // 31 December 2025: nothing moved yet; the deputies programme on track (15 October), no late action.
    expect(await asOf('2025-12-31')).toEqual([
      { strand: 'ML Middle leadership', actions: ['1 on_track', '1a not_started', '2 not_started'] },
      { strand: 'SP Succession planning', actions: ['1 not_started'] },
      { strand: 'WF Workforce', actions: ['W1 not_started'] },
    ]);
    // 15 February 2026: after the move (20 January), before the merge; at risk since 10 January.
    expect(await asOf('2026-02-15')).toEqual([
      { strand: 'ML Middle leadership', actions: ['2 not_started'] },
      {
        strand: 'SP Succession planning',
        actions: ['1 not_started', '9 not_started', '1-2 at_risk', '1a not_started'],
      },
      { strand: 'WF Workforce', actions: ['W1 not_started'] },
    ]);
    expect(await asOf('2026-03-31')).toEqual(shape((await as.director.get(`${api}/LEAD`)).body));
    const past = (await as.director.get(`${api}/LEAD?as_of=2025-12-31`)).body as Strategy;
    expect(past.counts).toMatchObject({ strands: 3, actions: 5, at_risk: 0 });
    expect(past.can_edit).toBe(false);
    expect(past.strands.every((s) => !s.can_edit && s.actions.every((a) => !a.can_update))).toBe(true);
    const before = await strategyDetail(on('2026-11-28'), 'LEAD', { asOf: '2025-08-31' });
    expect(before.strands).toEqual([]);
  });

  test('the history says who, when and why; the action page follows the action across moves', async () => {
    const { body } = await as.leadB.get(`${api}/LEAD/history`);
    expect(
      body.changes.map((c: { on_date: string; summary: string }) => `${c.on_date} ${c.summary}`),
    ).toEqual([
      "2026-01-20 Moved 'Deputies programme' from 'Middle leadership' to 'Succession planning' (with 1 sub-action)",
      "2026-03-01 Merged 'Middle leadership' into 'Succession planning' (1 action moved)",
    ]);
    expect(body.changes[1]).toMatchObject({ author: 'Dee Rector', reason: 'Six strands become five' });
    const between = await planChanges(on('2026-11-28'), 'LEAD', '2026-01-20', '2026-03-31');
    expect(between.map((c) => c.kind)).toEqual(['merge_strands']);
    const trail = (await as.director.get(`${api}/actions/${ids.pairs}/history`)).body.changes;
    expect(trail.map((c: { kind: string }) => c.kind)).toEqual(['move_action']);
    const middle = (await as.director.get(`${api}/actions/${ids.middle}/history`)).body.changes;
    expect(middle[0].moves[0]).toMatchObject({
      from_strand: { code: 'ML', name: 'Middle leadership' },
      to_strand: { code: 'SP', name: 'Succession planning' },
    });
  });
});

describe('an action as it stood, and the history as text', () => {
  test('the deputies programme on 31 December 2025: in Middle leadership as 1, on track, one update', async () => {
    const then = (await as.director.get(`${api}/actions/${ids.deputies}?as_of=2025-12-31`)).body;
    expect(then).toMatchObject({
      code: '1',
      strand: { id: ids.ml, code: 'ML', name: 'Middle leadership' },
      status: 'on_track',
      status_on: '2025-10-15',
      can_update: false,
      can_edit: false,
    });
    expect(then.updates.map((u: { on: string }) => u.on)).toEqual(['2025-10-15']);
    expect(then.sub_actions.map((a: { code: string }) => a.code)).toEqual(['1a']);
    const late = await as.director.get(`${api}/actions/${ids.late}?as_of=2026-01-31`);
    expect(late).toMatchObject({ status: 404 });
  });

  test('headway strategy history prints each change with who and why', async () => {
    const text = formatChanges('LEAD', await planChanges(on('2026-11-28'), 'LEAD', undefined, '2026-01-31'));
    expect(text).toBe(
      [
        "2026-01-20  Moved 'Deputies programme' from 'Middle leadership' to 'Succession planning' (with 1 sub-action)",
        '            by Ann Lead: Deputies are succession',
        "            The code 1 was taken in 'Succession planning': 'Deputies programme' is now 1-2.",
      ].join('\n'),
    );
    expect(formatChanges('LEAD', [])).toBe('No changes to the plan of LEAD recorded.');
  });
});

describe('split, rename and retire', () => {
  test('a split takes chosen actions with their sub-actions to a new strand with its own lead', async () => {
    const split = await reorganise('director', {
      kind: 'split_strand',
      strand: ids.sp,
      actions: [ids.deputies],
      new_strand: { code: 'DP', name: 'Deputies', lead: 'P3' },
      reason: 'Deputies need their own lead',
      on: '2026-04-15',
    });
    expect(split.body.summary).toBe(
      "Split 'Succession planning': 2 actions moved to a new strand 'Deputies'",
    );
    const now = (await as.director.get(`${api}/LEAD`)).body as Strategy;
    expect(now.strands.find((s) => s.code === 'DP')).toMatchObject({
      lead: { code: 'P3' },
      actions: [{ code: '1-2' }, { code: '1a' }],
    });
    const before = (await as.director.get(`${api}/LEAD?as_of=2026-04-14`)).body as Strategy;
    expect(before.strands.map((s) => s.code)).toEqual(['SP', 'WF']);
  });

  test('renaming a strand and changing its lead become history; the past keeps the old name', async () => {
    const renamed = await reorganise('director', {
      kind: 'edit_strand',
      strand: ids.wf,
      name: 'Workforce and business leaders',
      lead: 'P2',
      reason: 'Widened to bursars and school managers',
      on: '2026-05-01',
    });
    expect(renamed.body.summary).toBe(
      "Renamed 'Workforce' to 'Workforce and business leaders'; changed the lead of 'Workforce and business leaders' from Bob Lead to Ann Lead",
    );
    const before = (await as.director.get(`${api}/LEAD?as_of=2026-04-30`)).body as Strategy;
    expect(before.strands.find((s) => s.id === ids.wf)).toMatchObject({
      name: 'Workforce',
      lead: { code: 'P3' },
    });
  });

  test('retiring with its actions stopped; then with nothing open it simply retires', async () => {
    const stopped = await reorganise('director', {
      kind: 'retire_strand',
      strand: ids.wf,
      actions: 'stop',
      reason: 'Merged into the national programme',
      on: '2026-06-01',
    });
    expect(stopped.body).toMatchObject({
      summary: "Retired 'Workforce and business leaders' (1 open action stopped)",
      action_ids: [ids.w1],
    });
    const w1 = (await as.director.get(`${api}/actions/${ids.w1}`)).body;
    expect(w1).toMatchObject({ status: 'stopped', status_on: '2026-06-01' });
    const early = await reorganise('director', {
      kind: 'retire_strand',
      strand: ids.sp,
      reason: 'x',
      on: '2026-05-01',
    });
    expect(early.body.error.message).toBe(
      'on: 2026-05-01 is before the last recorded change to the plan (2026-06-01)',
    );
    const now = (await as.director.get(`${api}/LEAD`)).body as Strategy;
    expect(now.strands.map((s) => s.code)).toEqual(['SP', 'DP']);
    const may = (await as.director.get(`${api}/LEAD?as_of=2026-05-31`)).body as Strategy;
    expect(may.strands.map((s) => s.code)).toEqual(['SP', 'WF', 'DP']);
  });
});
