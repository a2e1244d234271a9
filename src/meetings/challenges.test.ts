// The challenges log over the API on the tiny authority: the status workflow (illegal moves refused
// with a clear reason, every move audited), who may raise, see and change what, recurring links, and
// the export.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { challengeColumns } from './export.ts';
import { type Callers, loadTinyAuthorityWithLeads } from './test-fixtures.ts';

let database: Database;
let as: Callers;

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
});
afterEach(() => database?.close());

const raise = (caller: Callers[keyof Callers], body: Record<string, unknown>) =>
  caller.send('POST', '/api/v1/challenges', {
    title: 'No maths teacher at S1',
    category: 'staffing_gap',
    units: ['S1'],
    priority: 'high',
    due_on: '2099-01-31',
    ...body,
  });

describe('the status workflow', () => {
  it('goes open, in progress, resolved, verified; refuses skipped steps with what would be allowed', async () => {
    const { status, body } = await raise(as.leadA, { units: ['A'] });
    expect(status).toBe(201);
    const id = body.id as number;
    const move = (caller: Callers[keyof Callers], to: string, extra: Record<string, unknown> = {}) =>
      caller.send('POST', `/api/v1/challenges/${id}/status`, { to, ...extra });

    const skipped = await move(as.leadA, 'resolved', { resolution: 'hired' });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.message).toBe(
      `Challenge ${id} cannot go from open to resolved: from open it can only go to in progress or closed: won't fix`,
    );
    expect((await move(as.leadA, 'verified')).status).toBe(409);

    const noReason = await move(as.leadA, 'closed');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/say why it will not be fixed/);

    expect((await move(as.leadA, 'in_progress', { note: 'Advert out' })).status).toBe(200);
    const noResolution = await move(as.leadA, 'resolved');
    expect(noResolution.status).toBe(400);
    expect(noResolution.body.error.message).toMatch(/say how it was resolved/);
    const resolved = await move(as.leadA, 'resolved', { resolution: 'Teacher seconded from S2' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.resolution).toBe('Teacher seconded from S2');
    // Its owner may reopen it but not verify it: the moves offered are the caller's.
    expect(resolved.body.next).toEqual(['in_progress']);

    // The owner (who raised it) cannot verify their own resolution; the director can.
    const own = await move(as.leadA, 'verified');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/must be verified by someone else/);
    const verified = await move(as.director, 'verified');
    expect(verified.status).toBe(200);
    expect(verified.body.verified_on).toBe(verified.body.resolved_on);
    const final = await move(as.director, 'open');
    expect(final.status).toBe(409);
    expect(final.body.error.message).toMatch(/verified is final/);

    expect(
      verified.body.timeline.map((t: { kind: string; to_status: string | null }) => [t.kind, t.to_status]),
    ).toEqual([
      ['raised', 'open'],
      ['status', 'in_progress'],
      ['status', 'resolved'],
      ['status', 'verified'],
    ]);
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['actor', 'details'])
      .where('entity', '=', 'challenge')
      .where('action', '=', 'status')
      .orderBy('id')
      .execute();
    expect(
      audit.map((a) => [(a.details as { from: string }).from, (a.details as { to: string }).to]),
    ).toEqual([
      ['open', 'in_progress'],
      ['in_progress', 'resolved'],
      ['resolved', 'verified'],
    ]);
    expect(audit[2]?.actor).toMatch(/^director/);
  });

  it('reopens a resolution that did not hold, clearing its date, and reopens a closed challenge', async () => {
    const { body } = await raise(as.leadA, { raised_on: '2025-01-02' });
    const id = body.id as number;
    const move = (to: string, extra: Record<string, unknown> = {}) =>
      as.leadA.send('POST', `/api/v1/challenges/${id}/status`, { to, ...extra });
    expect((await move('in_progress', { on: '2025-01-01' })).body.error.message).toMatch(
      /before its last status change \(2025-01-02\)/,
    );
    expect((await move('in_progress', { on: '2025-01-10' })).status).toBe(200);
    const early = await move('resolved', { resolution: 'done', on: '2025-01-05' });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(/before its last status change \(2025-01-10\)/);
    await move('resolved', { resolution: 'Agency cover', on: '2025-02-01' });
    const reopened = await move('in_progress', { note: 'Agency pulled out' });
    expect(reopened.body.resolved_on).toBeNull();
    expect(reopened.body.resolution).toBeNull();
    const closed = await move('closed', { reason: 'School is closing in July' });
    expect(closed.body.closed_reason).toBe('School is closing in July');
    const again = await move('open');
    expect(again.body.status).toBe('open');
    expect(again.body.closed_reason).toBeNull();
  });
});

describe('scope', () => {
  it('lets an area lead raise and run only their own area’s challenges; the director sees all', async () => {
    const forB = await raise(as.leadA, { units: ['S3'] });
    expect(forB.status).toBe(403);
    expect(forB.body.error.message).toMatch(/only for their own units; not S3/);

    const a = (await raise(as.leadA, { units: ['S1', 'S2'] })).body.id;
    const b = (await raise(as.leadB, { units: ['B'], title: 'Roof leaks at S4' })).body.id;
    expect((await as.leadB.get(`/api/v1/challenges/${a}`)).status).toBe(404);
    const edit = await as.leadB.send('PATCH', `/api/v1/challenges/${a}`, { priority: 'low' });
    expect(edit.status).toBe(404);
    expect(
      (await as.leadB.send('POST', `/api/v1/challenges/${a}/status`, { to: 'in_progress' })).status,
    ).toBe(404);

    // One challenge across both areas: each lead sees it; neither alone may change it; the director may.
    const both = (await raise(as.director, { units: ['A', 'B'], title: 'Teacher shortage' })).body.id;
    expect((await as.leadA.get(`/api/v1/challenges/${both}`)).status).toBe(200);
    const shared = await as.leadA.send('PATCH', `/api/v1/challenges/${both}`, { priority: 'low' });
    expect(shared.status).toBe(403);
    expect(shared.body.error.message).toMatch(/also affects B, outside their scope/);
    const assigned = await as.director.send('PATCH', `/api/v1/challenges/${both}`, { owner: 'P2' });
    expect(assigned.body).toMatchObject({ owner: { code: 'P2', name: 'Ann Lead' }, priority: 'high' });
    expect(assigned.body.timeline.map((t: { kind: string }) => t.kind)).toEqual(['raised', 'assigned']);
    // Once it is hers, the lead of A may work it.
    expect(
      (await as.leadA.send('POST', `/api/v1/challenges/${both}/status`, { to: 'in_progress' })).status,
    ).toBe(200);

    const ids = async (caller: Callers[keyof Callers]) =>
      ((await caller.get('/api/v1/challenges')).body.challenges as { id: number }[]).map((c) => c.id).sort();
    expect(await ids(as.director)).toEqual([a, b, both].sort());
    expect(await ids(as.leadA)).toEqual([a, both].sort());
    expect(await ids(as.leadB)).toEqual([b, both].sort());
    expect(await ids(as.headS1)).toEqual([a]);
    // An area filter counts a challenge on the area's schools as the area's.
    const inA = (await as.director.get('/api/v1/challenges?area=A')).body.challenges as {
      id: number;
      areas: string[];
    }[];
    expect(inA.map((c) => c.id).sort()).toEqual([a, both].sort());
    expect(inA.find((c) => c.id === a)?.areas).toEqual(['A']);
    expect((await as.leadA.send('DELETE', `/api/v1/challenges/${a}`)).status).toBe(403);
    expect((await as.director.send('DELETE', `/api/v1/challenges/${a}`)).status).toBe(204);
  });

  it('refuses unknown categories, people and units, and dates in the future, naming them', async () => {
    const bad = async (body: Record<string, unknown>) => (await raise(as.director, body)).body.error.message;
    expect(await bad({ category: 'weather' })).toMatch(
      /"weather" is not a category \(use one of staffing_gap,/,
    );
    expect(await bad({ owner: 'P99' })).toBe('P99 is not a person in the registry');
    expect(await bad({ units: ['S1', 'S9'] })).toBe('units: no school or area S9');
    expect(await bad({ raised_on: '2999-01-01' })).toMatch(/raised_on \(2999-01-01\) is after today/);
    expect(await bad({ raised_on: '2025-03-01', due_on: '2025-02-01' })).toMatch(
      /before the day it was raised/,
    );
    expect((await as.director.get('/api/v1/challenges')).body.challenges).toEqual([]);
  });
});

describe('recurring problems', () => {
  it('links the same problem in different areas into one system-wide issue', async () => {
    const inA = (await raise(as.director, { units: ['S1'], title: 'No maths teacher' })).body.id;
    const inB = (await raise(as.director, { units: ['S3'], title: 'Maths vacancy' })).body.id;
    const alsoB = (await raise(as.director, { units: ['S4'], title: 'Maths post unfilled' })).body.id;
    const linked = await as.director.send('POST', `/api/v1/challenges/${inA}/links`, {
      challenge: inB,
      title: 'Maths teacher shortage',
    });
    expect(linked.status).toBe(200);
    await as.director.send('POST', `/api/v1/challenges/${alsoB}/links`, { challenge: inA });
    await as.director.send('POST', `/api/v1/challenges/${alsoB}/status`, { to: 'closed', reason: 'Merged' });
    const { body } = await as.director.get('/api/v1/challenges/recurring');
    expect(body.problems).toEqual([
      expect.objectContaining({ title: 'Maths teacher shortage', challenges: 3, open: 2, areas: ['A', 'B'] }),
    ]);
    const detail = (await as.director.get(`/api/v1/challenges/${inA}`)).body;
    expect(detail.recurs_with.map((c: { id: number }) => c.id).sort()).toEqual([inB, alsoB].sort());
    // The lead of A sees the problem only through her own challenge.
    expect((await as.leadA.get('/api/v1/challenges/recurring')).body.problems).toEqual([
      expect.objectContaining({ challenges: 1, areas: ['A'] }),
    ]);
    expect((await as.director.send('DELETE', `/api/v1/challenges/${inB}/links`)).status).toBe(204);
    expect((await as.director.get('/api/v1/challenges/recurring')).body.problems[0].challenges).toBe(2);
  });
});

describe('export', () => {
  it('gives the filtered log as CSV and XLSX with one row per challenge', async () => {
    await raise(as.director, { units: ['S1'], title: 'Late, "quoted" title' });
    await raise(as.director, { units: ['S3'], title: 'Another' });
    const response = await as.director.request('/api/v1/challenges?format=csv&area=A');
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe(challengeColumns.join(','));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Late, ""quoted"" title",Staffing gap,high,open,A,S1');
    const xlsx = await as.director.request('/api/v1/challenges?format=xlsx');
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it('gives a title a spreadsheet would run as a formula as text: an apostrophe in CSV, a string cell in XLSX', async () => {
    const title = '=HYPERLINK("http://evil.example","x")';
    expect((await raise(as.headS1, { units: ['S1'], title })).status).toBe(201);
    const titleColumn = challengeColumns.indexOf('title');

    const csv = await as.director.request('/api/v1/challenges?format=csv');
    const [, row] = parse(await csv.text()) as string[][];
    expect(row?.[titleColumn]).toBe(`'${title}`);

    const xlsx = await as.director.request('/api/v1/challenges?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cell = (workbook.worksheets[0] as ExcelJS.Worksheet).getRow(2).getCell(titleColumn + 1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(title);
  });
});

describe('a challenge stays within the scope that raised it (found by probing, issue 14)', () => {
  it('is raised only at a meeting the caller may see', async () => {
    const meeting = await as.director.send('POST', '/api/v1/meetings', {
      kind: 'area_leads',
      held_on: '2026-11-10',
      period: '2026-10',
      attendees: ['P1', 'P2', 'P3'],
      draft: false,
    });
    const raise = (who: 'headS1' | 'leadA') =>
      as[who].send('POST', '/api/v1/challenges', {
        title: 'Boiler broken',
        category: 'other',
        units: ['S1'],
        meeting_id: meeting.body.id,
      });
    // The head is not at the authority's meeting: it is not found, as when read.
    const refused = await raise('headS1');
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toBe(`Meeting ${meeting.body.id} was not found`);
    const { body: raised } = await raise('leadA');
    // The head reads the challenge (it is their school's) but not which meeting it came from.
    expect((await as.headS1.get(`/api/v1/challenges/${raised.id}`)).body).toMatchObject({
      meeting_id: null,
      meeting: null,
    });
    expect((await as.leadA.get(`/api/v1/challenges/${raised.id}`)).body.meeting.id).toBe(meeting.body.id);
  });

  it('records the caller as who raised it, unless they run the meeting it was raised at', async () => {
    const spoofed = await raise(as.headS1, { raised_by: 'P1' });
    expect(spoofed.status).toBe(403);
    expect(spoofed.body.error.message).toMatch(/^raised_by: you may record only yourself/);
    expect((await raise(as.headS1, { raised_by: 'P4' })).status).toBe(201);
    // The chair of area A's meeting records what P4 raised there.
    const { body: meeting } = await as.leadA.send('POST', '/api/v1/meetings', {
      kind: 'area_leads',
      org_unit: 'A',
      held_on: '2026-11-12',
      period: '2026-10',
      chair: 'P2',
      attendees: ['P2', 'P4'],
      draft: false,
    });
    const recorded = await raise(as.leadA, { raised_by: 'P4', meeting_id: meeting.id });
    expect(recorded.status).toBe(201);
    expect((await as.leadA.get(`/api/v1/challenges/${recorded.body.id}`)).body.raised_by.code).toBe('P4');
  });

  it('an owner from another area works it but may not move it out of the area that raised it', async () => {
    const { body: raised } = await as.leadA.send('POST', '/api/v1/challenges', {
      title: 'Shared supply pool',
      category: 'teacher_deployment',
      units: ['S1'],
      owner: 'P3',
    });
    const moved = await as.leadB.send('PATCH', `/api/v1/challenges/${raised.id}`, { units: ['S3'] });
    expect(moved.status).toBe(403);
    expect(moved.body.error.message).toMatch(
      /may not move challenge \d+: it affects S1, outside their scope/,
    );
    expect(
      (await as.leadB.send('PATCH', `/api/v1/challenges/${raised.id}`, { priority: 'high' })).status,
    ).toBe(200);
    expect((await as.director.get(`/api/v1/challenges/${raised.id}`)).body.units).toEqual([
      expect.objectContaining({ code: 'S1' }),
    ]);
  });
});
