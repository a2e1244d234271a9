// What every capability's routes share: the request context (database, caller), the error shape,
// and the parameters that recur (a date to read the registry on, paging).
import { OpenAPIHono, z } from '@hono/zod-openapi';
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
      details: z
        .unknown()
        .openapi({ description: 'For a rejected import: every problem with its row and column' }),
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

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const AsOfQuery = z.object({
  as_of: IsoDate.optional().openapi({
    description: 'Read the registry as on this date (default: today)',
    example: '2026-11-23',
  }),
});

export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    // Bad query or body parameters get the same error shape as everything else.
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ parameter: i.path.join('.'), message: i.message }));
        throw new HeadwayError(
          'invalid',
          issues.map((i) => `${i.parameter}: ${i.message}`).join('; '),
          issues,
        );
      }
    },
  });
}
