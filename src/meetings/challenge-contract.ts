// The challenges API's contract: the log's shapes (a challenge in a list and whole, with its timeline),
// what raising, editing and moving one take, the recurring problems, the board's measures and ageing,
// and the categories; with the routes that serve them. Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import {
  commaList,
  errorResponse,
  IdParam,
  IsoDate,
  jsonBody,
  jsonResponse,
  QueryFlag,
  RowId,
  RowIdText,
} from '../contract.ts';
import { challengeStatuses } from './lists.ts';

export type ChallengeStatus = (typeof challengeStatuses)[number];

export const priorities = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

export const updateKinds = ['raised', 'status', 'note', 'assigned', 'linked', 'edited'] as const;
export type UpdateKind = (typeof updateKinds)[number];

const Person = z.object({ code: z.string(), name: z.string() }).nullable();
const Status = z
  .enum(challengeStatuses)
  .openapi({ description: 'open, in_progress, resolved, verified, closed' });

export const ChallengeSummary = z
  .object({
    id: z.number().int(),
    title: z.string(),
    category: z.string(),
    category_name: z.string(),
    priority: z.enum(priorities),
    status: Status,
    raised_on: z.string(),
    due_on: z.string().nullable(),
    resolved_on: z.string().nullable(),
    closed_on: z.string().nullable(),
    owner: Person,
    raised_by: Person,
    meeting_id: z.number().int().nullable(),
    units: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
    areas: z.array(z.string()).openapi({ description: 'The areas it affects, directly or through schools' }),
    recurring: z.object({ id: z.number().int(), title: z.string() }).nullable(),
    age_days: z
      .number()
      .int()
      .openapi({ description: 'Days from raised to resolved or closed, or to today' }),
    overdue: z.boolean(),
  })
  .openapi('ChallengeSummary');
export type ChallengeSummary = z.infer<typeof ChallengeSummary>;

export const TimelineEntry = z.object({
  id: z.number().int(),
  on: z.string(),
  kind: z.enum(updateKinds),
  author: z.string(),
  from_status: Status.nullable(),
  to_status: Status.nullable(),
  note: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ChallengeAction = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  due_on: z.string().nullable(),
  owner_code: z.string().nullable(),
  owner_name: z.string().nullable(),
});
export type ChallengeAction = z.infer<typeof ChallengeAction>;

export const Challenge = ChallengeSummary.extend({
  description: z.string(),
  resolution: z.string().nullable(),
  closed_reason: z.string().nullable(),
  verified_on: z.string().nullable(),
  meeting: z.object({ id: z.number().int(), title: z.string(), held_on: z.string() }).nullable(),
  next: z.array(Status).openapi({
    description:
      'The statuses the caller may move it to next: the workflow allows them and the caller may make the move (empty for a reader)',
  }),
  timeline: z.array(TimelineEntry),
  actions: z.array(ChallengeAction),
  recurs_with: z.array(ChallengeSummary),
}).openapi('Challenge');
export type Challenge = z.infer<typeof Challenge>;

// No defaults here: a PATCH of some fields must not reset the others.
const ChallengeFields = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  category: z.string(),
  units: z.array(z.string()).min(1).openapi({ description: 'Codes of the schools and/or areas it affects' }),
  priority: z.enum(priorities),
  due_on: IsoDate.nullable().optional(),
  owner: z.string().nullable().optional().openapi({ description: 'Person code; default: who raises it' }),
  raised_by: z.string().nullable().optional().openapi({ description: 'Person code; default: the caller' }),
  raised_on: IsoDate.optional(),
  meeting_id: RowId.nullable().optional(),
});

export const ChallengeInput = ChallengeFields.extend({ priority: z.enum(priorities).default('medium') });
export type ChallengeInput = z.infer<typeof ChallengeInput>;

export const ChallengeEdit = ChallengeFields.omit({
  raised_by: true,
  raised_on: true,
  meeting_id: true,
}).partial();
export type ChallengeEdit = z.infer<typeof ChallengeEdit>;

export const ChallengeMove = z.object({
  to: Status,
  resolution: z.string().max(5000).optional(),
  reason: z.string().max(5000).optional(),
  note: z.string().max(5000).optional(),
  on: IsoDate.optional().openapi({ description: 'The day it happened; default today' }),
});
export type ChallengeMove = z.infer<typeof ChallengeMove>;

export const ChallengeNote = z.object({ note: z.string().min(1).max(5000), on: IsoDate.optional() });
export type ChallengeNote = z.infer<typeof ChallengeNote>;

export const ChallengeLink = z.object({
  challenge: RowId,
  title: z.string().trim().min(1).max(200).optional(),
});
export type ChallengeLink = z.infer<typeof ChallengeLink>;

export const ChallengeListQuery = z.object({
  area: z.string().optional().openapi({ description: 'An area (or school) code: challenges affecting it' }),
  category: z.string().optional(),
  status: commaList(challengeStatuses).openapi({
    description: 'Comma-separated statuses',
    example: ['open', 'in_progress'],
  }),
  owner: z.string().optional().openapi({ description: 'A person code' }),
  overdue: QueryFlag.optional(),
  recurring: RowIdText.optional(),
  meeting: RowIdText.optional(),
  q: z.string().optional().openapi({ description: 'Words in the title' }),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
export type ChallengeListQuery = z.infer<typeof ChallengeListQuery>;

export const RecurringProblem = z.object({
  id: z.number().int(),
  title: z.string(),
  challenges: z.number().int(),
  open: z.number().int(),
  areas: z.array(z.string()),
  categories: z.array(z.string()),
  first_raised_on: z.string(),
});
export type RecurringProblem = z.infer<typeof RecurringProblem>;

export const measureDimensions = ['area', 'owner', 'category'] as const;
export type MeasureDimension = (typeof measureDimensions)[number];

export const MeasuresQuery = z.object({
  by: z.enum(measureDimensions).default('area'),
  period: z
    .string()
    .optional()
    .openapi({ description: 'The last month (2026-10) or term (2026-27T1); default this month' }),
  periods: z.coerce.number().int().min(1).max(36).default(6),
});
export type MeasuresQuery = z.infer<typeof MeasuresQuery>;

export const PeriodMeasures = z.object({
  period: z.string(),
  raised: z.number().int(),
  open: z.number().int().openapi({ description: 'Open or in progress at the period’s end' }),
  overdue: z.number().int(),
  resolved: z.number().int(),
  median_days: z.number().nullable(),
  p90_days: z.number().nullable().openapi({ description: 'Linear interpolation (percentile_cont)' }),
  due: z.number().int().openapi({ description: 'Due in the period (up to today)' }),
  due_met: z.number().int().openapi({ description: 'Of those, resolved by their due date' }),
});
export type PeriodMeasures = z.infer<typeof PeriodMeasures>;

export const ChallengeMeasures = z.object({
  by: z.string(),
  periods: z.array(z.string()),
  groups: z.array(z.object({ key: z.string(), name: z.string(), periods: z.array(PeriodMeasures) })),
});
export type ChallengeMeasures = z.infer<typeof ChallengeMeasures>;

export const ageingDimensions = ['area', 'category'] as const;
export type AgeingDimension = (typeof ageingDimensions)[number];

export const ChallengeAgeing = z.object({
  by: z.string(),
  bands: z.array(z.string()),
  groups: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      bands: z.record(z.string(), z.number().int()),
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
});
export type ChallengeAgeing = z.infer<typeof ChallengeAgeing>;

export const Category = z.object({ code: z.string(), name: z.string(), retired: z.boolean() });
export type Category = z.infer<typeof Category>;

export const CategoryCode = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower case letters, digits and _'),
});

export const CategoryBody = z.object({
  name: z.string().trim().min(1).max(100),
  retired: z.boolean().default(false),
});

const Created = z.object({ id: z.number().int() });

export const listChallengesRoute = createRoute({
  method: 'get',
  path: '/challenges',
  tags: ['challenges'],
  summary: 'The challenges log the caller may see, filtered; overdue first (JSON, CSV or XLSX)',
  request: { query: ChallengeListQuery },
  responses: {
    200: {
      content: {
        'application/json': { schema: z.object({ challenges: z.array(ChallengeSummary) }) },
        'text/csv': { schema: z.string() },
      },
      description: 'Challenges within the caller’s scope, those they own and those they raised',
    },
  },
});

export const recurringProblemsRoute = createRoute({
  method: 'get',
  path: '/challenges/recurring',
  tags: ['challenges'],
  summary: 'Recurring problems: linked challenges as system-wide issues, widest first',
  responses: {
    200: jsonResponse(
      z.object({ problems: z.array(RecurringProblem) }),
      'Counted over the challenges the caller may see',
    ),
  },
});

export const retitleRecurringRoute = createRoute({
  method: 'patch',
  path: '/challenges/recurring/{id}',
  tags: ['challenges'],
  summary: 'Rename a recurring problem',
  request: {
    params: IdParam,
    body: {
      content: { 'application/json': { schema: z.object({ title: z.string().trim().min(1).max(200) }) } },
    },
  },
  responses: { 204: { description: 'Renamed' }, 404: errorResponse('No such recurring problem') },
});

export const challengeMeasuresRoute = createRoute({
  method: 'get',
  path: '/challenges/measures',
  tags: ['challenges'],
  summary:
    'Raised, open, overdue, median and 90th-percentile days to resolution, and share resolved by the due date, by area, owner or category, per month or term',
  request: { query: MeasuresQuery },
  responses: {
    200: jsonResponse(
      ChallengeMeasures,
      'One group per area, owner or category, each with the periods oldest first',
    ),
  },
});

export const challengeAgeingRoute = createRoute({
  method: 'get',
  path: '/challenges/ageing',
  tags: ['challenges'],
  summary: 'Open challenges by how long they have been open (0-30, 31-60, 61-90, 91-180, over 180 days)',
  request: { query: z.object({ by: z.enum(ageingDimensions).default('area') }) },
  responses: { 200: jsonResponse(ChallengeAgeing, 'Per area or category') },
});

export const raiseChallengeRoute = createRoute({
  method: 'post',
  path: '/challenges',
  tags: ['challenges'],
  summary: 'Raise a challenge for units in the caller’s scope',
  request: { body: jsonBody(ChallengeInput) },
  responses: {
    201: jsonResponse(Created, 'Raised, open'),
    400: errorResponse('A bad field: unknown category, person or unit, a date in the future'),
    403: errorResponse('A unit outside the caller’s scope'),
  },
});

export const challengeRoute = createRoute({
  method: 'get',
  path: '/challenges/{id}',
  tags: ['challenges'],
  summary: 'One challenge with its timeline, actions and the challenges it recurs with',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(Challenge, 'The challenge'),
    404: errorResponse('Not found in scope'),
  },
});

export const editChallengeRoute = createRoute({
  method: 'patch',
  path: '/challenges/{id}',
  tags: ['challenges'],
  summary:
    'Edit a challenge (the owner, or whoever leads every unit it affects); reassigning is on the timeline',
  request: { params: IdParam, body: jsonBody(ChallengeEdit) },
  responses: {
    200: jsonResponse(Challenge, 'The challenge as it now is'),
    403: errorResponse('Not the caller’s to change'),
    404: errorResponse('Not found in scope'),
  },
});

export const deleteChallengeRoute = createRoute({
  method: 'delete',
  path: '/challenges/{id}',
  tags: ['challenges'],
  summary: 'Delete a challenge raised in error (whole-authority roles only; otherwise close it as won’t fix)',
  request: { params: IdParam },
  responses: {
    204: { description: 'Deleted' },
    403: errorResponse('Not allowed'),
    404: errorResponse('Not found'),
  },
});

export const moveChallengeRoute = createRoute({
  method: 'post',
  path: '/challenges/{id}/status',
  tags: ['challenges'],
  summary:
    'Move a challenge: open → in_progress → resolved (with a resolution) → verified (by someone other than the owner), or closed with a reason',
  request: { params: IdParam, body: jsonBody(ChallengeMove) },
  responses: {
    200: jsonResponse(Challenge, 'The challenge as it now is'),
    400: errorResponse('Missing resolution or reason, or a date out of order'),
    403: errorResponse('Not the caller’s to move, or the owner verifying their own resolution'),
    409: errorResponse('A move the workflow does not allow, e.g. open to resolved'),
  },
});

export const addChallengeNoteRoute = createRoute({
  method: 'post',
  path: '/challenges/{id}/updates',
  tags: ['challenges'],
  summary: 'Add a dated update to a challenge’s timeline',
  request: { params: IdParam, body: jsonBody(ChallengeNote) },
  responses: { 200: jsonResponse(Challenge, 'The challenge with the update') },
});

export const linkChallengesRoute = createRoute({
  method: 'post',
  path: '/challenges/{id}/links',
  tags: ['challenges'],
  summary: 'Mark two challenges as the same problem (their recurring groups merge)',
  request: { params: IdParam, body: jsonBody(ChallengeLink) },
  responses: {
    200: jsonResponse(z.object({ recurring: z.number().int() }), 'The recurring problem both belong to'),
  },
});

export const unlinkChallengeRoute = createRoute({
  method: 'delete',
  path: '/challenges/{id}/links',
  tags: ['challenges'],
  summary: 'Take a challenge out of its recurring problem',
  request: { params: IdParam },
  responses: { 204: { description: 'Unlinked' }, 409: errorResponse('It was not linked') },
});

export const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/challenge-categories',
  tags: ['challenges'],
  summary: 'The challenge categories, in order (retired ones are kept for old challenges)',
  responses: { 200: jsonResponse(z.object({ categories: z.array(Category) }), 'Categories') },
});

export const saveCategoryRoute = createRoute({
  method: 'put',
  path: '/challenge-categories/{code}',
  tags: ['challenges'],
  summary: 'Add or rename a category, or retire it (whole-authority roles)',
  request: { params: CategoryCode, body: jsonBody(CategoryBody) },
  responses: { 204: { description: 'Saved' }, 403: errorResponse('Not allowed') },
});
