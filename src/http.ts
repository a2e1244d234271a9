// What every capability's routes share on the server: the request's variables (database, caller,
// context), the router that answers bad parameters in the one error shape, and the screen for input no
// route can store. The shapes themselves (error body, ids, dates) are in contract.ts.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Actor } from './auth/actor.ts';
import type { TrustedProxies } from './auth/client-address.ts';
import type { Settings } from './config.ts';
import type { Context } from './context.ts';
import type { Database } from './db/connection.ts';
import { HeadwayError } from './errors.ts';

export interface AppEnv {
  Variables: {
    database: Database;
    actor: Actor;
    settings: Settings;
    /** Set once the caller is known (every route but health, sign-in and the OpenAPI document). */
    context: Context;
    csrfToken?: string;
    trustedProxies?: TrustedProxies;
    /** HEADWAY_SECURE_COOKIES: mark the session cookie Secure though this server sees plain HTTP. */
    secureCookies?: boolean;
  };
}

const NUL = '\u0000';
// In a `u` pattern a surrogate pair is one code point, so this matches only a lone half of one.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Why PostgreSQL could not store this text (a NUL, or a lone surrogate that is no character), if so. */
function unstorable(text: string): string | null {
  if (text.includes(NUL)) return 'contains a NUL character (\\u0000), which text cannot hold; remove it';
  if (LONE_SURROGATE.test(text)) return 'contains half of a surrogate pair, which is no character; remove it';
  return null;
}

/** The path (`title`, `units.2`) of the first string or key in a JSON value that cannot be stored. */
function unstorablePath(value: unknown, path: string[] = []): [string, string] | null {
  if (typeof value === 'string') {
    const why = unstorable(value);
    return why ? [path.join('.') || 'body', why] : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const why = unstorable(key);
    if (why) return [[...path, key].join('.'), why];
    const found = unstorablePath(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

const refuse = (parameter: string, why: string) =>
  new HeadwayError('invalid', `${parameter}: ${why}`, [{ parameter, message: why }]);

/**
 * Inputs no route can store, refused once at the edge with a 400 before any route reads them: a NUL
 * character or a lone surrogate in the path, a query parameter or any string or key of a JSON body
 * (PostgreSQL text cannot hold them, so they would fail deep inside as a 500), and a JSON body that
 * does not parse. Each route's zod schema checks the rest; the only form body, an import, takes a file
 * and no text fields.
 */
export function screenInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const inPath = unstorable(c.req.path);
    if (inPath) throw refuse('path', inPath);
    for (const [name, values] of Object.entries(c.req.queries())) {
      const why = [name, ...values].map(unstorable).find((w) => w !== null);
      if (why) throw refuse(name, why);
    }
    const type = c.req.header('content-type') ?? '';
    if (/^application\/([a-z0-9.+-]*\+)?json/i.test(type)) {
      // Read from a copy: the route's own middleware (a body limit) and validator read the original.
      const text = await c.req.raw.clone().text();
      if (text.trim() !== '') {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (error) {
          throw new HeadwayError(
            'invalid',
            `body: is not valid JSON (${(error as Error).message}); send one JSON value`,
            [{ parameter: 'body', message: 'not valid JSON' }],
          );
        }
        const found = unstorablePath(body);
        if (found !== null) throw refuse(...found);
      }
    }
    await next();
  };
}

export function newRouter() {
  const router = new OpenAPIHono<AppEnv>({
    // Bad query or body parameters get the same error shape as everything else.
    defaultHook: (result) => {
      if (!result.success) {
        // A problem with the whole body (an array where an object belongs) is named "body".
        const whole = result.target === 'json' || result.target === 'form' ? 'body' : result.target;
        const issues = result.error.issues.map((i) => ({
          parameter: i.path.join('.') || whole,
          message: i.message,
        }));
        throw new HeadwayError(
          'invalid',
          issues.map((i) => `${i.parameter}: ${i.message}`).join('; '),
          issues,
        );
      }
    },
  });
  // A route's declared body is required unless the route says otherwise: a request with no body at all
  // is then checked as {} by the body's schema, where otherwise it would skip the schema and reach the
  // handler as an unchecked {}.
  const register = router.openapi;
  router.openapi = ((route: Parameters<typeof register>[0], ...rest: unknown[]) => {
    const body = route.request?.body;
    const checked = body
      ? { ...route, request: { ...route.request, body: { ...body, required: body.required ?? true } } }
      : route;
    return (register as (...args: unknown[]) => unknown)(checked, ...rest);
  }) as typeof register;
  return router;
}

/** An upload of at most `bytes`; a larger one is refused saying the limit ("The workbook is larger than 50 MB"). */
export const uploadLimit = (what: 'file' | 'workbook' | 'payload', bytes: number) =>
  bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new HeadwayError('invalid', `The ${what} is larger than ${Math.round(bytes / 1024 / 1024)} MB`);
    },
  });
