// What the offline form keeps on the device, in IndexedDB (written by hand: two object stores need no
// library): drafts as they are typed, one per form ("new", or "edit-<id>"), and the outbox of visits
// waiting to sync. Clearing the device's data removes both and the worker's kept API answers.
import type { OutboxItem, VisitDraft } from './outbox.ts';

const NAME = 'headway-offline';
type Store = 'drafts' | 'outbox';

export interface StoredDraft {
  key: string;
  user: string;
  draft: VisitDraft;
  /** An edit: the version the visit was read at. */
  version?: number;
  visit_id?: number;
  /** A new visit: the client_id it will be recorded under, kept with the draft. */
  client_id?: string;
  saved_at: string;
}

let opened: Promise<IDBDatabase> | undefined;
function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('drafts', { keyPath: 'key' });
      request.result.createObjectStore('outbox', { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run<T>(
  store: Store,
  mode: IDBTransactionMode,
  act: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const request = act(db.transaction(store, mode).objectStore(store));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export const outbox = {
  all: () => run<OutboxItem[]>('outbox', 'readonly', (s) => s.getAll()),
  get: (key: string) => run<OutboxItem | undefined>('outbox', 'readonly', (s) => s.get(key)),
  put: (item: OutboxItem) => run('outbox', 'readwrite', (s) => s.put(item)),
  remove: (key: string) => run('outbox', 'readwrite', (s) => s.delete(key)),
};

export const drafts = {
  get: (key: string) => run<StoredDraft | undefined>('drafts', 'readonly', (s) => s.get(key)),
  put: (draft: StoredDraft) => run('drafts', 'readwrite', (s) => s.put(draft)),
  remove: (key: string) => run('drafts', 'readwrite', (s) => s.delete(key)),
};

/** Removes everything the offline form keeps on this device: drafts, the outbox and the kept answers. */
export async function clearDevice(): Promise<void> {
  await run('drafts', 'readwrite', (s) => s.clear());
  await run('outbox', 'readwrite', (s) => s.clear());
  await forgetKeptAnswers();
}

/** The worker's kept session and form data: gone on signing out, so the next person starts clean. */
export async function forgetKeptAnswers(): Promise<void> {
  if ('caches' in window) await caches.delete('headway-data');
}
