// The offline form's rules, kept pure so they are tested without a browser: what a draft sends, how
// long a failed sync waits before the next try, what an answer means for a waiting visit, and how a
// conflict is shown and merged field by field.
import type { Answer, Body } from '../../../src/contract.ts';
import type { recordVisitRoute, updateVisitRoute, visitRoute } from '../../../src/visits/contract.ts';

type RecordBody = Body<typeof recordVisitRoute>;
type EditBody = Body<typeof updateVisitRoute>;
type VisitAnswer = Answer<typeof visitRoute>;

export interface ActionDraft {
  title: string;
  owner: string;
  due_on: string;
}

/** The form as typed: kept on the device as a draft, and what a queued visit is made from. */
export interface VisitDraft {
  school: string;
  visit_on: string;
  visit_type: RecordBody['visit_type'];
  visitors: string[];
  rubric: string;
  purpose: string;
  strengths: string;
  development: string;
  levels: Record<string, string>;
  evidence: Record<string, string>;
  actions: ActionDraft[];
}

/** A visit waiting on the device: a new one to record, or a change to one already recorded. */
export interface OutboxItem {
  /** The visit's client_id (a new visit) or a key of the change (an edit): the store's key. */
  key: string;
  /** Who queued it: only they sync it, under their own session. */
  user: string;
  kind: 'record' | 'edit';
  /** What the person sees: the school and day. */
  label: string;
  draft: VisitDraft;
  /** An edit: the visit and the version it was read at. */
  visit_id?: number;
  version?: number;
  state: 'waiting' | 'conflict' | 'refused';
  attempts: number;
  /** When to try next (ms since 1970); 0: at once. */
  next_at: number;
  message: string;
  /** A conflict: the visit as it now is on the server. */
  theirs?: { version: number; draft: VisitDraft };
  queued_at: string;
}

/** What the API is sent for a new visit: its client_id makes a repeated post answer the same visit. */
export function recordBody(draft: VisitDraft, clientId: string): RecordBody {
  return {
    client_id: clientId,
    school: draft.school,
    visit_on: draft.visit_on,
    visit_type: draft.visit_type,
    visitors: draft.visitors,
    rubric: draft.rubric ? { code: draft.rubric } : undefined,
    purpose: draft.purpose,
    strengths: draft.strengths,
    development: draft.development,
    scores: scoresOf(draft),
    actions: draft.actions
      .filter((a) => a.title.trim())
      .map((a) => ({ title: a.title.trim(), owner: a.owner || undefined, due_on: a.due_on || undefined })),
  };
}

/** What the API is sent for a change to a recorded visit, against the version it was read at. */
export function editBody(draft: VisitDraft, version: number): EditBody {
  const { client_id: _c, school: _s, actions: _a, ...rest } = recordBody(draft, '');
  return { ...rest, status: 'recorded', version };
}

function scoresOf(draft: VisitDraft) {
  return Object.entries(draft.levels)
    .filter(([, level]) => level)
    .map(([criterion, level]) => ({
      criterion,
      level: Number(level),
      evidence: draft.evidence[criterion] ?? '',
    }));
}

/** A recorded visit as the form holds it (its actions are not edited here: they live in the actions list). */
export function draftOf(visit: VisitAnswer): VisitDraft {
  return {
    school: visit.school.code,
    visit_on: visit.visit_on,
    visit_type: visit.visit_type,
    visitors: visit.visitors.map((p) => p.code),
    rubric: visit.rubric?.code ?? '',
    purpose: visit.purpose,
    strengths: visit.strengths,
    development: visit.development,
    levels: Object.fromEntries(visit.scores.map((s) => [s.criterion, String(s.level)])),
    evidence: Object.fromEntries(
      visit.scores.filter((s) => s.evidence).map((s) => [s.criterion, s.evidence]),
    ),
    actions: [],
  };
}

/** The wait before try `attempts` + 1: 2 s doubling to at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5 * 60_000, 2000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * What an answer means for a waiting visit: recorded; a conflict to resolve (a change refused because
 * the visit changed since); refused for good (bad input, no longer allowed: the person must act); or
 * try again later (no connection, the server failing, the session ended and not yet signed in again).
 */
export function outcomeOf(
  kind: OutboxItem['kind'],
  status: number | null,
): 'synced' | 'conflict' | 'refused' | 'retry' {
  if (status === null || status >= 500 || status === 401 || status === 408 || status === 429) return 'retry';
  if (status >= 200 && status < 300) return 'synced';
  if (status === 409 && kind === 'edit') return 'conflict';
  return 'refused';
}

/** The items due a try now, oldest first: waiting, and their backoff over. */
export function dueItems(items: OutboxItem[], user: string, now: number): OutboxItem[] {
  return items
    .filter((i) => i.user === user && i.state === 'waiting' && i.next_at <= now)
    .sort((a, b) => a.queued_at.localeCompare(b.queued_at));
}

/** One field of a visit as a conflict shows it: both sides' values in words, and whether they differ. */
export interface ConflictField {
  key: string;
  label: string;
  mine: string;
  theirs: string;
  same: boolean;
}

const textFields = [
  ['visit_on', 'Date'],
  ['visit_type', 'Type'],
  ['purpose', 'Purpose'],
  ['strengths', 'Strengths'],
  ['development', 'Areas for development'],
] as const;

const scoreText = (d: VisitDraft, criterion: string) => {
  const level = d.levels[criterion];
  if (!level) return 'not scored';
  const evidence = d.evidence[criterion];
  return evidence ? `${level} — ${evidence}` : level;
};

/** Every field of both versions, side by side: the text fields, the visitors, then each criterion's score. */
export function conflictFields(
  mine: VisitDraft,
  theirs: VisitDraft,
  criterionName: (code: string) => string = (c) => c,
  personName: (code: string) => string = (c) => c,
): ConflictField[] {
  const rows: ConflictField[] = textFields.map(([key, label]) => ({
    key,
    label,
    mine: mine[key],
    theirs: theirs[key],
    same: mine[key] === theirs[key],
  }));
  const visitors = (d: VisitDraft) => d.visitors.map(personName).sort().join(', ');
  rows.push({
    key: 'visitors',
    label: 'Visitors',
    mine: visitors(mine),
    theirs: visitors(theirs),
    same: visitors(mine) === visitors(theirs),
  });
  const criteria = [...new Set([...Object.keys(mine.levels), ...Object.keys(theirs.levels)])].filter(
    (c) => mine.levels[c] || theirs.levels[c],
  );
  for (const c of criteria) {
    const a = scoreText(mine, c);
    const b = scoreText(theirs, c);
    rows.push({ key: `score:${c}`, label: criterionName(c), mine: a, theirs: b, same: a === b });
  }
  return rows;
}

/** The visit made of each field's chosen side (a field not chosen keeps the person's own). */
export function mergeDrafts(
  mine: VisitDraft,
  theirs: VisitDraft,
  take: Record<string, 'mine' | 'theirs'>,
): VisitDraft {
  const from = (key: string) => (take[key] === 'theirs' ? theirs : mine);
  const merged: VisitDraft = { ...mine, levels: {}, evidence: {} };
  for (const [key] of textFields) (merged[key] as string) = from(key)[key];
  merged.visitors = from('visitors').visitors;
  const criteria = new Set([...Object.keys(mine.levels), ...Object.keys(theirs.levels)]);
  for (const c of criteria) {
    const side = from(`score:${c}`);
    if (side.levels[c]) merged.levels[c] = side.levels[c];
    if (side.evidence[c]) merged.evidence[c] = side.evidence[c];
  }
  merged.rubric = mine.rubric || theirs.rubric;
  return merged;
}

/** A failed try in words: how many, and why ("no connection" for the browser's bare network error). */
export function triedText(item: Pick<OutboxItem, 'attempts' | 'message'>): string {
  const times = item.attempts === 1 ? 'once' : `${item.attempts} times`;
  const why = /fetch|network|offline/i.test(item.message) ? 'no connection' : item.message;
  return `tried ${times}: ${why}`;
}
