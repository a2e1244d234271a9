// The HTTP API for installation settings: the authority's own words for its structure.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from '../contract.ts';
import { newRouter } from '../http.ts';
import { getTerms, setTerms, TermsChange } from './terminology.ts';

const Terms = z.record(z.string(), z.string()).openapi('Terms');

export const settingsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/terminology',
      tags: ['settings'],
      summary: 'The words this authority uses (area, area lead, ...)',
      responses: { 200: { content: { 'application/json': { schema: Terms } }, description: 'The words' } },
    }),
    async (c) => c.json(await getTerms(c.var.database.db), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/terminology',
      tags: ['settings'],
      summary: 'Change some of the words (admin), e.g. {"area": "LGEA", "area_lead": "Education Secretary"}',
      request: { body: { content: { 'application/json': { schema: TermsChange } } } },
      responses: {
        200: { content: { 'application/json': { schema: Terms } }, description: 'The words now' },
        403: errorResponse('Not an admin'),
      },
    }),
    async (c) => c.json(await setTerms(c.var.database.db, c.var.actor, c.req.valid('json')), 200),
  );
