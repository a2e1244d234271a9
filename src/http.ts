// What every capability's routes share: the request context (database, caller), the error shape,
// and the parameters that recur (a date to read the registry on, paging).
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Actor } from './auth/actor.ts';
import type { TrustedProxies } from './auth/client-address.ts';
import type { Settings } from './config.ts';
import type { Database } from './db/connection.ts';
import { HeadwayError } from './errors.ts';

export { today } from './clock.ts';

export interface AppEnv {
  Variables: {
    database: Database;
    actor: Actor;
    settings: Settings;
    csrfToken?: string;
    trustedProxies?: TrustedProxies;
  };
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string(),
      details: z.unknown().openapi({
        description:
          'For a bad parameter: each parameter and why. For a rejected import: the first 1,000 problems ' +
          'with row and column (the ImportRejected shape)',
      }),
    }),
  })
  .openapi('Error');

export const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorBody } },
  description,
});

/** A JSON response of an OpenAPI route: its schema and what it means. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/**
 * A calendar date, YYYY-MM-DD: the pattern, and a day that exists (not 2026-13-45 or 2026-02-30) in a
 * year from 1000 on (PostgreSQL has no year 0, and no school record is older).
 */
export const IsoDate = z
  .string()
  .regex(/^[1-9]\d{3}-\d{2}-\d{2}$/, 'use YYYY-MM-DD (a year from 1000)')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, 'is not a date (use YYYY-MM-DD)');

export const AsOfQuery = z.object({
  as_of: IsoDate.optional().openapi({
    description: 'Read the registry as on this date (default: today)',
    example: '2026-11-23',
  }),
});

/** The largest id or count a PostgreSQL integer column holds: bigger numbers are refused at the edge. */
export const MAX_INT = 2_147_483_647;

/** A row id in a JSON body: a positive integer that fits the database's integer ids. */
export const RowId = z.number().int().positive().max(MAX_INT);

/** A row id in a path or query, where it arrives as text. */
export const RowIdText = z.coerce.number().int().positive().max(MAX_INT);

/** The `{id}` of a path. */
export const IdParam = z.object({ id: RowIdText });

/**
 * A comma-separated query parameter of known values, e.g. `status=open,in_progress`: documented as an
 * array of the values (style form, not exploded); an empty one is no filter.
 */
export const commaList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .preprocess((value) => {
      if (typeof value !== 'string') return value;
      const parts = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return parts.length > 0 ? parts : undefined;
    }, z.array(z.enum(values)).optional())
    .openapi({ param: { style: 'form', explode: false } });

/** For a PATCH body's refine: an edit that names no field is a mistake, not a change. */
export const someField: [(body: object) => boolean, string] = [
  (body) => Object.keys(body).length > 0,
  'send at least one field to change',
];

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
