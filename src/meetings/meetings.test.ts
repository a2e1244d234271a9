// Meetings on the tiny authority: the agenda Headway drafts (the KPI summary, causes for concern by
// area, the right overdue and new challenges, actions due with overdue ones flagged), the chair's
// edits, minutes and decisions, and "my actions" with who may change what.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from './test-fixtures.ts';

let database: Database;
let as: Callers;

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
});
afterEach(() => database?.close());

async function challenge(title: string, body: Record<string, unknown>, moves: [string, string][] = []) {
  const { body: raised } = await as.director.send('POST', '/api/v1/challenges', {
    title,
    category: 'staffing_gap',
    priority: 'medium',
    units: ['A'],
    ...body,
  });
  for (const [to, on] of moves)
    await as.director.send('POST', `/api/v1/challenges/${raised.id}/status`, { to, on, resolution: 'done' });
  return raised.id as number;
}

const meeting = (held_on: string, extra: Record<string, unknown> = {}) =>
  as.director.send('POST', '/api/v1/meetings', {
    kind: 'area_leads',
    held_on,
    period: '2026-10',
    attendees: ['P1', 'P2', 'P3'],
    ...extra,
  });

describe('drafting the monthly agenda', () => {
  it('picks the KPI summary, concerns by area, overdue and new challenges and actions due', async () => {
    const march = await meeting('2025-03-10', { draft: false });
    expect(march.status).toBe(201);
    expect(march.body.agenda).toEqual([]);

    const overdue = await challenge('Overdue: due before the meeting, still open', {
      due_on: '2025-03-31',
      raised_on: '2025-02-01',
    });
    await challenge('Due after the meeting', { due_on: '2025-04-30', raised_on: '2025-02-01' });
    await challenge('Overdue but resolved', { due_on: '2025-03-01', raised_on: '2025-02-01' }, [
      ['in_progress', '2025-02-02'],
      ['resolved', '2025-03-20'],
    ]);
    await challenge('Raised at the last meeting', { raised_on: '2025-03-10', due_on: '2025-06-30' });
    const fresh = await challenge('Raised since', {
      raised_on: '2025-03-11',
      due_on: '2025-06-30',
      units: ['S3'],
    });
    await challenge('Raised after the meeting', { raised_on: '2025-04-09', due_on: '2025-06-30' });

    const action = (title: string, due_on: string) =>
      as.director.send('POST', '/api/v1/actions', { title, due_on, owner: 'P2', meeting_id: march.body.id });
    const late = (await action('Late: due before the meeting', '2025-03-31')).body.id;
    const due = (await action('Due on the day', '2025-04-08')).body.id;
    await action('Due later', '2025-04-30');
    const done = (await action('Done already', '2025-03-20')).body.id;
    await as.director.send('PATCH', `/api/v1/actions/${done}`, { status: 'done' });

    const april = await meeting('2025-04-08');
    expect(april.status).toBe(201);
    const items = april.body.agenda as {
      kind: string;
      title: string;
      notes: string;
      refs: Record<string, unknown>[];
    }[];
    expect(items.map((i) => i.kind)).toEqual([
      'kpi_summary',
      'area_concerns',
      'overdue_challenges',
      'new_challenges',
      'actions_due',
      'item',
    ]);
    const [summary, concerns, overdueItem, newItem, actions] = items;
    // The tiny authority's October attendance: 1570 / 1700 sessions.
    expect(summary?.title).toBe('KPI summary for 2026-10');
    expect(summary?.refs.find((r) => r.indicator === 'attendance_rate')?.value).toBeCloseTo(
      (100 * 1570) / 1700,
      10,
    );
    // The attention model's schools: none of the fixtures has a head; S5 also sent nothing for September
    // or October, S3 has a challenge overdue and S2 is red on attendance (one reason for the one measure).
    expect(concerns?.refs).toEqual([
      expect.objectContaining({ area: 'B', schools: 3, concerns: 5 }),
      expect.objectContaining({ area: 'A', schools: 2, concerns: 3 }),
    ]);
    expect((concerns?.refs[0]?.reasons as string[] | undefined)?.[1]).toBe(
      'Third School: No substantive head and no acting head in post; 1 challenge overdue: "Raised since" (due 2025-06-30)',
    );
    expect(concerns?.notes).toBe('5 schools needing attention in 2 areas; most in Area B (3), Area A (2).');
    expect(overdueItem?.refs.map((r) => r.challenge)).toEqual([overdue]);
    expect(overdueItem?.refs[0]).toMatchObject({ due_on: '2025-03-31', days_overdue: 8, areas: ['A'] });
    expect(overdueItem?.title).toBe('Challenges overdue on 2025-04-08 (1)');
    expect(newItem?.title).toBe('Challenges raised since 2025-03-10 (1)');
    expect(newItem?.refs.map((r) => r.challenge)).toEqual([fresh]);
    expect(actions?.refs.map((r) => [r.action, r.overdue])).toEqual([
      [late, true],
      [due, false],
    ]);
    expect(actions?.notes).toBe('2 actions due by this meeting, 1 overdue.');
    expect(april.body.packs.map((p: { area: string; html: string }) => [p.area, p.html])).toEqual([
      ['A', '/api/v1/reports/area/A?period=2026-10'],
      ['B', '/api/v1/reports/area/B?period=2026-10'],
    ]);
  });

  it('lets the chair edit the agenda, takes minutes and decisions, then refuses to redraft over them', async () => {
    const { body } = await meeting('2025-04-08');
    const id = body.id as number;
    const [first, ...rest] = body.agenda as { id: number; title: string }[];
    const edited = await as.director.send('PUT', `/api/v1/meetings/${id}/agenda`, {
      items: [
        { title: 'Welcome and apologies' },
        ...rest.slice(0, 2).map((i) => ({ id: i.id, title: i.title })),
        { id: first?.id, title: 'KPIs', notes: 'Attendance first' },
      ],
    });
    expect(edited.status).toBe(200);
    const agenda = edited.body.agenda as { id: number; kind: string; title: string; notes: string }[];
    expect(agenda.map((i) => i.title)).toEqual([
      'Welcome and apologies',
      rest[0]?.title,
      rest[1]?.title,
      'KPIs',
    ]);
    expect(agenda[3]).toMatchObject({ kind: 'kpi_summary', notes: 'Attendance first' });

    const item = agenda[1]?.id;
    await as.director.send('PUT', `/api/v1/meetings/${id}/agenda/${item}/minutes`, {
      minutes: 'Discussed S5',
    });
    const decided = await as.director.send('POST', `/api/v1/meetings/${id}/decisions`, {
      agenda_item_id: item,
      text: 'NLE to visit S5',
    });
    expect(decided.body.agenda[1]).toMatchObject({
      minutes: 'Discussed S5',
      decisions: [expect.objectContaining({ text: 'NLE to visit S5' })],
    });
    const redraft = await as.director.send('POST', `/api/v1/meetings/${id}/agenda/draft`);
    expect(redraft.status).toBe(409);
    expect(redraft.body.error.message).toMatch(/has minutes/);
    // An area lead attends the authority's meeting and reads it, but does not run it.
    expect((await as.leadA.get(`/api/v1/meetings/${id}`)).body.can_edit).toBe(false);
    expect((await as.leadA.send('POST', `/api/v1/meetings/${id}/decisions`, { text: 'x' })).status).toBe(403);
    // Another area's own meeting is not hers to see.
    const areaB = await as.leadB.send('POST', '/api/v1/meetings', {
      kind: 'area_headteachers',
      held_on: '2025-04-10',
      org_unit: 'B',
    });
    expect(areaB.status).toBe(201);
    expect(areaB.body.packs.map((p: { area: string }) => p.area)).toEqual(['B']);
    expect((await as.leadA.get(`/api/v1/meetings/${areaB.body.id}`)).status).toBe(404);
    expect((await as.leadA.get('/api/v1/meetings')).body.meetings.map((m: { id: number }) => m.id)).toEqual([
      id,
    ]);
  });
});

describe('my actions', () => {
  it('lists a person’s own actions, overdue flagged, which they may close but not rewrite', async () => {
    const { body } = await meeting('2025-04-08', { draft: false });
    const mine = (
      await as.director.send('POST', '/api/v1/actions', {
        title: 'Recruit maths cover',
        owner: 'P2',
        due_on: '2025-05-01',
        meeting_id: body.id,
      })
    ).body.id;
    await as.director.send('POST', '/api/v1/actions', {
      title: 'Someone else’s',
      owner: 'P3',
      due_on: '2025-05-01',
      meeting_id: body.id,
    });
    const challenge = (
      await as.leadA.send('POST', '/api/v1/challenges', {
        title: 'Roof',
        category: 'infrastructure',
        units: ['S1'],
        priority: 'low',
      })
    ).body.id;
    const fromChallenge = await as.leadA.send('POST', '/api/v1/actions', {
      title: 'Get quotes',
      owner: 'P2',
      challenge_id: challenge,
    });
    expect(fromChallenge.status).toBe(201);

    const list = (await as.leadA.get('/api/v1/actions?mine=true')).body.actions as {
      id: number;
      overdue: boolean;
      meeting: unknown;
    }[];
    expect(list.map((a) => [a.id, a.overdue])).toEqual([
      [mine, true],
      [fromChallenge.body.id, false],
    ]);
    const timeline = (await as.leadA.get(`/api/v1/challenges/${challenge}`)).body.timeline;
    expect(timeline.at(-1).note).toBe('Action: Get quotes (Ann Lead)');

    expect(
      (await as.leadA.send('PATCH', `/api/v1/actions/${mine}`, { title: 'Something easier' })).status,
    ).toBe(403);
    expect((await as.leadA.send('PATCH', `/api/v1/actions/${mine}`, { status: 'done' })).status).toBe(204);
    const after = (await as.leadA.get('/api/v1/actions?mine=true&status=open')).body.actions;
    expect(after.map((a: { id: number }) => a.id)).toEqual([fromChallenge.body.id]);
    const noPerson = await (await import('../auth/testing.ts')).apiAs(database, 'viewer', 'T');
    expect((await noPerson.get('/api/v1/actions?mine=true')).body.error.message).toMatch(
      /not linked to a person/,
    );
  });
});

describe('who reads a meeting (issue 14: the authority meeting leaked to everyone below)', () => {
  it('is for its chair, its attendees and those who lead its unit; attendees see other schools unnamed', async () => {
    // Raised before the meeting, so the draft lists them among the new challenges.
    await challenge('Two teachers on long-term sick leave at Fifth School', {
      units: ['S5'],
      raised_on: '2026-11-02',
      due_on: '2027-01-31',
    });
    await challenge('Maths vacancy at Small School', {
      units: ['S2'],
      raised_on: '2026-11-03',
      due_on: '2027-01-31',
    });
    const created = await meeting('2026-11-10');
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const item = created.body.agenda[0].id as number;
    await as.director.send('PUT', `/api/v1/meetings/${id}/agenda/${item}/minutes`, {
      minutes: 'Fifth School has no head this term; Big School offered help. Third School to be visited.',
    });
    await as.director.send('POST', `/api/v1/meetings/${id}/decisions`, {
      text: 'The NLE goes to Fourth School; Small School gets a supply teacher',
    });

    // The director leads the authority: everything, named.
    const whole = JSON.stringify((await as.director.get(`/api/v1/meetings/${id}`)).body);
    for (const name of ['Fifth School', 'Third School', 'Fourth School', 'Big School', 'Small School'])
      expect(whole).toContain(name);

    // A head neither leads the authority nor attends: not listed, not found.
    expect((await as.headS1.get('/api/v1/meetings')).body.meetings).toEqual([]);
    expect((await as.headS1.get(`/api/v1/meetings/${id}`)).status).toBe(404);

    // Area A's lead attends: their own schools named, area B's not, B's challenge and concerns left out.
    const seen = await as.leadA.get(`/api/v1/meetings/${id}`);
    expect(seen.status).toBe(200);
    const text = JSON.stringify(seen.body);
    for (const name of ['Fifth School', 'Third School', 'Fourth School']) expect(text).not.toContain(name);
    expect(text).toContain('Big School offered help');
    expect(text).toContain('another school has no head this term');
    expect(text).toContain('Small School gets a supply teacher');
    const items = seen.body.agenda as { kind: string; refs: Record<string, unknown>[] }[];
    const newChallenges = items.find((i) => i.kind === 'new_challenges')?.refs.map((r) => r.title);
    expect(newChallenges).toEqual(['Maths vacancy at Small School']);
    // The drafted title and notes counted both; the lead is told how much of it is shown.
    const newItem = items.find((i) => i.kind === 'new_challenges') as unknown as {
      title: string;
      notes: string;
    };
    expect(newItem.title).toMatch(/\(1 of 2\)$/);
    expect(newItem.notes).toBe('1 of 2 shown: the rest concern units outside your scope.');
    expect(items.find((i) => i.kind === 'area_concerns')?.refs.map((r) => r.area)).not.toContain('B');
    // The whole draft, as the director sees it, does list both.
    const directorItems = (await as.director.get(`/api/v1/meetings/${id}`)).body.agenda as typeof items;
    expect(directorItems.find((i) => i.kind === 'new_challenges')?.refs).toHaveLength(2);
  });
});

describe('naming schools to an attendee from elsewhere', () => {
  it('keeps a visible school whose name holds a hidden one, and replaces the hidden one', async () => {
    await importFile(
      contextFor(database.db, operator('test')),
      'schools',
      csv('s.csv', ['code,name,phase,area_code', 'S6,Big,primary,B']),
    );
    const { body: created } = await meeting('2026-11-10', { draft: false });
    const { body: withItem } = await as.director.send('PUT', `/api/v1/meetings/${created.id}/agenda`, {
      items: [{ kind: 'item', title: 'Visits', notes: '' }],
    });
    await as.director.send('PUT', `/api/v1/meetings/${created.id}/agenda/${withItem.agenda[0].id}/minutes`, {
      minutes: 'Big School and Big will share a teacher.',
    });
    const seen = await as.leadA.get(`/api/v1/meetings/${created.id}`);
    expect(seen.body.agenda[0].minutes).toBe('Big School and another school will share a teacher.');
  });
});
