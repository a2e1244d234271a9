// The termly cycle against a hand-built plan. Strategy CYC (overarching lead P1) has strand S1 (lead P2)
// with actions 1.1 (P4), 1.2 (P5) and 1.3 (P4, done in December, before the term), and strand S2 with no
// lead and action 2.1 with no lead. The 2025-26T2 cycle (1 January to 31 March 2026) opens on 2 April,
// due 17 April. Asked: the overall summary (P1), S1's summary (P2), 1.1 and 1.2; no one to ask: S2 and 2.1;
// not asked: 1.3. Then 1.1 is updated on 10 April (on time), the overall summary on 15 April (on time),
// 1.2 on 20 April (late) and S1's summary never (missing): on 25 April, 2 on time, 1 late, 1 missing, 2
// with no one to ask.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { myReminders, sendReminders } from '../meetings/reminders.ts';
import { addSummary, closeCycle, cycleRequestsQuery, defaultTerm, openCycle, readCycle } from './cycle.ts';
import { formatCycle } from './cycle-text.ts';
import { myPlan } from './mine.ts';
import { reorganise } from './reorganise.ts';
import { loadStrategyPeople } from './test-fixtures.ts';
import { updateAction } from './updates.ts';

let database: Database;
let as: Awaited<ReturnType<typeof loadStrategyPeople>>;
const ids: Record<string, number> = {};
const persons: Record<string, number> = {};
const api = '/api/v1/strategies';

const on = (today: string) => contextFor(database.db, operator('test'), { today });
/** The operator's powers, as the person with this code (for "my" views). */
const asPerson = (code: string, today: string) =>
  contextFor(database.db, { ...operator(code), personId: persons[code] as number }, { today });

beforeAll(async () => {
  database = await freshDatabase();
  as = await loadStrategyPeople(database);
  for (const p of await database.db.selectFrom('person').select(['id', 'code']).execute())
    persons[p.code] = p.id;
  const d = as.director;
  expect(
    (await d.send('POST', api, { code: 'CYC', name: 'Cycle strategy', scope: 'T', lead: 'P1' })).status,
  ).toBe(201);
  ids.s1 = (
    await d.send('POST', `${api}/CYC/strands`, { code: 'S1', name: 'Succession', lead: 'P2' })
  ).body.id;
  ids.s2 = (await d.send('POST', `${api}/CYC/strands`, { code: 'S2', name: 'Workforce' })).body.id;
  const action = async (strand: number, code: string, lead?: string) =>
    (await d.send('POST', `${api}/strands/${strand}/actions`, { code, title: `Action ${code}`, lead })).body
      .id;
  ids.a11 = await action(ids.s1 as number, '1.1', 'P4');
  ids.a12 = await action(ids.s1 as number, '1.2', 'P5');
  ids.a13 = await action(ids.s1 as number, '1.3', 'P4');
  ids.a21 = await action(ids.s2 as number, '2.1');
  await updateAction(on('2025-12-10'), ids.a13 as number, { status: 'done', commentary: 'Finished' });
}, 120_000);
afterAll(() => database?.close());

describe('the default term', () => {
  test('the term ending this month, else the one just ended', () => {
    expect(defaultTerm('2026-03-20', 9)).toBe('2025-26T2');
    expect(defaultTerm('2026-04-02', 9)).toBe('2025-26T2');
    expect(defaultTerm('2026-11-28', 9)).toBe('2025-26T3');
    expect(defaultTerm('2026-12-01', 9)).toBe('2026-27T1');
  });
});

describe('opening', () => {
  test('an action lead and a strand lead may not open a cycle', async () => {
    const byActionLead = await as.headS1.send('POST', `${api}/CYC/cycles`, { term: '2025-26T2' });
    expect(byActionLead.status).toBe(403);
    const byStrandLead = await as.leadA.send('POST', `${api}/CYC/cycles`, { term: '2025-26T2' });
    expect(byStrandLead.status).toBe(403);
  });

  test('a term not started, or a due date in the past, is refused and nothing is written', async () => {
    await expect(openCycle(on('2026-04-02'), 'CYC', { term: '2026-27T1' })).rejects.toThrow(
      /2026-27T1 has not started yet/,
    );
    await expect(
      openCycle(on('2026-04-02'), 'CYC', { term: '2025-26T2', due_on: '2026-04-01' }),
    ).rejects.toThrow(/due_on: 2026-04-01 is before today/);
    expect(await database.db.selectFrom('strategy_cycle').selectAll().execute()).toEqual([]);
  });

  test('every lead is asked about their items; unowned items have no one to ask; done items are not asked', async () => {
    const cycle = await openCycle(on('2026-04-02'), 'CYC', { term: '2025-26T2', due_on: '2026-04-17' });
    expect(cycle).toMatchObject({
      term: '2025-26T2',
      window_from: '2026-01-01',
      term_end: '2026-03-31',
      due_on: '2026-04-17',
      opened_on: '2026-04-02',
      state: 'open',
      totals: { asked: 6, on_time: 0, late: 0, missing: 0, awaiting: 4, unowned: 2 },
    });
    const asked = cycle.requests.map((r) => `${r.kind} ${r.item.code} ${r.lead?.name ?? '-'} ${r.outcome}`);
    expect(asked.sort()).toEqual([
      'action 1.1 Hal Head awaiting',
      'action 1.2 Ola Okafor awaiting',
      'action 2.1 - unowned',
      'strand S1 Ann Lead awaiting',
      'strand S2 - unowned',
      'strategy CYC Dee Rector awaiting',
    ]);
    const again = await as.director.send('POST', `${api}/CYC/cycles`, { term: '2025-26T2' });
    expect(again.status).toBe(409);
  });
});

describe('reminders', () => {
  test('the header counts the updates asked of a lead, with the due date', async () => {
    await updateAction(on('2026-04-10'), ids.a11 as number, {
      status: 'on_track',
      commentary: 'Cohort 2 started',
    });
    const p5 = await myReminders(asPerson('P5', '2026-04-12'));
    expect(p5.updates).toBe(1);
    expect(p5.overdue).toEqual([
      expect.objectContaining({
        kind: 'strategy_request',
        title: '1.2 Action 1.2',
        due_on: '2026-04-17',
        days_overdue: -5,
        strategy: {
          code: 'CYC',
          name: 'Cycle strategy',
          term: '2025-26T2',
          kind: 'action',
          item_id: ids.a12,
        },
      }),
    ]);
    // 1.1 was updated on 10 April: nothing more is asked of its lead.
    expect((await myReminders(asPerson('P4', '2026-04-12'))).updates).toBe(0);
  });

  test('without SMTP the daily run writes each lead one email to the outbox; a rerun that day sends nothing', async () => {
    const first = await sendReminders(on('2026-04-12'), async (email) => {
      await database.db
        .insertInto('mail_outbox')
        .values({ sent_to: email.to, subject: email.subject, body: email.text, written_on: '2026-04-12' })
        .execute();
    });
    // P1 (overall summary), P2 (S1's summary) and P5 (1.2).
    expect(first).toEqual({ people: 3, items: 3, no_address: 0, failed: [] });
    const outbox = await database.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    expect(outbox).toHaveLength(3);
    expect(outbox.map((m) => m.subject)).toEqual(Array(3).fill('Headway: 1 update due'));
    expect(outbox.map((m) => m.body).join('\n')).toMatch(
      /Update due for 1\.2 Action 1\.2 \(Cycle strategy, 2025-26T2\) by 2026-04-17, 5 days left/,
    );
    const rerun = await sendReminders(on('2026-04-12'), async () => {
      throw new Error('nothing should be sent');
    });
    expect(rerun).toEqual({ people: 0, items: 0, no_address: 0, failed: [] });
  });

  test("the cycle page's reminder goes through the outbox when SMTP is not configured, once a day", async () => {
    const { remindCycle } = await import('./cycle-reminders.ts');
    const before = (await database.db.selectFrom('mail_outbox').select('id').execute()).length;
    const run = await remindCycle(on('2026-04-13'), 'CYC', '2025-26T2');
    expect(run).toEqual({ people: 3, items: 3, no_address: 0, channel: 'outbox', failed: [] });
    const again = await remindCycle(on('2026-04-13'), 'CYC', '2025-26T2');
    expect(again).toMatchObject({ people: 0, items: 0 });
    const mail = await database.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    expect(mail).toHaveLength(before + 3);
    const audit = await database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'remind_cycle')
      .execute();
    expect(audit).toHaveLength(2);
  });
});

describe('progress', () => {
  test('met on time, late, missing and no one to ask, by strand and by lead, as counted by hand', async () => {
    await addSummary(on('2026-04-15'), 'CYC', '2025-26T2', {
      strand_id: null,
      rag: 'amber',
      commentary: 'Mixed',
    });
    await updateAction(on('2026-04-20'), ids.a12 as number, {
      status: 'at_risk',
      commentary: 'Recruitment is slow',
    });
    const cycle = await readCycle(on('2026-04-25'), 'CYC', '2025-26T2');
    expect(cycle.totals).toEqual({ asked: 6, on_time: 2, late: 1, missing: 1, awaiting: 0, unowned: 2 });
    expect(cycle.by_strand).toEqual([
      {
        strand: { id: ids.s1, code: 'S1', name: 'Succession' },
        counts: { asked: 3, on_time: 1, late: 1, missing: 1, awaiting: 0, unowned: 0 },
      },
      { strand: null, counts: { asked: 1, on_time: 1, late: 0, missing: 0, awaiting: 0, unowned: 0 } },
      {
        strand: { id: ids.s2, code: 'S2', name: 'Workforce' },
        counts: { asked: 2, on_time: 0, late: 0, missing: 0, awaiting: 0, unowned: 2 },
      },
    ]);
    const byLead = Object.fromEntries(cycle.by_lead.map((l) => [l.lead?.code ?? 'none', l.counts]));
    expect(byLead).toEqual({
      P2: { asked: 1, on_time: 0, late: 0, missing: 1, awaiting: 0, unowned: 0 },
      P1: { asked: 1, on_time: 1, late: 0, missing: 0, awaiting: 0, unowned: 0 },
      P4: { asked: 1, on_time: 1, late: 0, missing: 0, awaiting: 0, unowned: 0 },
      P5: { asked: 1, on_time: 0, late: 1, missing: 0, awaiting: 0, unowned: 0 },
      none: { asked: 2, on_time: 0, late: 0, missing: 0, awaiting: 0, unowned: 2 },
    });
    // 17 to 25 April: 8 days.
    expect(cycle.not_updated).toEqual([
      {
        lead: { code: 'P2', name: 'Ann Lead' },
        items: [{ kind: 'strand', id: ids.s1, code: 'S1', title: 'Succession' }],
        days_overdue: 8,
      },
    ]);
    expect(cycle.requests.find((r) => r.item.code === '1.2')).toMatchObject({
      met_on: '2026-04-20',
      outcome: 'late',
    });
  });

  test('a strand lead sees their strand only; an action lead sees no progress', async () => {
    const strandLead = await as.leadA.get(`${api}/CYC/cycles/2025-26T2`);
    expect(strandLead.status).toBe(200);
    expect(strandLead.body.view).toBe('strands');
    expect(strandLead.body.can_manage).toBe(false);
    expect(strandLead.body.requests.map((r: { item: { code: string } }) => r.item.code).sort()).toEqual([
      '1.1',
      '1.2',
      'S1',
    ]);
    expect((await as.headS1.get(`${api}/CYC/cycles/2025-26T2`)).status).toBe(403);
    expect((await as.leadA.send('POST', `${api}/CYC/cycles/2025-26T2/remind`)).status).toBe(403);
  });

  test('my part of the plan shows what the cycle asks, and a strand lead which actions wait', async () => {
    const mine = await myPlan(asPerson('P2', '2026-04-25'));
    const strand = mine.find((i) => i.kind === 'strand');
    expect(strand?.request).toEqual({
      term: '2025-26T2',
      due_on: '2026-04-17',
      met_on: null,
      outcome: 'missing',
      days_overdue: 8,
    });
    // Its actions 1.1 and 1.2 are both updated: none waits.
    expect(strand?.not_updated).toEqual([]);
    expect(mine[0]?.kind).toBe('strand');
  });

  test('closing freezes the outcome: a later update does not change it, and no summary is taken', async () => {
    const closed = await closeCycle(on('2026-04-26'), 'CYC', '2025-26T2');
    expect(closed.state).toBe('closed');
    await expect(
      addSummary(on('2026-04-27'), 'CYC', '2025-26T2', {
        strand_id: ids.s1 as number,
        rag: 'green',
        commentary: 'Late',
      }),
    ).rejects.toThrow(/closed on 2026-04-26/);
    await database.db
      .updateTable('strategy_action')
      .set({ lead_person_id: persons.P3 as number })
      .where('id', '=', ids.a21 as number)
      .execute();
    const later = await readCycle(on('2026-05-30'), 'CYC', '2025-26T2');
    expect(later.totals).toEqual({ asked: 6, on_time: 2, late: 1, missing: 1, awaiting: 0, unowned: 2 });
    expect(later.not_updated[0]?.days_overdue).toBe(9);
    // What `headway strategy cycle status` prints.
    const text = formatCycle(later);
    expect(text).toContain('CYC Cycle strategy: the 2025-26T2 cycle (closed)');
    expect(text).toContain('Overall: asked 6, on time 2, late 1, missing 1, awaiting 0, no one to ask 2');
    expect(text).toContain('Not yet updated:\n  Ann Lead (9 days overdue): S1 Succession');
    expect(text).toContain('No one to ask (no lead):\n  strand S2 Workforce\n  action 2.1 Action 2.1');
    expect((await myReminders(asPerson('P2', '2026-05-30'))).updates).toBe(0);
  });

  test('a closed cycle shows its items where the plan had them on the closing day, after a later move', async () => {
    const before = await readCycle(on('2026-05-30'), 'CYC', '2025-26T2');
    await reorganise(on('2026-05-02'), 'CYC', {
      kind: 'move_action',
      action: ids.a12 as number,
      to_strand: ids.s2 as number,
      reason: 'Workforce owns recruitment now',
    });
    await reorganise(on('2026-05-03'), 'CYC', {
      kind: 'edit_strand',
      strand: ids.s1 as number,
      name: 'Leadership succession',
      reason: 'Clearer name',
    });
    const after = await readCycle(on('2026-05-30'), 'CYC', '2025-26T2');
    expect(after.by_strand).toEqual(before.by_strand);
    expect(after.requests).toEqual(before.requests);
    const moved = after.requests.find((r) => r.item.id === ids.a12);
    expect(moved?.strand?.name).toBe('Succession');
  });
});

test("the cycle's requests as committed SQL", async () => {
  await expect(
    sqlSnapshot(cycleRequestsQuery(1, '2026-04-25', [2]).compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/cycle-requests.sql');
});
