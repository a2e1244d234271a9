// The settings API's shapes and routes: the words an authority uses for its own structure.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';
import { termKeys } from './terms.ts';

export const Terms = z.record(z.string(), z.string()).openapi('Terms');
export type Terms = z.infer<typeof Terms>;

/** Some of the words, each 1 to 60 characters; a key that is not a term is refused. */
export const TermsChange = z
  .object(Object.fromEntries(termKeys.map((k) => [k, z.string().trim().min(1).max(60).optional()])))
  .strict();
export type TermsChange = z.infer<typeof TermsChange>;

export const getTermsRoute = createRoute({
  method: 'get',
  path: '/terminology',
  tags: ['settings'],
  summary: 'The words this authority uses (area, area lead, ...)',
  responses: { 200: jsonResponse(Terms, 'The words') },
});

export const setTermsRoute = createRoute({
  method: 'put',
  path: '/terminology',
  tags: ['settings'],
  summary: 'Change some of the words (admin), e.g. {"area": "LGEA", "area_lead": "Education Secretary"}',
  request: { body: { content: { 'application/json': { schema: TermsChange } } } },
  responses: {
    200: jsonResponse(Terms, 'The words now'),
    403: errorResponse('Not an admin'),
  },
});
