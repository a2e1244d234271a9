// The settings API's shapes and routes: the words an authority uses for its own structure.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonBody, jsonResponse } from '../contract.ts';

const Terms = z.record(z.string(), z.string()).openapi('Terms');

const Word = z.string().trim().min(1).max(60).optional();

/**
 * Some of the words; a key that is not a term is refused. The keys are Headway's terms (settings/terms.ts
 * holds their defaults, checked against these keys by the compiler).
 */
export const TermsChange = z
  .object({
    authority: Word,
    area: Word,
    areas: Word,
    area_lead: Word,
    cluster: Word,
    director: Word,
    headteacher: Word,
  })
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
  request: { body: jsonBody(TermsChange) },
  responses: {
    200: jsonResponse(Terms, 'The words now'),
    403: errorResponse('Not an admin'),
  },
});
