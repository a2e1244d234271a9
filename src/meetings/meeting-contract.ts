// The meetings and actions API's contract: a meeting in a list and whole (attendees, agenda with
// minutes, decisions and actions, packs, challenges raised), what holding and running one take, and
// actions; with the routes that serve them. Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import {
  errorResponse,
  IdParam,
  IsoDate,
  jsonBody,
  jsonResponse,
  QueryFlag,
  RowId,
  RowIdText,
  someField,
} from '../contract.ts';
import { ChallengeSummary } from './challenge-contract.ts';

export const meetingKinds = ['area_leads', 'retreat', 'area_headteachers', 'trust_board'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const attendance = ['expected', 'present', 'apologies', 'absent'] as const;
export type Attendance = (typeof attendance)[number];

export const agendaKinds = [
  'kpi_summary',
  'area_concerns',
  'overdue_challenges',
  'new_challenges',
  'actions_due',
  'item',
] as const;
export type AgendaKind = (typeof agendaKinds)[number];

export const actionStatuses = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

const Person = z.object({ code: z.string(), name: z.string() });
export type Person = z.infer<typeof Person>;
const Month = z.string().regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

export const MeetingSummary = z
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
export type MeetingSummary = z.infer<typeof MeetingSummary>;

/** An action as its meeting shows it, against an agenda item or the meeting. */
export const MeetingAction = z.object({
  id: z.number().int(),
  agenda_item_id: z.number().int().nullable(),
  title: z.string(),
  status: z.enum(actionStatuses),
  due_on: z.string().nullable(),
  owner: Person.nullable(),
  challenge_id: z.number().int().nullable(),
});
export type MeetingAction = z.infer<typeof MeetingAction>;

export const Decision = z.object({
  id: z.number().int(),
  agenda_item_id: z.number().int().nullable(),
  text: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export const Attendee = Person.extend({ attendance: z.enum(attendance), post: z.string().nullable() });
export type Attendee = z.infer<typeof Attendee>;

export const AgendaItem = z.object({
  id: z.number().int(),
  position: z.number().int(),
  kind: z.enum(agendaKinds),
  title: z.string(),
  notes: z.string(),
  refs: z.unknown().openapi({ description: 'What a drafted item points at, as it was when drafted' }),
  minutes: z.string(),
  decisions: z.array(Decision),
  actions: z.array(MeetingAction),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Meeting = MeetingSummary.extend({
  can_edit: z.boolean().openapi({ description: 'Whether the caller may run it (chair, or leads its unit)' }),
  attendees: z.array(Attendee),
  agenda: z.array(AgendaItem),
  decisions: z.array(Decision).openapi({ description: 'Decisions not against an item' }),
  actions: z.array(MeetingAction),
  packs: z.array(z.object({ area: z.string(), name: z.string(), html: z.string(), pdf: z.string() })),
  challenges: z.array(ChallengeSummary).openapi({ description: 'Raised at this meeting' }),
}).openapi('Meeting');
export type Meeting = z.infer<typeof Meeting>;

export const Action = z
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
    /** Agreed on a supervision visit (visits/): the visit and its day. */
    visit: z.object({ id: z.number().int(), visit_on: z.string() }).nullable(),
    unit: z.string(),
  })
  .openapi('Action');
export type Action = z.infer<typeof Action>;

export const MeetingListQuery = z.object({
  kind: z.enum(meetingKinds).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

export const MeetingInput = z.object({
  kind: z.enum(meetingKinds),
  title: z.string().trim().max(200).optional(),
  held_on: IsoDate,
  org_unit: z.string().optional().openapi({ description: 'Default: the authority' }),
  chair: z.string().nullable().optional().openapi({ description: 'Person code; default: the caller' }),
  period: Month.optional(),
  attendees: z.array(z.string()).optional().openapi({
    description:
      'Person codes; left out, an area meeting with headteachers invites the heads in post at the schools beneath its unit',
  }),
  draft: z.boolean().optional(),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

export const MeetingEdit = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    held_on: IsoDate.optional(),
    chair: z.string().nullable().optional(),
    period: Month.optional(),
  })
  .refine(...someField);
export type MeetingEdit = z.infer<typeof MeetingEdit>;

export const AttendeesBody = z.object({
  attendees: z.array(z.object({ person: z.string(), attendance: z.enum(attendance).default('expected') })),
});
export type AttendeesBody = z.infer<typeof AttendeesBody>;

export const AgendaEdit = z.object({
  id: RowId.optional(),
  title: z.string().trim().min(1).max(200),
  notes: z.string().max(5000).optional(),
});
export type AgendaEdit = z.infer<typeof AgendaEdit>;

export const DecisionBody = z.object({
  agenda_item_id: RowId.nullable().default(null),
  text: z.string().min(1).max(5000),
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const ActionListQuery = z.object({
  mine: QueryFlag.optional(),
  status: z.enum(actionStatuses).optional(),
  owner: z.string().optional(),
  meeting: RowIdText.optional(),
  challenge: RowIdText.optional(),
});
export type ActionListQuery = z.infer<typeof ActionListQuery>;

export const ActionInput = z.object({
  title: z.string().trim().min(1).max(300),
  owner: z.string().nullable().optional().openapi({ description: 'Person code' }),
  due_on: IsoDate.nullable().optional(),
  meeting_id: RowId.nullable().optional(),
  agenda_item_id: RowId.nullable().optional(),
  challenge_id: RowId.nullable().optional(),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const ActionEdit = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    owner: z.string().nullable().optional(),
    due_on: IsoDate.nullable().optional(),
    status: z.enum(actionStatuses).optional(),
  })
  .refine(...someField);
export type ActionEdit = z.infer<typeof ActionEdit>;

const meetingResponse = (description: string) => jsonResponse(Meeting, description);

export const listMeetingsRoute = createRoute({
  method: 'get',
  path: '/meetings',
  tags: ['meetings'],
  summary: 'Meetings the caller may see, newest first',
  request: { query: MeetingListQuery },
  responses: { 200: jsonResponse(z.object({ meetings: z.array(MeetingSummary) }), 'Meetings') },
});

export const createMeetingRoute = createRoute({
  method: 'post',
  path: '/meetings',
  tags: ['meetings'],
  summary: 'Hold a meeting; a monthly area-lead meeting gets an agenda drafted from the data',
  request: { body: jsonBody(MeetingInput) },
  responses: {
    201: jsonResponse(Meeting, 'The meeting'),
    400: errorResponse('Unknown person or unit'),
    403: errorResponse('A unit outside the caller’s scope'),
  },
});

export const meetingRoute = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  tags: ['meetings'],
  summary: 'A meeting: agenda with minutes, decisions and actions, attendees, packs, challenges raised',
  request: { params: IdParam },
  responses: { 200: meetingResponse('The meeting'), 404: errorResponse('Not found in scope') },
});

export const editMeetingRoute = createRoute({
  method: 'patch',
  path: '/meetings/{id}',
  tags: ['meetings'],
  summary: 'Change a meeting’s title, date, chair or period',
  request: { params: IdParam, body: jsonBody(MeetingEdit) },
  responses: { 200: meetingResponse('The meeting'), 403: errorResponse('Not the caller’s to run') },
});

export const deleteMeetingRoute = createRoute({
  method: 'delete',
  path: '/meetings/{id}',
  tags: ['meetings'],
  summary: 'Remove a meeting with its agenda and actions (challenges raised at it stay)',
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, 403: errorResponse('Not the caller’s to run') },
});

export const setAttendeesRoute = createRoute({
  method: 'put',
  path: '/meetings/{id}/attendees',
  tags: ['meetings'],
  summary: 'Who is invited and who came',
  request: { params: IdParam, body: jsonBody(AttendeesBody) },
  responses: { 200: meetingResponse('The meeting') },
});

export const draftAgendaRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/agenda/draft',
  tags: ['meetings'],
  summary:
    'Draft the agenda from the data: KPI summary, causes for concern by area, challenges overdue and new, actions due',
  request: { params: IdParam },
  responses: { 200: meetingResponse('The meeting'), 409: errorResponse('Minutes have been taken') },
});

export const saveAgendaRoute = createRoute({
  method: 'put',
  path: '/meetings/{id}/agenda',
  tags: ['meetings'],
  summary: 'The chair’s agenda: items in order (with id to keep one, without to add one; missing ones go)',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: z.object({ items: z.array(AgendaEdit) }) } } },
  },
  responses: { 200: meetingResponse('The meeting') },
});

export const addAgendaItemRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/agenda',
  tags: ['meetings'],
  summary: 'One item added at the end of the agenda, the others left as they are',
  request: { params: IdParam, body: jsonBody(AgendaEdit.omit({ id: true })) },
  responses: { 200: meetingResponse('The meeting') },
});

export const recordMinutesRoute = createRoute({
  method: 'put',
  path: '/meetings/{id}/agenda/{item}/minutes',
  tags: ['meetings'],
  summary: 'The minutes of one agenda item',
  request: {
    params: IdParam.extend({ item: RowIdText }),
    body: { content: { 'application/json': { schema: z.object({ minutes: z.string().max(20000) }) } } },
  },
  responses: { 200: meetingResponse('The meeting') },
});

export const recordDecisionRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/decisions',
  tags: ['meetings'],
  summary: 'Record a decision, against an agenda item or the meeting',
  request: { params: IdParam, body: jsonBody(DecisionBody) },
  responses: { 200: meetingResponse('The meeting') },
});

export const listActionsRoute = createRoute({
  method: 'get',
  path: '/actions',
  tags: ['meetings'],
  summary: 'Actions the caller may see; mine=true for the caller’s own ("my actions")',
  request: { query: ActionListQuery },
  responses: {
    200: jsonResponse(z.object({ actions: z.array(Action) }), 'Open first, by due date'),
    400: errorResponse('mine=true for an account not linked to a person'),
  },
});

export const createActionRoute = createRoute({
  method: 'post',
  path: '/actions',
  tags: ['meetings'],
  summary: 'An action from a meeting (against an agenda item) or a challenge',
  request: { body: jsonBody(ActionInput) },
  responses: {
    201: jsonResponse(z.object({ id: z.number().int() }), 'Created'),
    400: errorResponse('Bad field'),
  },
});

export const editActionRoute = createRoute({
  method: 'patch',
  path: '/actions/{id}',
  tags: ['meetings'],
  summary: 'Update an action: its owner may mark it done or dropped; whoever leads its unit may change it',
  request: { params: IdParam, body: jsonBody(ActionEdit) },
  responses: {
    204: { description: 'Saved' },
    403: errorResponse('Not the caller’s'),
    404: errorResponse('Not found'),
  },
});
