// What the visit form needs to work with no connection, in one answer the offline worker keeps: the
// schools the caller may visit, the people who can be visitors or own an agreed action, and every
// current rubric whole (levels and evidence prompts). Nothing pupil-level.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';
import { Rubric } from './contract.ts';

export const VisitFormData = z
  .object({
    schools: z.array(z.object({ code: z.string(), name: z.string(), area: z.string().nullable() })),
    people: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        visitor: z
          .boolean()
          .openapi({ description: 'Holds a role that records visits (area lead, director)' }),
        schools: z.array(z.string()).openapi({ description: 'Schools in scope where they hold a post' }),
      }),
    ),
    rubrics: z.array(Rubric),
  })
  .openapi('VisitFormData');
export type VisitFormData = z.infer<typeof VisitFormData>;

export const visitFormDataRoute = createRoute({
  method: 'get',
  path: '/visits/form',
  tags: ['visits'],
  summary:
    'What the visit form offers, for use offline: schools in scope, visitors and post holders, current rubrics whole',
  responses: {
    200: jsonResponse(VisitFormData, 'Schools by name, people by family name, rubrics by code'),
    403: errorResponse('Only area leads and the director record visits'),
  },
});
