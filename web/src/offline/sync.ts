// Sends the outbox: at once when a visit is queued, when the connection returns (the online event)
// and on a timer that honours each item's backoff. A new visit is posted with its client_id, so a post
// that reached the server before the connection dropped answers the same visit, not a second one. An
// edit refused with 409 becomes a conflict holding the server's version, for the person to resolve.
import { useEffect, useSyncExternalStore } from 'react';
import type { Answer } from '../../../src/contract.ts';
import type { visitRoute } from '../../../src/visits/contract.ts';
import { ApiError, getJson, send } from '../api.ts';
import { outbox } from './device.ts';
import { backoffMs, draftOf, dueItems, editBody, type OutboxItem, outcomeOf, recordBody } from './outbox.ts';

interface SyncOutcome {
  key: string;
  label: string;
  outcome: 'synced' | 'conflict' | 'refused';
  message: string;
  visit_id?: number;
}

interface SyncState {
  items: OutboxItem[];
  outcomes: SyncOutcome[];
}

let state: SyncState = { items: [], outcomes: [] };
const listeners = new Set<() => void>();
let currentUser = '';

function publish(change: Partial<SyncState>) {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

/** Reads the outbox again (after a change made elsewhere, such as queueing a visit). */
export async function refreshOutbox(): Promise<void> {
  const items = (await outbox.all()).filter((i) => i.user === currentUser);
  publish({ items: items.sort((a, b) => a.queued_at.localeCompare(b.queued_at)) });
}

function report(outcome: SyncOutcome) {
  publish({ outcomes: [outcome, ...state.outcomes.filter((o) => o.key !== outcome.key)].slice(0, 10) });
}

async function sendOne(item: OutboxItem): Promise<void> {
  try {
    if (item.kind === 'record') {
      const { id } = await send<{ id: number }>('POST', '/api/v1/visits', recordBody(item.draft, item.key));
      await outbox.remove(item.key);
      report({ key: item.key, label: item.label, outcome: 'synced', message: 'Recorded', visit_id: id });
    } else {
      await send('PUT', `/api/v1/visits/${item.visit_id}`, editBody(item.draft, item.version ?? 0));
      await outbox.remove(item.key);
      report({
        key: item.key,
        label: item.label,
        outcome: 'synced',
        message: 'Saved',
        visit_id: item.visit_id,
      });
    }
  } catch (error) {
    const status = error instanceof ApiError ? error.status : null;
    const outcome = outcomeOf(item.kind, status);
    const message = error instanceof Error ? error.message : String(error);
    if (outcome === 'retry') {
      const attempts = item.attempts + 1;
      await outbox.put({ ...item, attempts, next_at: Date.now() + backoffMs(attempts), message });
    } else if (outcome === 'conflict') {
      const theirs = await getJson<Answer<typeof visitRoute>>(`/api/v1/visits/${item.visit_id}`);
      await outbox.put({
        ...item,
        state: 'conflict',
        message,
        theirs: { version: theirs.version, draft: draftOf(theirs) },
      });
      report({
        key: item.key,
        label: item.label,
        outcome,
        message: 'Changed by someone else meanwhile: choose what to keep',
        visit_id: item.visit_id,
      });
    } else {
      await outbox.put({ ...item, state: 'refused', message });
      report({ key: item.key, label: item.label, outcome: 'refused', message });
    }
  }
}

let running: Promise<void> | null = null;
/** Tries every item that is due, one after another; a second call while one runs waits for it. */
export function syncNow(force = false): Promise<void> {
  running ??= (async () => {
    try {
      const now = force ? Number.POSITIVE_INFINITY : Date.now();
      for (const item of dueItems(await outbox.all(), currentUser, now)) await sendOne(item);
    } finally {
      running = null;
      await refreshOutbox();
    }
  })();
  return running;
}

/**
 * Asks, through the worker, for the two answers it keeps (the session, and the form's data for those
 * who record visits), so the form opens offline after one online visit to any page.
 */
function warmKeptAnswers(recordsVisits: boolean) {
  if (!navigator.onLine || !navigator.serviceWorker?.controller) return;
  const kept = ['/api/v1/auth/session', ...(recordsVisits ? ['/api/v1/visits/form'] : [])];
  for (const url of kept) void fetch(url, { headers: { accept: 'application/json' } }).catch(() => undefined);
}

/** Keeps the outbox moving for the signed-in user while the app is open. */
export function useOutboxSync(user: string, recordsVisits: boolean): void {
  useEffect(() => {
    const warm = () => warmKeptAnswers(recordsVisits);
    warm();
    navigator.serviceWorker?.addEventListener('controllerchange', warm);
    return () => navigator.serviceWorker?.removeEventListener('controllerchange', warm);
  }, [recordsVisits]);
  useEffect(() => {
    currentUser = user;
    const onOnline = () => void syncNow(true);
    void refreshOutbox().then(() => syncNow());
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void syncNow();
    }, 3000);
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [user]);
}

/** The outbox and the latest outcomes, re-rendered as they change. */
export function useOutbox(): SyncState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

/** Puts a visit in the outbox and tries to send it at once. */
export async function queue(
  item: Omit<OutboxItem, 'user' | 'attempts' | 'next_at' | 'state' | 'message' | 'queued_at'>,
): Promise<void> {
  await outbox.put({
    ...item,
    user: currentUser,
    attempts: 0,
    next_at: 0,
    state: 'waiting',
    message: '',
    queued_at: new Date().toISOString(),
  });
  await refreshOutbox();
  if (navigator.onLine) void syncNow();
}
