// Talks to Headway's API: JSON reads, changes carrying the session's CSRF token, and the error shape
// turned into a message the page can show. A 401 means the session ended: the app asks to sign in.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: unknown = null,
    /** For a rejected import: how many problems, and those not in details counted by column and reason. */
    readonly problems: unknown = null,
  ) {
    super(message);
  }
}

let csrfToken = '';
export function setCsrfToken(token: string) {
  csrfToken = token;
}

let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void) {
  onSignedOut = handler;
}

async function answer<T>(response: Response): Promise<T> {
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) onSignedOut();
    throw new ApiError(
      response.status,
      body?.error?.message ?? `The server answered ${response.status}`,
      body?.error?.details ?? null,
      body?.error?.problems ?? null,
    );
  }
  return body as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { accept: 'application/json' } }));
}

export async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const isForm = body instanceof FormData;
  const response = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      'x-csrf-token': csrfToken,
      ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  return answer<T>(response);
}

export const words = (term: string) => term.replace(/_/g, ' ');
export const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');
