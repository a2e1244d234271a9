// A person's browser, for the pages bench: signs in over real HTTP and sends the session cookie (and on
// changes the CSRF token) as the web app does; every timing runs from sending the request to the last
// byte of the body, so the server's serialization, gzip and the network stack all count.
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';

export interface Timed {
  ms: number;
  status: number;
  /** The body's length as the client reads it (unzipped). */
  bytes: number;
}

export interface Client {
  email: string;
  origin: string;
  /** The headers that carry the session, for loops that call fetch themselves. */
  headers: Record<string, string>;
  latestMonth: string | null;
  get(url: string): Promise<Timed>;
  json<T>(url: string): Promise<T>;
  /** POST /api/v1/imports/data-values with a CSV file, as the Data page does. */
  importDataValues(csv: string): Promise<Timed>;
}

export async function timedFetch(url: string, init: RequestInit = {}): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status, bytes: body.byteLength };
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('headway_session='));
  if (!cookie) throw new Error('sign-in answered without a session cookie');
  return cookie.split(';')[0] as string;
}

export async function signIn(origin: string, email: string): Promise<Client> {
  const response = await fetch(`${origin}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`);
  const session = (await response.json()) as { csrf_token: string; latest_month: string | null };
  const headers = { cookie: sessionCookie(response), accept: 'application/json' };
  return {
    email,
    origin,
    headers,
    latestMonth: session.latest_month,
    get: (url) => timedFetch(`${origin}${url}`, { headers }),
    async json<T>(url: string) {
      const answer = await fetch(`${origin}${url}`, { headers });
      if (answer.status !== 200)
        throw new Error(`GET ${url} as ${email}: ${answer.status} ${await answer.text()}`);
      return (await answer.json()) as T;
    },
    async importDataValues(csv) {
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench-change.csv');
      const timed = await timedFetch(`${origin}/api/v1/imports/data-values?dry_run=false`, {
        method: 'POST',
        headers: { ...headers, 'x-csrf-token': session.csrf_token },
        body: form,
      });
      if (timed.status !== 200) throw new Error(`import as ${email}: ${timed.status}`);
      return timed;
    },
  };
}
