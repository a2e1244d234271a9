// The reminders API's contract: the signed-in person's overdue meeting actions and challenges, for the
// header's count and the top of "My actions". Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';

export const reminderKinds = ['action', 'challenge'] as const;

export const Reminder = z
  .object({
    kind: z.enum(reminderKinds),
    id: z.number().int(),
    title: z.string(),
    due_on: z.string(),
    days_overdue: z.number().int(),
    meeting: z
      .object({ id: z.number().int(), title: z.string() })
      .nullable()
      .openapi({ description: 'The meeting an action was agreed at' }),
  })
  .openapi('Reminder');
export type Reminder = z.infer<typeof Reminder>;

export const Reminders = z
  .object({
    actions: z.number().int().openapi({ description: 'Overdue open actions the caller owns' }),
    challenges: z
      .number()
      .int()
      .openapi({ description: 'Overdue open or in-progress challenges the caller owns' }),
    overdue: z.array(Reminder).openapi({ description: 'Most overdue first' }),
  })
  .openapi('Reminders');
export type Reminders = z.infer<typeof Reminders>;

export const remindersRoute = createRoute({
  method: 'get',
  path: '/reminders',
  tags: ['meetings'],
  summary: 'The caller’s overdue actions and challenges (past due, not done or resolved)',
  responses: {
    200: jsonResponse(Reminders, 'Empty for an account not linked to a person'),
    401: errorResponse('Not signed in'),
  },
});
