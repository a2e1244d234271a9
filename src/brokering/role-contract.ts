// The system-leader role catalogue: each role's name, who may hold it (as rule parameters the match
// checks), which kinds of need it meets, its funded days and limits. The authority edits the parameters;
// the roles themselves are the designation kinds the registry imports.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonBody, jsonResponse, someField } from '../contract.ts';
import { needKinds } from './contract.ts';

export const LeaderRole = z
  .object({
    code: z.string().openapi({ description: 'The designation kind that names the role', example: 'lle' }),
    name: z.string().min(1).max(120),
    description: z.string().max(1000),
    meets: z
      .array(z.enum(needKinds))
      .openapi({ description: 'The kinds of need a holder may meet (none: a qualification)' }),
    funded_days: z
      .number()
      .min(0)
      .max(366)
      .openapi({ description: 'Days a year funded for a designation recorded without its own' }),
    max_schools: z
      .number()
      .int()
      .min(1)
      .max(20)
      .openapi({ description: 'Schools a holder supports at once (an interim head: one vacancy)' }),
    serving_head: z.boolean().openapi({ description: 'The holder must be a serving substantive head' }),
    employed_by_authority: z.boolean().openapi({
      description: 'The holder must not lead a school in a trust (whose staff the trust employs)',
    }),
    own_school_at_least: z
      .enum(['good', 'outstanding'])
      .nullable()
      .openapi({ description: "The least judgement of the holder's own school; null for none" }),
    judged_on: z.enum(['overall', 'leadership']).openapi({
      description: 'Which judgement of the own school is read (leadership falls back to overall)',
    }),
    min_headship_years: z.number().min(0).max(40),
    accreditation: z.string().max(200).nullable().openapi({
      description: 'An accreditation whose date must be recorded on the designation; null for none',
    }),
    no_acting_capacity: z.boolean().openapi({
      description:
        'Only for a school with no head and no capacity to appoint an acting head (no deputy or assistant head in post), unless it is in the federation the holder heads',
    }),
  })
  .openapi('LeaderRole');
export type LeaderRole = z.infer<typeof LeaderRole>;

/** A role as listed: its definition and who may hold it in a broker's words (the Roles page, `headway roles`). */
export const ListedRole = LeaderRole.extend({
  holder_rules: z.string().openapi({
    description:
      'Who may hold the role, in words: "a serving head; own school\'s leadership good or outstanding"',
  }),
}).openapi('ListedRole');
export type ListedRole = z.infer<typeof ListedRole>;

export const LeaderRoleChange = LeaderRole.omit({ code: true })
  .partial()
  .strict()
  .refine(...someField)
  .openapi('LeaderRoleChange');
export type LeaderRoleChange = z.infer<typeof LeaderRoleChange>;

export const RoleCodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'lle' }),
});

export const listRolesRoute = createRoute({
  method: 'get',
  path: '/brokering/roles',
  tags: ['brokering'],
  summary: 'The system-leader role catalogue: eligibility, needs met, funded days, limits, accreditation',
  responses: { 200: jsonResponse(z.object({ roles: z.array(ListedRole) }), 'The catalogue') },
});

export const changeRoleRoute = createRoute({
  method: 'patch',
  path: '/brokering/roles/{code}',
  tags: ['brokering'],
  summary: "Change a role's definition (a whole-authority broker); what is not named stays",
  request: { params: RoleCodeParam, body: jsonBody(LeaderRoleChange) },
  responses: {
    200: jsonResponse(LeaderRole, 'The role now'),
    400: errorResponse('Invalid change'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such role'),
  },
});
