// The challenges API: the log (list with filters, as JSON or a spreadsheet), one challenge with its
// timeline, raising, editing, the status workflow, dated updates, recurring links, categories, and the
// board's measures and ageing. Scope is checked in the domain verbs.
import { createRoute, z } from '@hono/zod-openapi';
import { today } from '../clock.ts';
import { commaList, errorResponse, IdParam, IsoDate, jsonResponse, RowId, RowIdText } from '../contract.ts';
import { newRouter } from '../http.ts';
import { challengeAgeing, challengeMeasures } from './board.ts';
import { listCategories, saveCategory } from './categories.ts';
import {
  addChallengeNote,
  challengeDetail,
  deleteChallenge,
  editChallenge,
  listChallenges,
  moveChallenge,
  raiseChallenge,
} from './challenges.ts';
import { spreadsheetType, writeChallenges } from './export.ts';
import { linkChallenges, recurringProblems, retitleRecurring, unlinkChallenge } from './recurring.ts';
import { challengeStatuses, priorities } from './schema.ts';

const Person = z.object({ code: z.string(), name: z.string() }).nullable();
const Status = z
  .enum(challengeStatuses)
  .openapi({ description: 'open, in_progress, resolved, verified, closed' });
const Id = IdParam;

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

const ChallengeDetail = ChallengeSummary.extend({
  description: z.string(),
  resolution: z.string().nullable(),
  closed_reason: z.string().nullable(),
  verified_on: z.string().nullable(),
  meeting: z.object({ id: z.number().int(), title: z.string(), held_on: z.string() }).nullable(),
  next: z.array(Status).openapi({ description: 'The statuses it may move to next' }),
  timeline: z.array(
    z.object({
      id: z.number().int(),
      on: z.string(),
      kind: z.enum(['raised', 'status', 'note', 'assigned', 'linked', 'edited']),
      author: z.string(),
      from_status: Status.nullable(),
      to_status: Status.nullable(),
      note: z.string(),
    }),
  ),
  actions: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      status: z.string(),
      due_on: z.string().nullable(),
      owner_code: z.string().nullable(),
      owner_name: z.string().nullable(),
    }),
  ),
  recurs_with: z.array(ChallengeSummary),
}).openapi('Challenge');

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

const ChallengeBody = ChallengeFields.extend({ priority: z.enum(priorities).default('medium') });

const Created = z.object({ id: z.number().int() });

const listQuery = z.object({
  area: z.string().optional().openapi({ description: 'An area (or school) code: challenges affecting it' }),
  category: z.string().optional(),
  status: commaList(challengeStatuses).openapi({
    description: 'Comma-separated statuses',
    example: ['open', 'in_progress'],
  }),
  owner: z.string().optional().openapi({ description: 'A person code' }),
  overdue: z.enum(['true', 'false']).optional(),
  recurring: RowIdText.optional(),
  meeting: RowIdText.optional(),
  q: z.string().optional().openapi({ description: 'Words in the title' }),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export const challengeRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/challenges',
      tags: ['challenges'],
      summary: 'The challenges log the caller may see, filtered; overdue first (JSON, CSV or XLSX)',
      request: { query: listQuery },
      responses: {
        200: {
          content: {
            'application/json': { schema: z.object({ challenges: z.array(ChallengeSummary) }) },
            'text/csv': { schema: z.string() },
          },
          description: 'Challenges within the caller’s scope, those they own and those they raised',
        },
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const challenges = await listChallenges(
        c.var.database.db,
        c.var.actor,
        {
          area: q.area,
          category: q.category,
          status: q.status,
          owner: q.owner,
          overdue: q.overdue === 'true' ? true : undefined,
          recurring: q.recurring,
          meeting: q.meeting,
          search: q.q,
        },
        today(),
      );
      if (q.format === 'json') return c.json({ challenges }, 200);
      return c.body(new Uint8Array(await writeChallenges(challenges, q.format)), 200, {
        'content-type': spreadsheetType[q.format],
        'content-disposition': `attachment; filename="challenges-${today()}.${q.format}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/challenges/recurring',
      tags: ['challenges'],
      summary: 'Recurring problems: linked challenges as system-wide issues, widest first',
      responses: {
        200: jsonResponse(
          z.object({
            problems: z.array(
              z.object({
                id: z.number().int(),
                title: z.string(),
                challenges: z.number().int(),
                open: z.number().int(),
                areas: z.array(z.string()),
                categories: z.array(z.string()),
                first_raised_on: z.string(),
              }),
            ),
          }),
          'Counted over the challenges the caller may see',
        ),
      },
    }),
    async (c) => c.json({ problems: await recurringProblems(c.var.database.db, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/challenges/recurring/{id}',
      tags: ['challenges'],
      summary: 'Rename a recurring problem',
      request: {
        params: Id,
        body: {
          content: { 'application/json': { schema: z.object({ title: z.string().trim().min(1).max(200) }) } },
        },
      },
      responses: { 204: { description: 'Renamed' }, 404: errorResponse('No such recurring problem') },
    }),
    async (c) => {
      await retitleRecurring(
        c.var.database.db,
        c.var.actor,
        c.req.valid('param').id,
        c.req.valid('json').title,
      );
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/challenges/measures',
      tags: ['challenges'],
      summary:
        'Raised, open, overdue, median and 90th-percentile days to resolution, and share resolved by the due date, by area, owner or category, per month or term',
      request: {
        query: z.object({
          by: z.enum(['area', 'owner', 'category']).default('area'),
          period: z
            .string()
            .optional()
            .openapi({ description: 'The last month (2026-10) or term (2026-27T1); default this month' }),
          periods: z.coerce.number().int().min(1).max(36).default(6),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            by: z.string(),
            periods: z.array(z.string()),
            groups: z.array(
              z.object({
                key: z.string(),
                name: z.string(),
                periods: z.array(
                  z.object({
                    period: z.string(),
                    raised: z.number().int(),
                    open: z
                      .number()
                      .int()
                      .openapi({ description: 'Open or in progress at the period’s end' }),
                    overdue: z.number().int(),
                    resolved: z.number().int(),
                    median_days: z.number().nullable(),
                    p90_days: z
                      .number()
                      .nullable()
                      .openapi({ description: 'Linear interpolation (percentile_cont)' }),
                    due: z.number().int().openapi({ description: 'Due in the period (up to today)' }),
                    due_met: z
                      .number()
                      .int()
                      .openapi({ description: 'Of those, resolved by their due date' }),
                  }),
                ),
              }),
            ),
          }),
          'One group per area, owner or category, each with the periods oldest first',
        ),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await challengeMeasures(
          c.var.database.db,
          c.var.actor,
          { by: q.by, period: q.period ?? today().slice(0, 7), periods: q.periods },
          c.var.settings.academicYearStart,
        ),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/challenges/ageing',
      tags: ['challenges'],
      summary: 'Open challenges by how long they have been open (0-30, 31-60, 61-90, 91-180, over 180 days)',
      request: { query: z.object({ by: z.enum(['area', 'category']).default('area') }) },
      responses: {
        200: jsonResponse(
          z.object({
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
          }),
          'Per area or category',
        ),
      },
    }),
    async (c) =>
      c.json(await challengeAgeing(c.var.database.db, c.var.actor, c.req.valid('query').by, today()), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/challenges',
      tags: ['challenges'],
      summary: 'Raise a challenge for units in the caller’s scope',
      request: { body: { content: { 'application/json': { schema: ChallengeBody } } } },
      responses: {
        201: jsonResponse(Created, 'Raised, open'),
        400: errorResponse('A bad field: unknown category, person or unit, a date in the future'),
        403: errorResponse('A unit outside the caller’s scope'),
      },
    }),
    async (c) => {
      const id = await raiseChallenge(c.var.database.db, c.var.actor, c.req.valid('json'), today());
      return c.json({ id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/challenges/{id}',
      tags: ['challenges'],
      summary: 'One challenge with its timeline, actions and the challenges it recurs with',
      request: { params: Id },
      responses: {
        200: jsonResponse(ChallengeDetail, 'The challenge'),
        404: errorResponse('Not found in scope'),
      },
    }),
    async (c) =>
      c.json(await challengeDetail(c.var.database.db, c.var.actor, c.req.valid('param').id, today()), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/challenges/{id}',
      tags: ['challenges'],
      summary:
        'Edit a challenge (the owner, or whoever leads every unit it affects); reassigning is on the timeline',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: ChallengeFields.omit({ raised_by: true, raised_on: true, meeting_id: true }).partial(),
            },
          },
        },
      },
      responses: {
        200: jsonResponse(ChallengeDetail, 'The challenge as it now is'),
        403: errorResponse('Not the caller’s to change'),
        404: errorResponse('Not found in scope'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await editChallenge(c.var.database.db, c.var.actor, id, c.req.valid('json'), today());
      return c.json(await challengeDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/challenges/{id}',
      tags: ['challenges'],
      summary:
        'Delete a challenge raised in error (whole-authority roles only; otherwise close it as won’t fix)',
      request: { params: Id },
      responses: {
        204: { description: 'Deleted' },
        403: errorResponse('Not allowed'),
        404: errorResponse('Not found'),
      },
    }),
    async (c) => {
      await deleteChallenge(c.var.database.db, c.var.actor, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/challenges/{id}/status',
      tags: ['challenges'],
      summary:
        'Move a challenge: open → in_progress → resolved (with a resolution) → verified (by someone other than the owner), or closed with a reason',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                to: Status,
                resolution: z.string().max(5000).optional(),
                reason: z.string().max(5000).optional(),
                note: z.string().max(5000).optional(),
                on: IsoDate.optional().openapi({ description: 'The day it happened; default today' }),
              }),
            },
          },
        },
      },
      responses: {
        200: jsonResponse(ChallengeDetail, 'The challenge as it now is'),
        400: errorResponse('Missing resolution or reason, or a date out of order'),
        403: errorResponse('Not the caller’s to move, or the owner verifying their own resolution'),
        409: errorResponse('A move the workflow does not allow, e.g. open to resolved'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await moveChallenge(c.var.database.db, c.var.actor, id, c.req.valid('json'), today());
      return c.json(await challengeDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/challenges/{id}/updates',
      tags: ['challenges'],
      summary: 'Add a dated update to a challenge’s timeline',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: z.object({ note: z.string().min(1).max(5000), on: IsoDate.optional() }),
            },
          },
        },
      },
      responses: { 200: jsonResponse(ChallengeDetail, 'The challenge with the update') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await addChallengeNote(c.var.database.db, c.var.actor, id, body.note, body.on, today());
      return c.json(await challengeDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/challenges/{id}/links',
      tags: ['challenges'],
      summary: 'Mark two challenges as the same problem (their recurring groups merge)',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                challenge: RowId,
                title: z.string().trim().min(1).max(200).optional(),
              }),
            },
          },
        },
      },
      responses: {
        200: jsonResponse(z.object({ recurring: z.number().int() }), 'The recurring problem both belong to'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const recurring = await linkChallenges(
        c.var.database.db,
        c.var.actor,
        c.req.valid('param').id,
        body.challenge,
        today(),
        body.title,
      );
      return c.json({ recurring }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/challenges/{id}/links',
      tags: ['challenges'],
      summary: 'Take a challenge out of its recurring problem',
      request: { params: Id },
      responses: { 204: { description: 'Unlinked' }, 409: errorResponse('It was not linked') },
    }),
    async (c) => {
      await unlinkChallenge(c.var.database.db, c.var.actor, c.req.valid('param').id, today());
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/challenge-categories',
      tags: ['challenges'],
      summary: 'The challenge categories, in order (retired ones are kept for old challenges)',
      responses: {
        200: jsonResponse(
          z.object({
            categories: z.array(z.object({ code: z.string(), name: z.string(), retired: z.boolean() })),
          }),
          'Categories',
        ),
      },
    }),
    async (c) => c.json({ categories: await listCategories(c.var.database.db, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/challenge-categories/{code}',
      tags: ['challenges'],
      summary: 'Add or rename a category, or retire it (whole-authority roles)',
      request: {
        params: z.object({
          code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower case letters, digits and _'),
        }),
        body: {
          content: {
            'application/json': {
              schema: z.object({
                name: z.string().trim().min(1).max(100),
                retired: z.boolean().default(false),
              }),
            },
          },
        },
      },
      responses: { 204: { description: 'Saved' }, 403: errorResponse('Not allowed') },
    }),
    async (c) => {
      await saveCategory(c.var.database.db, c.var.actor, {
        code: c.req.valid('param').code,
        ...c.req.valid('json'),
      });
      return c.body(null, 204);
    },
  );
