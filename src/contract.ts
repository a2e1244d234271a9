// The API's shared vocabulary, with no server code: the error body, ids, dates, flags and lists that
// every capability's contract (src/<capability>/contract.ts) uses. The web imports its types from here.
import { z } from '@hono/zod-openapi';

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

/** A JSON request body of a route: its schema. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

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

/** A yes/no query parameter, `true` or `false` (absent: the route's default). */
export const QueryFlag = z.enum(['true', 'false']);

/** `?dry_run=true`: check and count everything, write nothing. */
export const DryRunQuery = z.object({
  dry_run: QueryFlag.optional().openapi({ description: 'Check and count, then write nothing' }),
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

/**
 * The JSON a route answers with when it succeeds (200 or 201), read from its contract: the web types
 * each call as `getJson<Answer<typeof listNeedsRoute>>(...)` and so restates no shape.
 */
export type Answer<Route> = Route extends {
  responses: { 200: { content: { 'application/json': { schema: infer Schema extends z.ZodType } } } };
}
  ? z.output<Schema>
  : Route extends {
        responses: { 201: { content: { 'application/json': { schema: infer Schema extends z.ZodType } } } };
      }
    ? z.output<Schema>
    : never;

/** The JSON body a route takes, read from its contract. */
export type Body<Route> = Route extends {
  request: { body: { content: { 'application/json': { schema: infer Schema extends z.ZodType } } } };
}
  ? z.input<Schema>
  : never;
