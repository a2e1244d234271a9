// The reminders API's contract: the signed-in person's overdue meeting actions and challenges, and the
// updates open termly cycles ask of them, for the header's count and the top of "My actions"; and the
// outbox, where mail is kept when SMTP is not configured. Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';

export const reminderKinds = ['action', 'challenge', 'strategy_request'] as const;

export const Reminder = z
  .object({
    kind: z.enum(reminderKinds),
    id: z.number().int(),
    title: z.string(),
    due_on: z.string(),
    days_overdue: z
      .number()
      .int()
      .openapi({ description: 'Days past the due date; zero or negative for an update not yet due' }),
    strategy: z
      .object({
        code: z.string(),
        name: z.string(),
        term: z.string(),
        kind: z.enum(['strategy', 'strand', 'action']),
        item_id: z.number().int(),
      })
      .nullable()
      .openapi({
        description: 'For strategy_request: the strategy, the cycle’s term and the item asked about',
      }),
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
    updates: z.number().int().openapi({ description: 'Updates open termly cycles ask of the caller' }),
    overdue: z.array(Reminder).openapi({ description: 'Most overdue first (updates not yet due last)' }),
  })
  .openapi('Reminders');
export type Reminders = z.infer<typeof Reminders>;

export const remindersRoute = createRoute({
  method: 'get',
  path: '/reminders',
  tags: ['meetings'],
  summary: 'The caller’s overdue actions and challenges, and the termly updates asked of them',
  responses: {
    200: jsonResponse(Reminders, 'Empty for an account not linked to a person'),
    401: errorResponse('Not signed in'),
  },
});

export const OutboxMail = z
  .object({
    id: z.number().int(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    written_on: z.string(),
    written_at: z.string(),
  })
  .openapi('OutboxMail');
export type OutboxMail = z.infer<typeof OutboxMail>;

export const OutboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const outboxRoute = createRoute({
  method: 'get',
  path: '/outbox',
  tags: ['meetings'],
  summary: 'Mail written instead of sent because SMTP is not configured, newest first (admins)',
  request: { query: OutboxQuery },
  responses: {
    200: jsonResponse(
      z.object({ mail: z.array(OutboxMail), total: z.number().int(), page_size: z.number().int() }),
      '50 a page',
    ),
    403: errorResponse('Not an admin for the whole authority'),
  },
});
