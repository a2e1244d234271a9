// The meetings and actions API: meetings (list, create with a drafted agenda, the whole meeting, edit,
// delete), attendance, the agenda (redraft, the chair's edit), minutes and decisions; actions (list,
// "mine", create from a meeting or challenge, update). Scope is checked in the domain verbs.
import { createRoute, z } from '@hono/zod-openapi';
import { today } from '../clock.ts';
import { errorResponse, IdParam, IsoDate, jsonResponse, RowId, RowIdText, someField } from '../contract.ts';
import { newRouter } from '../http.ts';
import { createAction, editAction, listActions } from './actions.ts';
import { draftAgenda, recordDecision, recordMinutes, saveAgenda } from './agenda.ts';
import { ChallengeSummary } from './challenge-routes.ts';
import {
  createMeeting,
  deleteMeeting,
  editMeeting,
  listMeetings,
  meetingDetail,
  setAttendees,
} from './meetings.ts';
import { actionStatuses, agendaKinds, attendance, meetingKinds } from './schema.ts';

const Person = z.object({ code: z.string(), name: z.string() });
const Id = IdParam;
const Month = z.string().regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

const MeetingSummary = z
  .object({
    id: z.number().int(),
    kind: z.enum(meetingKinds),
    kind_name: z.string(),
    title: z.string(),
    held_on: z.string(),
    period: z.string().openapi({ description: 'The KPI month it reviews' }),
    org_unit: z.object({ code: z.string(), name: z.string() }),
    chair: Person.nullable(),
    attendees: z.number().int(),
    present: z.number().int(),
    challenges_raised: z.number().int(),
    actions_open: z.number().int(),
  })
  .openapi('MeetingSummary');

const Action = z.object({
  id: z.number().int(),
  agenda_item_id: z.number().int().nullable(),
  title: z.string(),
  status: z.enum(actionStatuses),
  due_on: z.string().nullable(),
  owner: Person.nullable(),
  challenge_id: z.number().int().nullable(),
});
const Decision = z.object({
  id: z.number().int(),
  agenda_item_id: z.number().int().nullable(),
  text: z.string(),
});

const Meeting = MeetingSummary.extend({
  can_edit: z.boolean().openapi({ description: 'Whether the caller may run it (chair, or leads its unit)' }),
  attendees: z.array(Person.extend({ attendance: z.enum(attendance), post: z.string().nullable() })),
  agenda: z.array(
    z.object({
      id: z.number().int(),
      position: z.number().int(),
      kind: z.enum(agendaKinds),
      title: z.string(),
      notes: z.string(),
      refs: z.unknown().openapi({ description: 'What a drafted item points at, as it was when drafted' }),
      minutes: z.string(),
      decisions: z.array(Decision),
      actions: z.array(Action),
    }),
  ),
  decisions: z.array(Decision).openapi({ description: 'Decisions not against an item' }),
  actions: z.array(Action),
  packs: z.array(z.object({ area: z.string(), name: z.string(), html: z.string(), pdf: z.string() })),
  challenges: z.array(ChallengeSummary).openapi({ description: 'Raised at this meeting' }),
}).openapi('Meeting');

const ActionSummary = z
  .object({
    id: z.number().int(),
    title: z.string(),
    status: z.enum(actionStatuses),
    due_on: z.string().nullable(),
    done_on: z.string().nullable(),
    overdue: z.boolean(),
    owner: Person.nullable(),
    meeting: z.object({ id: z.number().int(), title: z.string(), held_on: z.string() }).nullable(),
    challenge: z.object({ id: z.number().int(), title: z.string() }).nullable(),
    unit: z.string(),
  })
  .openapi('Action');

const meetingResponse = (description: string) => jsonResponse(Meeting, description);

export const meetingRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings',
      tags: ['meetings'],
      summary: 'Meetings the caller may see, newest first',
      request: {
        query: z.object({
          kind: z.enum(meetingKinds).optional(),
          from: IsoDate.optional(),
          to: IsoDate.optional(),
        }),
      },
      responses: { 200: jsonResponse(z.object({ meetings: z.array(MeetingSummary) }), 'Meetings') },
    }),
    async (c) =>
      c.json({ meetings: await listMeetings(c.var.database.db, c.var.actor, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings',
      tags: ['meetings'],
      summary: 'Hold a meeting; a monthly area-lead meeting gets an agenda drafted from the data',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                kind: z.enum(meetingKinds),
                title: z.string().trim().max(200).optional(),
                held_on: IsoDate,
                org_unit: z.string().optional().openapi({ description: 'Default: the authority' }),
                chair: z
                  .string()
                  .nullable()
                  .optional()
                  .openapi({ description: 'Person code; default: the caller' }),
                period: Month.optional(),
                attendees: z.array(z.string()).optional().openapi({ description: 'Person codes' }),
                draft: z.boolean().optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: jsonResponse(Meeting, 'The meeting'),
        400: errorResponse('Unknown person or unit'),
        403: errorResponse('A unit outside the caller’s scope'),
      },
    }),
    async (c) => {
      const { db } = c.var.database;
      const id = await createMeeting(db, c.var.actor, c.req.valid('json'), c.var.settings);
      return c.json(await meetingDetail(db, c.var.actor, id, today()), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}',
      tags: ['meetings'],
      summary: 'A meeting: agenda with minutes, decisions and actions, attendees, packs, challenges raised',
      request: { params: Id },
      responses: { 200: meetingResponse('The meeting'), 404: errorResponse('Not found in scope') },
    }),
    async (c) =>
      c.json(await meetingDetail(c.var.database.db, c.var.actor, c.req.valid('param').id, today()), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/meetings/{id}',
      tags: ['meetings'],
      summary: 'Change a meeting’s title, date, chair or period',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  title: z.string().trim().min(1).max(200).optional(),
                  held_on: IsoDate.optional(),
                  chair: z.string().nullable().optional(),
                  period: Month.optional(),
                })
                .refine(...someField),
            },
          },
        },
      },
      responses: { 200: meetingResponse('The meeting'), 403: errorResponse('Not the caller’s to run') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await editMeeting(c.var.database.db, c.var.actor, id, c.req.valid('json'));
      return c.json(await meetingDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/meetings/{id}',
      tags: ['meetings'],
      summary: 'Remove a meeting with its agenda and actions (challenges raised at it stay)',
      request: { params: Id },
      responses: { 204: { description: 'Removed' }, 403: errorResponse('Not the caller’s to run') },
    }),
    async (c) => {
      await deleteMeeting(c.var.database.db, c.var.actor, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/meetings/{id}/attendees',
      tags: ['meetings'],
      summary: 'Who is invited and who came',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                attendees: z.array(
                  z.object({ person: z.string(), attendance: z.enum(attendance).default('expected') }),
                ),
              }),
            },
          },
        },
      },
      responses: { 200: meetingResponse('The meeting') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await setAttendees(c.var.database.db, c.var.actor, id, c.req.valid('json').attendees);
      return c.json(await meetingDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/agenda/draft',
      tags: ['meetings'],
      summary:
        'Draft the agenda from the data: KPI summary, causes for concern by area, challenges overdue and new, actions due',
      request: { params: Id },
      responses: { 200: meetingResponse('The meeting'), 409: errorResponse('Minutes have been taken') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await draftAgenda(c.var.database.db, c.var.actor, id, c.var.settings);
      return c.json(await meetingDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/meetings/{id}/agenda',
      tags: ['meetings'],
      summary:
        'The chair’s agenda: items in order (with id to keep one, without to add one; missing ones go)',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                items: z.array(
                  z.object({
                    id: RowId.optional(),
                    title: z.string().trim().min(1).max(200),
                    notes: z.string().max(5000).optional(),
                  }),
                ),
              }),
            },
          },
        },
      },
      responses: { 200: meetingResponse('The meeting') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await saveAgenda(c.var.database.db, c.var.actor, id, c.req.valid('json').items);
      return c.json(await meetingDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/meetings/{id}/agenda/{item}/minutes',
      tags: ['meetings'],
      summary: 'The minutes of one agenda item',
      request: {
        params: Id.extend({ item: RowIdText }),
        body: { content: { 'application/json': { schema: z.object({ minutes: z.string().max(20000) }) } } },
      },
      responses: { 200: meetingResponse('The meeting') },
    }),
    async (c) => {
      const { id, item } = c.req.valid('param');
      await recordMinutes(c.var.database.db, c.var.actor, id, item, c.req.valid('json').minutes);
      return c.json(await meetingDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/decisions',
      tags: ['meetings'],
      summary: 'Record a decision, against an agenda item or the meeting',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: z.object({
                agenda_item_id: RowId.nullable().default(null),
                text: z.string().min(1).max(5000),
              }),
            },
          },
        },
      },
      responses: { 200: meetingResponse('The meeting') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await recordDecision(c.var.database.db, c.var.actor, id, body.agenda_item_id, body.text);
      return c.json(await meetingDetail(c.var.database.db, c.var.actor, id, today()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/actions',
      tags: ['meetings'],
      summary: 'Actions the caller may see; mine=true for the caller’s own ("my actions")',
      request: {
        query: z.object({
          mine: z.enum(['true', 'false']).optional(),
          status: z.enum(actionStatuses).optional(),
          owner: z.string().optional(),
          meeting: RowIdText.optional(),
          challenge: RowIdText.optional(),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ actions: z.array(ActionSummary) }), 'Open first, by due date'),
        400: errorResponse('mine=true for an account not linked to a person'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        {
          actions: await listActions(
            c.var.database.db,
            c.var.actor,
            { ...q, mine: q.mine === 'true' },
            today(),
          ),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions',
      tags: ['meetings'],
      summary: 'An action from a meeting (against an agenda item) or a challenge',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                title: z.string().trim().min(1).max(300),
                owner: z.string().nullable().optional().openapi({ description: 'Person code' }),
                due_on: IsoDate.nullable().optional(),
                meeting_id: RowId.nullable().optional(),
                agenda_item_id: RowId.nullable().optional(),
                challenge_id: RowId.nullable().optional(),
              }),
            },
          },
        },
      },
      responses: {
        201: jsonResponse(z.object({ id: z.number().int() }), 'Created'),
        400: errorResponse('Bad field'),
      },
    }),
    async (c) => {
      const id = await createAction(c.var.database.db, c.var.actor, c.req.valid('json'), today());
      return c.json({ id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/actions/{id}',
      tags: ['meetings'],
      summary:
        'Update an action: its owner may mark it done or dropped; whoever leads its unit may change it',
      request: {
        params: Id,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  title: z.string().trim().min(1).max(300).optional(),
                  owner: z.string().nullable().optional(),
                  due_on: IsoDate.nullable().optional(),
                  status: z.enum(actionStatuses).optional(),
                })
                .refine(...someField),
            },
          },
        },
      },
      responses: {
        204: { description: 'Saved' },
        403: errorResponse('Not the caller’s'),
        404: errorResponse('Not found'),
      },
    }),
    async (c) => {
      await editAction(c.var.database.db, c.var.actor, c.req.valid('param').id, c.req.valid('json'), today());
      return c.body(null, 204);
    },
  );
