// Who is calling: a bearer API token, or the session cookie set at sign-in. Unauthenticated calls get
// 401; a state-changing call made with the cookie must also carry the session's CSRF token, which a
// page on another site cannot read.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HeadwayError } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { clientAddressFrom, noTrustedProxies } from './client-address.ts';
import { sessionFor } from './sessions.ts';
import { actorForToken } from './tokens.ts';

export const SESSION_COOKIE = 'headway_session';
const CSRF_HEADER = 'x-csrf-token';

/** API paths anyone may call (relative to /api/v1). */
const PUBLIC_PATHS = new Set(['/health', '/auth/sign-in', '/openapi.json']);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The client's address: the connecting peer, or X-Forwarded-For when the peer is a trusted proxy. */
export function clientAddress(c: Context<AppEnv>): string | null {
  let peer: string | null;
  try {
    peer = getConnInfo(c).remote.address ?? null;
  } catch {
    peer = null; // called without a socket (in-process requests in tests)
  }
  return clientAddressFrom(peer, c.req.header('x-forwarded-for'), c.var.trustedProxies ?? noTrustedProxies);
}

export function authenticate(apiPrefix: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path.slice(apiPrefix.length))) return next();
    const db = c.var.database.db;
    const authorization = c.req.header('authorization');
    if (authorization) {
      const [scheme, token] = authorization.split(/\s+/, 2);
      const actor = scheme?.toLowerCase() === 'bearer' && token ? await actorForToken(db, token) : null;
      if (!actor)
        throw new HeadwayError(
          'unauthenticated',
          'The API token is not valid (unknown, revoked, expired, or its account disabled)',
        );
      c.set('actor', actor);
      return next();
    }
    const secret = getCookie(c, SESSION_COOKIE);
    const session = secret ? await sessionFor(db, secret) : null;
    if (!session) throw new HeadwayError('unauthenticated', 'Sign in first (or send an API token)');
    if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrfToken) {
      throw new HeadwayError(
        'forbidden',
        `A change made with the session cookie needs the ${CSRF_HEADER} header from GET /auth/session`,
      );
    }
    c.set('actor', session.actor);
    c.set('csrfToken', session.csrfToken);
    return next();
  };
}
