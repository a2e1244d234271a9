// The termly cycle's contract: opening a strategy's cycle for a term (every lead asked for an update on
// their items by a due date), its progress (asked, on time, late, missing, awaiting, no one to ask; by
// strand and by lead; who has not updated), strand and overall summaries, reminding those who have not
// updated, and closing (which freezes the outcome). Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IsoDate, jsonBody, jsonResponse, RowId } from '../contract.ts';

export const cycleItemKinds = ['strategy', 'strand', 'action'] as const;
export type CycleItemKind = (typeof cycleItemKinds)[number];
export const cycleOutcomes = ['on_time', 'late', 'missing', 'awaiting', 'unowned'] as const;
export type CycleOutcome = (typeof cycleOutcomes)[number];
export const rags = ['green', 'amber', 'red'] as const;
export type Rag = (typeof rags)[number];

const tags = ['strategies'];
const Term = z
  .string()
  .regex(/^\d{4}-\d{2}T[123]$/, 'use a term such as 2025-26T2')
  .openapi({ example: '2025-26T2' });
const Person = z.object({ code: z.string(), name: z.string() });
const StrategyRef = z.object({ code: z.string(), name: z.string() });
const StrandRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export const CycleCounts = z
  .object({
    asked: z.number().int().openapi({ description: 'Items asked for an update (including no one to ask)' }),
    on_time: z.number().int(),
    late: z.number().int().openapi({ description: 'Updated after the due date' }),
    missing: z.number().int().openapi({ description: 'Not updated and past the due date (or closed)' }),
    awaiting: z.number().int().openapi({ description: 'Not updated, not yet due' }),
    unowned: z.number().int().openapi({ description: 'No lead to ask, and not updated' }),
  })
  .openapi('CycleCounts');
export type CycleCounts = z.infer<typeof CycleCounts>;

export const CycleRequest = z.object({
  id: z.number().int(),
  kind: z.enum(cycleItemKinds).openapi({
    description: 'action: a status update; strand: the strand summary; strategy: the overall summary',
  }),
  item: z.object({ id: z.number().int(), code: z.string(), title: z.string() }),
  strand: StrandRef.nullable().openapi({ description: 'Null for the overall summary' }),
  lead: Person.nullable().openapi({ description: 'Who is asked; null when the item has no lead' }),
  met_on: z.string().nullable().openapi({ description: 'The first update in the cycle’s window' }),
  outcome: z.enum(cycleOutcomes),
  days_overdue: z
    .number()
    .int()
    .nullable()
    .openapi({ description: 'Not updated: days past the due date (negative: days left); else null' }),
});
export type CycleRequest = z.infer<typeof CycleRequest>;

const CycleFacts = z.object({
  strategy: StrategyRef,
  term: z.string(),
  window_from: z.string().openapi({ description: 'An update on or after this day meets a request' }),
  term_end: z.string(),
  due_on: z.string(),
  opened_on: z.string(),
  opened_by: z.string(),
  closed_on: z.string().nullable(),
  closed_by: z.string().nullable(),
  state: z.enum(['open', 'closed']),
  totals: CycleCounts,
});

export const CycleSummaryRow = CycleFacts.openapi('StrategyCycleSummary');
export type CycleSummaryRow = z.infer<typeof CycleSummaryRow>;

export const Cycle = CycleFacts.extend({
  view: z.enum(['whole', 'strands']).openapi({
    description: 'whole: the director or overarching lead; strands: a strand lead sees their strands only',
  }),
  can_manage: z.boolean().openapi({ description: 'The caller may remind and close' }),
  by_strand: z.array(z.object({ strand: StrandRef.nullable(), counts: CycleCounts })),
  by_lead: z.array(z.object({ lead: Person.nullable(), counts: CycleCounts })),
  not_updated: z
    .array(
      z.object({
        lead: Person,
        items: z.array(
          z.object({
            kind: z.enum(cycleItemKinds),
            id: z.number().int(),
            code: z.string(),
            title: z.string(),
          }),
        ),
        days_overdue: z
          .number()
          .int()
          .openapi({ description: 'Days past the due date (negative: days left)' }),
      }),
    )
    .openapi({ description: 'Leads with requests not yet met, most overdue first' }),
  requests: z.array(CycleRequest).openapi({ description: 'Overdue first, then by strand and code' }),
  summaries: z.array(
    z.object({
      strand: StrandRef.nullable(),
      rag: z.enum(rags),
      commentary: z.string(),
      on_date: z.string(),
      author: z.string(),
    }),
  ),
}).openapi('StrategyCycle');
export type Cycle = z.infer<typeof Cycle>;

export const CycleInput = z.object({
  term: Term.optional().openapi({ description: 'Default: the term just ended, or ending this month' }),
  due_on: IsoDate.optional().openapi({
    description: 'Default: two weeks after the term ends (or after today)',
  }),
});
export type CycleInput = z.infer<typeof CycleInput>;

export const SummaryInput = z.object({
  strand_id: RowId.nullable().openapi({ description: 'The strand; null for the overall summary' }),
  rag: z.enum(rags),
  commentary: z.string().trim().min(1, 'say how the strand (or the strategy) is doing').max(5000),
});
export type SummaryInput = z.infer<typeof SummaryInput>;

export const ReminderRunResult = z
  .object({
    people: z.number().int(),
    items: z.number().int(),
    no_address: z.number().int().openapi({ description: 'Items whose lead has no email address' }),
    channel: z.enum(['email', 'outbox']).openapi({ description: 'outbox: SMTP is not configured' }),
    failed: z.array(z.object({ to: z.string(), error: z.string() })),
  })
  .openapi('ReminderRun');
export type ReminderRunResult = z.infer<typeof ReminderRunResult>;

/** What the open cycle asks of the lead of one of "my" items. */
export const CycleAsk = z.object({
  term: z.string(),
  due_on: z.string(),
  met_on: z.string().nullable(),
  outcome: z.enum(cycleOutcomes),
  days_overdue: z.number().int().nullable(),
});
export type CycleAsk = z.infer<typeof CycleAsk>;

const CodeParam = z.object({ code: z.string().openapi({ param: { name: 'code', in: 'path' } }) });
const CycleParams = CodeParam.extend({ term: Term.openapi({ param: { name: 'term', in: 'path' } }) });

export const listCyclesRoute = createRoute({
  method: 'get',
  path: '/strategies/{code}/cycles',
  tags,
  summary: 'The strategy’s termly cycles, newest first, with their counts',
  request: { params: CodeParam },
  responses: {
    200: jsonResponse(z.object({ cycles: z.array(CycleSummaryRow) }), 'The cycles'),
    404: errorResponse('No such strategy in scope'),
  },
});

export const openCycleRoute = createRoute({
  method: 'post',
  path: '/strategies/{code}/cycles',
  tags,
  summary: 'Open the termly cycle: ask every lead for an update on their items by the due date',
  request: { params: CodeParam, body: jsonBody(CycleInput) },
  responses: {
    201: jsonResponse(Cycle, 'Opened'),
    400: errorResponse('A term not yet started, or a due date before today'),
    403: errorResponse('Not the director or the overarching lead'),
    404: errorResponse('No such strategy in scope'),
    409: errorResponse('The term’s cycle is already open or closed'),
  },
});

export const cycleRoute = createRoute({
  method: 'get',
  path: '/strategies/{code}/cycles/{term}',
  tags,
  summary: 'A cycle’s progress: counts by strand and lead, who has not updated, every request',
  request: { params: CycleParams },
  responses: {
    200: jsonResponse(Cycle, 'The cycle (a strand lead sees their strands only)'),
    403: errorResponse('Not the director, the overarching lead or a strand lead'),
    404: errorResponse('No such strategy in scope, or no cycle for the term'),
  },
});

export const closeCycleRoute = createRoute({
  method: 'post',
  path: '/strategies/{code}/cycles/{term}/close',
  tags,
  summary: 'Close the cycle: freeze what was met, late and missing',
  request: { params: CycleParams },
  responses: {
    200: jsonResponse(Cycle, 'Closed'),
    403: errorResponse('Not the director or the overarching lead'),
    404: errorResponse('No such strategy in scope, or no cycle for the term'),
    409: errorResponse('Already closed'),
  },
});

export const remindCycleRoute = createRoute({
  method: 'post',
  path: '/strategies/{code}/cycles/{term}/remind',
  tags,
  summary: 'Email (or, without SMTP, write to the outbox) each lead who has not updated; once a day',
  request: { params: CycleParams },
  responses: {
    200: jsonResponse(ReminderRunResult, 'Who was reminded'),
    403: errorResponse('Not the director or the overarching lead'),
    404: errorResponse('No such strategy in scope, or no cycle for the term'),
    409: errorResponse('The cycle is closed'),
  },
});

export const addSummaryRoute = createRoute({
  method: 'post',
  path: '/strategies/{code}/cycles/{term}/summaries',
  tags,
  summary: 'Record a strand summary (its lead) or the overall summary (the overarching lead)',
  request: { params: CycleParams, body: jsonBody(SummaryInput) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Recorded'),
    400: errorResponse('No commentary, or a strand of another strategy'),
    403: errorResponse('Not the strand’s lead (or the overarching lead, for the overall summary)'),
    404: errorResponse('No such strategy in scope, or no cycle for the term'),
    409: errorResponse('The cycle is closed'),
  },
});
