// People to enrol, found by name: those with a post held today at a school the caller sees, each with
// the school and post, so a director or area lead picks a person by name rather than typing a code.
import { createRoute, z } from '@hono/zod-openapi';
import { jsonResponse } from '../contract.ts';

export const PeopleQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'type at least 2 letters of a name or code')
    .max(80)
    .openapi({ description: 'Part of a name or a code' }),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const EnrolablePerson = z
  .object({
    code: z.string(),
    name: z.string().openapi({ description: 'Name, post and school, as a picker shows it' }),
    school: z.string(),
    school_name: z.string(),
    role: z.string(),
  })
  .openapi('EnrolablePerson');
export type EnrolablePerson = z.infer<typeof EnrolablePerson>;

export const enrolablePeopleRoute = createRoute({
  method: 'get',
  path: '/programmes/people',
  tags: ['programmes'],
  summary: 'People to enrol in a cohort, by part of a name or code (20 at most, in the caller’s schools)',
  request: { query: PeopleQuery },
  responses: { 200: jsonResponse(z.object({ people: z.array(EnrolablePerson) }), 'Matching people') },
});
