// The offline form's pure rules (web/src/offline/outbox.ts): what is sent, when a failed sync tries
// again, what each answer means for a waiting visit, and how a conflict is laid out and merged.
import { expect, test } from 'vitest';
import {
  backoffMs,
  conflictFields,
  dueItems,
  editBody,
  mergeDrafts,
  type OutboxItem,
  outcomeOf,
  recordBody,
  type VisitDraft,
} from '../web/src/offline/outbox.ts';

const mine: VisitDraft = {
  school: 'S1',
  visit_on: '2026-11-20',
  visit_type: 'supervision',
  visitors: ['P2'],
  rubric: 'LEADERSHIP',
  purpose: '',
  strengths: 'Mine',
  development: 'Same',
  levels: { VIS1: '3', DAT1: '2' },
  evidence: { VIS1: 'Aims named' },
  actions: [
    { title: 'Name pupils', owner: 'P4', due_on: '2027-01-31' },
    { title: '  ', owner: '', due_on: '' },
  ],
};
const theirs: VisitDraft = {
  ...mine,
  strengths: 'Theirs',
  levels: { VIS1: '4' },
  evidence: { VIS1: 'Assembly' },
  actions: [],
};

test('a new visit is sent with its client_id, its scores and only the actions with a title', () => {
  const body = recordBody(mine, 'abc-12345678');
  expect(body.client_id).toBe('abc-12345678');
  expect(body.scores).toEqual([
    { criterion: 'VIS1', level: 3, evidence: 'Aims named' },
    { criterion: 'DAT1', level: 2, evidence: '' },
  ]);
  expect(body.actions).toEqual([{ title: 'Name pupils', owner: 'P4', due_on: '2027-01-31' }]);
  const edit = editBody(mine, 4);
  expect(edit.version).toBe(4);
  expect('school' in edit || 'actions' in edit || 'client_id' in edit).toBe(false);
});

test('backoff doubles from 2 s to at most 5 minutes', () => {
  expect([1, 2, 3, 4, 10, 30].map(backoffMs)).toEqual([2000, 4000, 8000, 16_000, 300_000, 300_000]);
});

test('an answer: recorded, a conflict (an edit only), refused for good, or try again', () => {
  expect(outcomeOf('record', 201)).toBe('synced');
  expect(outcomeOf('edit', 200)).toBe('synced');
  expect(outcomeOf('edit', 409)).toBe('conflict');
  expect(outcomeOf('record', 409)).toBe('refused'); // a client_id already used for another school
  expect(outcomeOf('record', 400)).toBe('refused');
  expect(outcomeOf('record', 403)).toBe('refused');
  expect(outcomeOf('record', null)).toBe('retry'); // no connection
  expect(outcomeOf('record', 503)).toBe('retry');
  expect(outcomeOf('record', 401)).toBe('retry'); // signed out: waits to be signed in again
});

test('only the user’s own waiting items whose backoff is over are due, oldest first', () => {
  const item = (key: string, part: Partial<OutboxItem>): OutboxItem => ({
    key,
    user: 'a',
    kind: 'record',
    label: key,
    draft: mine,
    state: 'waiting',
    attempts: 0,
    next_at: 0,
    message: '',
    queued_at: key,
    ...part,
  });
  const items = [
    item('3', {}),
    item('1', {}),
    item('2', { next_at: 5000 }),
    item('4', { user: 'b' }),
    item('5', { state: 'conflict' }),
  ];
  expect(dueItems(items, 'a', 1000).map((i) => i.key)).toEqual(['1', '3']);
  expect(dueItems(items, 'a', 6000).map((i) => i.key)).toEqual(['1', '2', '3']);
});

test('a conflict lists every field side by side; a merge takes each field from the side chosen', () => {
  const fields = conflictFields(mine, theirs, (c) => `Criterion ${c}`);
  const differing = fields.filter((f) => !f.same).map((f) => [f.label, f.mine, f.theirs]);
  expect(differing).toEqual([
    ['Strengths', 'Mine', 'Theirs'],
    ['Criterion VIS1', '3 — Aims named', '4 — Assembly'],
    ['Criterion DAT1', '2', 'not scored'],
  ]);
  const merged = mergeDrafts(mine, theirs, { 'score:VIS1': 'theirs', 'score:DAT1': 'theirs' });
  expect(merged.strengths).toBe('Mine'); // not chosen: the person's own
  expect(merged.levels).toEqual({ VIS1: '4' });
  expect(merged.evidence).toEqual({ VIS1: 'Assembly' });
  expect(mergeDrafts(mine, theirs, { strengths: 'theirs' }).strengths).toBe('Theirs');
});

test('a conflict names the visitors, not their codes', () => {
  const names: Record<string, string> = { P1: 'Ada Obi', P2: 'Ben Ruto' };
  const fields = conflictFields(
    { ...mine, visitors: ['P2'] },
    { ...theirs, visitors: ['P1', 'P2'] },
    undefined,
    (c) => names[c] ?? c,
  );
  const visitors = fields.find((f) => f.key === 'visitors');
  expect([visitors?.mine, visitors?.theirs, visitors?.same]).toEqual([
    'Ben Ruto',
    'Ada Obi, Ben Ruto',
    false,
  ]);
});
