// Challenges and meetings day to day (issue 19) on the tiny authority T > A {S1, S2}, B {S3, S4, S5}: an
// area lead names schools of their area, the moves offered are exactly those the server allows the
// caller, an area lead runs their own area's meeting, and overdue work reminds its owner in the app and
// by email through a real SMTP conversation (a listener on a local port), once a day.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { smtpSender } from './mailer.ts';
import { overdueItemsQuery, sendReminders } from './reminders.ts';
import { type Callers, loadTinyAuthorityWithLeads } from './test-fixtures.ts';

let database: Database;
let as: Callers;

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
});

const raise = (caller: Callers[keyof Callers], body: Record<string, unknown>) =>
  caller.send('POST', '/api/v1/challenges', {
    title: 'Two schools share one maths teacher',
    category: 'staffing_gap',
    priority: 'high',
    units: ['A'],
    ...body,
  });

describe('raising a challenge naming schools', () => {
  it('an area lead names two schools of their area; the challenge and the list show both', async () => {
    const raised = await raise(as.leadA, { units: ['S1', 'S2'] });
    expect(raised.status).toBe(201);
    const { body } = await as.leadA.get(`/api/v1/challenges/${raised.body.id}`);
    const units = body.units.map((u: { code: string; level: string }) => [u.code, u.level]);
    expect(units).toEqual([
      ['S1', 'school'],
      ['S2', 'school'],
    ]);
    expect(body.areas).toEqual(['A']);
    const list = await as.leadA.get('/api/v1/challenges?area=A');
    const listed = list.body.challenges.find((c: { id: number }) => c.id === body.id);
    expect(listed.units.map((u: { code: string }) => u.code)).toEqual(['S1', 'S2']);
  });

  it('refuses a school of another area, naming it, and writes nothing', async () => {
    const { status, body } = await raise(as.leadA, { units: ['S1', 'S3'] });
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/not S3/);
    expect((await as.director.get('/api/v1/challenges')).body.challenges).toEqual([]);
  });
});

describe('the moves offered are the ones the caller may make', () => {
  it('no Reopen-like move is offered to a reader, and the owner is not offered verifying their own', async () => {
    const { body } = await raise(as.leadA, {});
    const id = body.id as number;
    const detail = (caller: Callers[keyof Callers]) =>
      caller.get(`/api/v1/challenges/${id}`).then((r) => r.body.next);
    expect(await detail(as.leadA)).toEqual(['in_progress', 'closed']);
    // Lead B sees nothing of area A's challenge; the head of S1 may read it but not work it.
    expect((await as.leadB.get(`/api/v1/challenges/${id}`)).status).toBe(404);
    await as.leadA.send('POST', `/api/v1/challenges/${id}/status`, { to: 'in_progress' });
    expect(await detail(as.leadA)).toEqual(['resolved', 'closed', 'open']);
    await as.leadA.send('POST', `/api/v1/challenges/${id}/status`, { to: 'resolved', resolution: 'Shared' });
    // Resolved by its owner: only the director may verify it; the owner may still reopen it.
    expect(await detail(as.leadA)).toEqual(['in_progress']);
    expect(await detail(as.director)).toEqual(['verified', 'in_progress']);
    // Every move offered is one the server accepts.
    const verified = await as.director.send('POST', `/api/v1/challenges/${id}/status`, { to: 'verified' });
    expect(verified.status).toBe(200);
    expect(verified.body.next).toEqual([]);
  });

  it('a head who may read a challenge but not work it is offered no moves', async () => {
    const { body } = await raise(as.leadA, { units: ['S1'] });
    // The head leads S1, the only unit it affects: they may work it.
    expect((await as.headS1.get(`/api/v1/challenges/${body.id}`)).body.next).toEqual([
      'in_progress',
      'closed',
    ]);
    // One that also affects S3 they read, but may not move.
    const wider = await raise(as.director, { units: ['S1', 'S3'] });
    const read = await as.headS1.get(`/api/v1/challenges/${wider.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.next).toEqual([]);
    const refused = await as.headS1.send('POST', `/api/v1/challenges/${wider.body.id}/status`, {
      to: 'in_progress',
    });
    expect(refused.status).toBe(403);
  });
});

describe("the area lead's own area meeting", () => {
  it("an area meeting with headteachers invites the heads in post at the area's schools", async () => {
    // P4 heads S1 and P5 heads S2 (both in area A); P6 heads S3 in area B; P7 left S2 last year.
    await importFile(
      contextFor(database.db, operator('test')),
      'people',
      csv('p.csv', ['code,given_name,family_name,email', 'P5,Ida,Head,', 'P6,Jo,Head,', 'P7,Kim,Former,']),
    );
    await importFile(
      contextFor(database.db, operator('test')),
      'posts',
      csv('posts.csv', [
        'person_code,org_unit_code,role,starts_on,ends_on,fte',
        'P4,S1,headteacher,2020-09-01,,1',
        'P5,S2,acting_headteacher,2025-09-01,,1',
        'P6,S3,headteacher,2020-09-01,,1',
        'P7,S2,headteacher,2015-09-01,2025-08-31,1',
      ]),
    );
    const created = await as.leadA.send('POST', '/api/v1/meetings', {
      kind: 'area_headteachers',
      held_on: '2026-10-05',
      org_unit: 'A',
      draft: false,
    });
    expect(created.status).toBe(201);
    expect(created.body.attendees.map((a: { code: string }) => a.code).sort()).toEqual(['P4', 'P5']);
  });

  it('they hold it, write minutes and a decision, and raise a challenge at it naming schools', async () => {
    const created = await as.leadA.send('POST', '/api/v1/meetings', {
      kind: 'area_headteachers',
      held_on: '2026-10-05',
      org_unit: 'A',
      period: '2026-09',
      draft: false,
    });
    expect(created.status).toBe(201);
    expect(created.body.can_edit).toBe(true);
    expect(created.body.chair.code).toBe('P2');
    const id = created.body.id as number;
    // Items added one at a time go at the end, the others untouched.
    await as.leadA.send('POST', `/api/v1/meetings/${id}/agenda`, { title: 'Maths staffing' });
    const saved = await as.leadA.send('POST', `/api/v1/meetings/${id}/agenda`, { title: 'Attendance' });
    expect(saved.status).toBe(200);
    expect(saved.body.agenda.map((i: { title: string }) => i.title)).toEqual([
      'Maths staffing',
      'Attendance',
    ]);
    const item = saved.body.agenda[0].id as number;
    const minutes = await as.leadA.send('PUT', `/api/v1/meetings/${id}/agenda/${item}/minutes`, {
      minutes: 'Heads of S1 and S2 agreed to share a teacher',
    });
    expect(minutes.status).toBe(200);
    const decision = await as.leadA.send('POST', `/api/v1/meetings/${id}/decisions`, {
      agenda_item_id: item,
      text: 'Advertise a shared post',
    });
    expect(decision.status).toBe(200);
    const raised = await raise(as.leadA, { units: ['S1', 'S2'], meeting_id: id });
    expect(raised.status).toBe(201);
    const meeting = (await as.leadA.get(`/api/v1/meetings/${id}`)).body;
    expect(meeting.agenda[0].minutes).toBe('Heads of S1 and S2 agreed to share a teacher');
    expect(meeting.agenda[0].decisions.map((d: { text: string }) => d.text)).toEqual([
      'Advertise a shared post',
    ]);
    expect(meeting.challenges.map((c: { id: number }) => c.id)).toEqual([raised.body.id]);
    const whole = await as.leadA.send('POST', `/api/v1/meetings/${id}/decisions`, {
      text: 'Meet again in May',
    });
    expect(whole.body.decisions.map((d: { text: string }) => d.text)).toEqual(['Meet again in May']);
    // Lead B may not add to it.
    expect((await as.leadB.send('POST', `/api/v1/meetings/${id}/agenda`, { title: 'Mine' })).status).toBe(
      404,
    );
    // Lead B may not hold one for area A, nor write in A's meeting.
    const other = await as.leadB.send('POST', '/api/v1/meetings', {
      kind: 'area_headteachers',
      held_on: '2026-10-05',
      org_unit: 'A',
    });
    expect(other.status).toBe(403);
    expect((await as.leadB.get(`/api/v1/meetings/${id}`)).status).toBe(404);
  });
});

/** Sets up an overdue challenge owned by lead A (P2) and an overdue action owned by lead B (P3). */
async function overdueWork() {
  const challenge = await raise(as.leadA, { raised_on: '2026-01-02', due_on: '2026-01-31' });
  const meeting = await as.director.send('POST', '/api/v1/meetings', {
    kind: 'area_leads',
    held_on: '2026-01-10',
    period: '2025-12',
    draft: false,
    attendees: ['P2', 'P3'],
  });
  const action = await as.director.send('POST', '/api/v1/actions', {
    title: 'Send the staffing figures',
    owner: 'P3',
    due_on: '2026-02-10',
    meeting_id: meeting.body.id,
  });
  // Not overdue: done, or due later, or nobody's.
  await raise(as.leadA, { title: 'Due later', due_on: '2099-01-01' });
  const done = await as.director.send('POST', '/api/v1/actions', {
    title: 'Already done',
    owner: 'P3',
    due_on: '2026-02-01',
    meeting_id: meeting.body.id,
  });
  await as.director.send('PATCH', `/api/v1/actions/${done.body.id}`, { status: 'done' });
  return {
    challenge: challenge.body.id as number,
    action: action.body.id as number,
    meeting: meeting.body.id,
  };
}

describe('reminders in the app', () => {
  it('each owner sees their own overdue items, counted, most overdue first', async () => {
    const ids = await overdueWork();
    const a = (await as.leadA.get('/api/v1/reminders')).body;
    expect(a.actions).toBe(0);
    expect(a.challenges).toBe(1);
    expect(a.overdue).toMatchObject([
      { kind: 'challenge', id: ids.challenge, due_on: '2026-01-31', meeting: null },
    ]);
    const b = (await as.leadB.get('/api/v1/reminders')).body;
    expect(b).toMatchObject({ actions: 1, challenges: 0 });
    expect(b.overdue).toMatchObject([
      { kind: 'action', id: ids.action, title: 'Send the staffing figures', due_on: '2026-02-10' },
    ]);
    expect(b.overdue[0].meeting.id).toBe(ids.meeting);
    // Days overdue counted from the due date to today.
    const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    expect(b.overdue[0].days_overdue).toBeCloseTo(
      (today - Date.parse('2026-02-10T00:00:00Z')) / 86_400_000,
      -0.5,
    );
    // Resolved or moved on, it stops reminding.
    await as.leadA.send('POST', `/api/v1/challenges/${ids.challenge}/status`, {
      to: 'closed',
      reason: 'Merged',
    });
    expect((await as.leadA.get('/api/v1/reminders')).body).toEqual({
      actions: 0,
      challenges: 0,
      updates: 0,
      overdue: [],
    });
    expect((await as.director.get('/api/v1/reminders')).body.overdue).toEqual([]);
  });
});

/** A real SMTP listener on a local port, keeping each message it is given. */
async function smtpListener() {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 test.example ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            // The body comes quoted-printable: undo its soft line breaks and escapes to read it.
            current.data = current.data
              .replace(/=\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
            messages.push(current);
            current = { from: '', to: [], data: '' };
            reply('250 queued');
          } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 test.example');
        else if (verb === 'MAIL') {
          current.from = line.replace(/^MAIL FROM:\s*<?([^>]*)>?.*$/i, '$1');
          reply('250 ok');
        } else if (verb === 'RCPT') {
          current.to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
          reply('250 ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 ok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('reminders by email', () => {
  let listener: Awaited<ReturnType<typeof smtpListener>>;
  beforeEach(async () => {
    listener = await smtpListener();
  });
  afterEach(async () => listener.close());

  it('mails each owner once a day, records what it sent, and a rerun that day sends nothing new', async () => {
    const ids = await overdueWork();
    const sender = smtpSender({
      smtpUrl: `smtp://127.0.0.1:${listener.port}`,
      from: 'Headway <headway@test.example>',
    });
    const context = contextFor(database.db, operator('scheduler'), { today: '2026-03-01' });
    try {
      const first = await sendReminders(context, sender.send, { publicUrl: 'https://headway.test.example' });
      expect(first).toEqual({ people: 2, items: 2, no_address: 0, failed: [] });
      expect(listener.messages).toHaveLength(2);
      const users = await database.db
        .selectFrom('app_user as u')
        .innerJoin('person as p', 'p.id', 'u.person_id')
        .select(['u.email', 'p.code'])
        .execute();
      const emailOf = (code: string) => users.find((u) => u.code === code)?.email;
      const toA = listener.messages.find((m) => m.to.includes(emailOf('P2') as string));
      const toB = listener.messages.find((m) => m.to.includes(emailOf('P3') as string));
      expect(toA?.from).toBe('headway@test.example');
      expect(toA?.data).toMatch(/Subject: Headway: 1 overdue item\n/);
      // 2026-01-31 to 2026-03-01: 29 days.
      expect(toA?.data).toMatch(
        /Challenge: Two schools share one maths teacher \(due 2026-01-31, 29 days overdue\)/,
      );
      expect(toA?.data).toContain(`https://headway.test.example/challenges/${ids.challenge}`);
      expect(toB?.data).toMatch(/Action: Send the staffing figures \(due 2026-02-10, 19 days overdue\)/);

      const sent = await database.db
        .selectFrom('reminder_sent')
        .select(['item_kind', 'item_id', 'sent_on'])
        .orderBy('item_kind')
        .execute();
      expect(sent).toEqual([
        { item_kind: 'action', item_id: ids.action, sent_on: '2026-03-01' },
        { item_kind: 'challenge', item_id: ids.challenge, sent_on: '2026-03-01' },
      ]);
      const audit = await database.db
        .selectFrom('audit_event')
        .select(['actor', 'details'])
        .where('action', '=', 'remind')
        .execute();
      expect(audit).toHaveLength(2);
      expect(audit.every((e) => e.actor === 'scheduler')).toBe(true);

      // The same day again: nothing new. The next day: reminded again.
      expect(await sendReminders(context, sender.send)).toEqual({
        people: 0,
        items: 0,
        no_address: 0,
        failed: [],
      });
      expect(listener.messages).toHaveLength(2);
      const nextDay = contextFor(database.db, operator('scheduler'), { today: '2026-03-02' });
      expect((await sendReminders(nextDay, sender.send)).items).toBe(2);
      expect(listener.messages).toHaveLength(4);
    } finally {
      sender.close();
    }
  });

  it('records nothing for an owner whose email failed, so the next run tries again', async () => {
    await overdueWork();
    const context = contextFor(database.db, operator('scheduler'), { today: '2026-03-01' });
    const run = await sendReminders(context, async () => {
      throw new Error('connection refused');
    });
    expect(run.people).toBe(0);
    expect(run.failed).toHaveLength(2);
    expect(await database.db.selectFrom('reminder_sent').selectAll().execute()).toEqual([]);
  });

  it('is refused to anyone but the whole authority', async () => {
    const lead = await database.db
      .selectFrom('person')
      .select('id')
      .where('code', '=', 'P2')
      .executeTakeFirstOrThrow();
    const context = contextFor(database.db, {
      ...operator('lead'),
      personId: lead.id,
      scope: { all: false, units: new Set(['A', 'S1', 'S2']) },
    } as never);
    await expect(sendReminders(context, async () => {})).rejects.toThrow(/whole authority/);
  });
});

it('the overdue-items query, as the database runs it', async () => {
  await expect(
    sqlSnapshot(overdueItemsQuery('2026-03-01', null, '2026-03-01').compile(compilingDb)),
  ).toMatchFileSnapshot('./__snapshots__/overdue-items.sql');
});
