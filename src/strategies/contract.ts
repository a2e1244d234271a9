// The strategies API's contract: a strategy with its strands, actions (and sub-actions), leads, the
// groups an action serves, milestones, status log, evidence, linked measures judged against their
// trajectory, and links between strategies; what creating and changing each takes; and the routes.
// Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IdParam, IsoDate, jsonBody, jsonResponse, RowId, someField } from '../contract.ts';
import { indicatorDirections } from '../kpi/contract.ts';
import { CycleAsk } from './cycle-contract.ts';
import { actionStatuses, measureJudgements, trajectories } from './lists.ts';

export type ActionStatus = (typeof actionStatuses)[number];
export type Trajectory = (typeof trajectories)[number];
export type MeasureJudgement = (typeof measureJudgements)[number];

const Status = z
  .enum(actionStatuses)
  .openapi({ description: 'not_started, on_track, at_risk, off_track, done, stopped' });
const Person = z.object({ code: z.string(), name: z.string() }).nullable().openapi({
  description: 'The accountable lead; null while the item has no lead (it is flagged as unowned)',
});
export const Code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dots, dashes or underscores');
export const Title = z.string().trim().min(1).max(200);
const LongText = z.string().max(5000);
export const PersonCode = z
  .string()
  .min(1)
  .max(100)
  .nullable()
  .openapi({ description: 'A person code; null for none' });
/** A month, term, academic year or year, as the KPI periods are written. */
const PeriodId = z
  .string()
  .regex(
    /^\d{4}(-\d{2}(T[123])?)?$/,
    'use a month 2026-10, a term 2025-26T1, an academic year 2025-26 or a year 2026',
  );

export const StrategyCounts = z.object({
  strands: z.number().int(),
  actions: z.number().int(),
  unowned: z.number().int().openapi({ description: 'The strategy, strands and actions with no lead' }),
  at_risk: z.number().int(),
  off_track: z.number().int().openapi({ description: 'Actions off track' }),
  measures: z.number().int(),
  measures_off_track: z.number().int(),
});
export type StrategyCounts = z.infer<typeof StrategyCounts>;

export const StrategySummary = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    purpose: z.string(),
    scope: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    lead: Person,
    counts: StrategyCounts,
  })
  .openapi('StrategySummary');
export type StrategySummary = z.infer<typeof StrategySummary>;

const Milestone = z.object({
  id: z.number().int(),
  title: z.string(),
  due_on: z.string(),
  done_on: z.string().nullable(),
  overdue: z.boolean().openapi({ description: 'Not done and due before today' }),
});
export type Milestone = z.infer<typeof Milestone>;

export const ActionSummary = z
  .object({
    id: z.number().int(),
    code: z.string(),
    title: z.string(),
    strand_id: z.number().int(),
    parent_id: z.number().int().nullable().openapi({ description: 'The action this is a sub-action of' }),
    lead: Person,
    status: Status,
    status_on: z.string().nullable(),
    groups: z.array(z.string()).openapi({ description: 'Codes of the groups it serves' }),
    next_milestone: Milestone.nullable(),
    overdue_milestones: z.number().int(),
    can_update: z
      .boolean()
      .openapi({ description: 'The caller may update its status, milestones and evidence' }),
  })
  .openapi('StrategyActionSummary');
export type ActionSummary = z.infer<typeof ActionSummary>;

export const Measure = z
  .object({
    id: z.number().int(),
    strand_id: z.number().int().nullable(),
    action_id: z.number().int().nullable(),
    indicator: z.object({
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      decimals: z.number().int(),
      direction: z.enum(indicatorDirections),
    }),
    org_unit: z.object({ code: z.string(), name: z.string() }),
    baseline_value: z.number(),
    baseline_period: z.string(),
    target_value: z.number(),
    target_period: z.string(),
    trajectory: z.enum(trajectories),
    tolerance: z.number(),
    latest: z
      .object({ period: z.string(), value: z.number() })
      .nullable()
      .openapi({ description: 'The latest value of the roll-up, in periods like the target’s' }),
    expected: z.number().nullable().openapi({ description: 'The trajectory’s value at the latest period' }),
    judgement: z.enum(measureJudgements),
  })
  .openapi('StrategyMeasure');
export type Measure = z.infer<typeof Measure>;

const LinkEnd = z.object({
  strategy: z.object({ code: z.string(), name: z.string() }),
  strand: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
  measure: z.object({ id: z.number().int(), indicator: z.string(), org_unit: z.string() }).nullable(),
});
export const StrategyLink = z.object({
  id: z.number().int(),
  from: LinkEnd,
  to: LinkEnd,
  note: z.string(),
});
export type StrategyLink = z.infer<typeof StrategyLink>;

export const Strand = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  purpose: z.string(),
  lead: Person,
  position: z.number().int(),
  can_edit: z.boolean().openapi({ description: 'The caller may add and change its actions' }),
  actions: z.array(ActionSummary).openapi({ description: 'In order; sub-actions follow their parent' }),
});
export type Strand = z.infer<typeof Strand>;

export const Strategy = StrategySummary.extend({
  can_edit: z.boolean().openapi({ description: 'The caller may change the whole strategy' }),
  strands: z.array(Strand),
  measures: z.array(Measure),
  contributes_to: z.array(StrategyLink),
  contributed_by: z.array(StrategyLink),
}).openapi('Strategy');
export type Strategy = z.infer<typeof Strategy>;

const Update = z.object({
  id: z.number().int(),
  on: z.string(),
  author: z.string(),
  from_status: Status.nullable(),
  to_status: Status,
  commentary: z.string(),
});
const Evidence = z.object({
  id: z.number().int(),
  note: z.string(),
  url: z.string().nullable(),
  added_on: z.string(),
  author: z.string(),
});

export const ActionDetail = ActionSummary.extend({
  purpose: z.string(),
  strategy: z.object({ code: z.string(), name: z.string(), lead: Person }),
  strand: z.object({ id: z.number().int(), code: z.string(), name: z.string(), lead: Person }),
  parent: z.object({ id: z.number().int(), code: z.string(), title: z.string() }).nullable(),
  sub_actions: z.array(ActionSummary),
  can_edit: z.boolean().openapi({ description: 'The caller may change its title, lead, groups and place' }),
  milestones: z.array(Milestone),
  updates: z.array(Update).openapi({ description: 'The status log, newest first' }),
  evidence: z.array(Evidence),
  measures: z.array(Measure),
}).openapi('StrategyAction');
export type ActionDetail = z.infer<typeof ActionDetail>;

export const MyItem = z.object({
  kind: z.enum(['strategy', 'strand', 'action']),
  strategy: z.object({ code: z.string(), name: z.string() }),
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  status: Status.nullable(),
  status_on: z.string().nullable(),
  next_milestone: Milestone.nullable(),
  overdue_milestones: z.number().int(),
  unowned_beneath: z
    .number()
    .int()
    .openapi({ description: 'For a strategy or strand: the items beneath it with no lead' }),
  measures_off_track: z.number().int(),
  measures: z
    .array(Measure)
    .openapi({ description: 'The measures linked to the item (a strategy: all of its measures), judged' }),
  request: CycleAsk.nullable().openapi({
    description: 'What the open termly cycle asks of you for this item (null: nothing asked)',
  }),
  not_updated: z
    .array(
      z.object({ id: z.number().int(), code: z.string(), title: z.string(), lead: z.string().nullable() }),
    )
    .openapi({ description: 'For a strand: its actions the open cycle still waits on' }),
});
export type MyItem = z.infer<typeof MyItem>;

export const StrategyGroup = z.object({ code: z.string(), name: z.string() });
export type StrategyGroup = z.infer<typeof StrategyGroup>;

export const StrategyInput = z.object({
  code: Code,
  name: Title,
  purpose: LongText.default(''),
  scope: z.string().min(1).openapi({ description: 'The authority’s or an area’s code' }),
  lead: PersonCode.default(null).openapi({ description: 'The overarching lead’s person code' }),
});
export type StrategyInput = z.infer<typeof StrategyInput>;

export const StrategyEdit = z
  .object({ name: Title, purpose: LongText, lead: PersonCode })
  .partial()
  .refine(...someField);
export type StrategyEdit = z.infer<typeof StrategyEdit>;

export const StrandInput = z.object({
  code: Code,
  name: Title,
  purpose: LongText.default(''),
  lead: PersonCode.default(null),
  position: z.number().int().min(0).max(1000).optional().openapi({ description: 'Default: last' }),
});
export type StrandInput = z.infer<typeof StrandInput>;

export const StrandEdit = z
  .object({ name: Title, purpose: LongText, lead: PersonCode, position: z.number().int().min(0).max(1000) })
  .partial()
  .refine(...someField);
export type StrandEdit = z.infer<typeof StrandEdit>;

export const ActionInput = z.object({
  code: Code,
  title: Title,
  purpose: LongText.default(''),
  lead: PersonCode.default(null),
  parent: z
    .number()
    .int()
    .positive()
    .nullable()
    .default(null)
    .openapi({ description: 'Id of the parent action' }),
  groups: z.array(z.string()).max(50).default([]),
  position: z.number().int().min(0).max(1000).optional(),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const ActionEdit = z
  .object({
    title: Title,
    purpose: LongText,
    lead: PersonCode,
    groups: z.array(z.string()).max(50),
    position: z.number().int().min(0).max(1000),
  })
  .partial()
  .refine(...someField);
export type ActionEdit = z.infer<typeof ActionEdit>;

export const StatusUpdate = z.object({
  status: Status,
  commentary: LongText.default('').openapi({ description: 'Required when at risk or off track: why' }),
  on: IsoDate.optional().openapi({ description: 'The day it is true from; default today' }),
});
export type StatusUpdate = z.infer<typeof StatusUpdate>;

export const MilestoneInput = z.object({ title: Title, due_on: IsoDate });
export type MilestoneInput = z.infer<typeof MilestoneInput>;

export const MilestoneEdit = z
  .object({ title: Title, due_on: IsoDate, done_on: IsoDate.nullable() })
  .partial()
  .refine(...someField);
export type MilestoneEdit = z.infer<typeof MilestoneEdit>;

export const EvidenceInput = z
  .object({
    note: LongText.default(''),
    url: z.string().url().max(2000).nullable().default(null),
  })
  .refine((e) => e.note.trim().length > 0 || e.url !== null, 'give a note, a link or both');
export type EvidenceInput = z.infer<typeof EvidenceInput>;

export const MeasureInput = z.object({
  strand: z
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: 'The strand it measures (or action)' }),
  action: RowId.optional(),
  indicator: z.string().min(1),
  org_unit: z.string().optional().openapi({ description: 'Default: the strategy’s scope' }),
  baseline_value: z.number().finite(),
  baseline_period: PeriodId,
  target_value: z.number().finite(),
  target_period: PeriodId,
  trajectory: z.enum(trajectories).default('straight'),
  tolerance: z.number().finite().min(0).default(0),
});
export type MeasureInput = z.infer<typeof MeasureInput>;

export const LinkInput = z.object({
  from_strand: RowId.optional(),
  from_measure: RowId.optional(),
  to_strand: RowId.optional(),
  to_measure: RowId.optional(),
  note: LongText.default(''),
});
export type LinkInput = z.infer<typeof LinkInput>;

export const GroupInput = z.object({ code: Code, name: Title });
export type GroupInput = z.infer<typeof GroupInput>;

export const CodeParam = z.object({ code: z.string().min(1).max(40) });
const Created = z.object({ id: z.number().int() });
const tags = ['strategies'];

export const listStrategiesRoute = createRoute({
  method: 'get',
  path: '/strategies',
  tags,
  summary: 'The strategies whose scope includes the caller, with counts (unowned items, off track)',
  responses: { 200: jsonResponse(z.object({ strategies: z.array(StrategySummary) }), 'By code') },
});

export const createStrategyRoute = createRoute({
  method: 'post',
  path: '/strategies',
  tags,
  summary: 'Create a strategy for the authority or an area, with its overarching lead',
  request: { body: jsonBody(StrategyInput) },
  responses: {
    201: jsonResponse(Created, 'Created'),
    400: errorResponse('A bad field: unknown unit or person, a school as scope'),
    403: errorResponse('Only the director (or an admin) sets up strategies'),
    409: errorResponse('The code is taken'),
  },
});

export const listGroupsRoute = createRoute({
  method: 'get',
  path: '/strategies/groups',
  tags,
  summary: 'The groups an action may serve (heads, deputies, bursars …)',
  responses: { 200: jsonResponse(z.object({ groups: z.array(StrategyGroup) }), 'In order') },
});

export const addGroupRoute = createRoute({
  method: 'post',
  path: '/strategies/groups',
  tags,
  summary: 'Add a group to the list',
  request: { body: jsonBody(GroupInput) },
  responses: {
    201: jsonResponse(StrategyGroup, 'Added'),
    403: errorResponse('Only those who set up strategies'),
    409: errorResponse('The code is taken'),
  },
});

export const findPeopleRoute = createRoute({
  method: 'get',
  path: '/strategies/people',
  tags,
  summary: 'Registry people whose name (or code) contains the text: leads are chosen by name',
  request: { query: z.object({ q: z.string().trim().min(2).max(100).openapi({ example: 'lewis' }) }) },
  responses: {
    200: jsonResponse(z.object({ people: z.array(StrategyGroup) }), 'Up to 20, by family then given name'),
  },
});

export const myPlanRoute = createRoute({
  method: 'get',
  path: '/strategies/mine',
  tags,
  summary: 'My part of the plan: the items the caller leads across strategies, soonest due first',
  responses: {
    200: jsonResponse(z.object({ items: z.array(MyItem) }), 'Strategies, strands and actions led'),
  },
});

export const strategyRoute = createRoute({
  method: 'get',
  path: '/strategies/{code}',
  tags,
  summary: 'A strategy: strands with their actions, measures against trajectory, links',
  request: {
    params: CodeParam,
    query: z.object({
      as_of: IsoDate.optional().openapi({
        description: 'The plan as it stood at the end of this day: its strands, actions and statuses then',
        example: '2026-03-31',
      }),
    }),
  },
  responses: {
    200: jsonResponse(Strategy, 'The whole plan'),
    404: errorResponse('No such strategy in scope'),
  },
});

export const editStrategyRoute = createRoute({
  method: 'patch',
  path: '/strategies/{code}',
  tags,
  summary: 'Change a strategy’s name, purpose or overarching lead',
  request: { params: CodeParam, body: jsonBody(StrategyEdit) },
  responses: {
    200: jsonResponse(Strategy, 'Changed'),
    403: errorResponse('Not the director or the overarching lead'),
    404: errorResponse('No such strategy in scope'),
  },
});

export const addStrandRoute = createRoute({
  method: 'post',
  path: '/strategies/{code}/strands',
  tags,
  summary: 'Add a strand',
  request: { params: CodeParam, body: jsonBody(StrandInput) },
  responses: {
    201: jsonResponse(Created, 'Added'),
    403: errorResponse('Not the director or the overarching lead'),
    404: errorResponse('No such strategy in scope'),
    409: errorResponse('The code is taken in this strategy'),
  },
});

export const addMeasureRoute = createRoute({
  method: 'post',
  path: '/strategies/{code}/measures',
  tags,
  summary: 'Link an indicator to a strand or action, with baseline, target, trajectory and tolerance',
  request: { params: CodeParam, body: jsonBody(MeasureInput) },
  responses: {
    201: jsonResponse(Created, 'Linked'),
    400: errorResponse('Unknown indicator or unit, a target before its baseline'),
    403: errorResponse('Not allowed to change that strand or action'),
    404: errorResponse('No such strategy in scope'),
  },
});

export const deleteMeasureRoute = createRoute({
  method: 'delete',
  path: '/strategies/measures/{id}',
  tags,
  summary: 'Unlink a measure',
  request: { params: IdParam },
  responses: {
    204: { description: 'Unlinked' },
    403: errorResponse('Not allowed'),
    404: errorResponse('No such measure'),
  },
});

export const addLinkRoute = createRoute({
  method: 'post',
  path: '/strategies/links',
  tags,
  summary: 'Say that a strand or measure contributes to another strategy’s strand or measure',
  request: { body: jsonBody(LinkInput) },
  responses: {
    201: jsonResponse(Created, 'Linked'),
    400: errorResponse('Not one from and one to, or both in the same strategy'),
    403: errorResponse('Not allowed to change the contributing strategy'),
    404: errorResponse('No such strand or measure'),
  },
});

export const deleteLinkRoute = createRoute({
  method: 'delete',
  path: '/strategies/links/{id}',
  tags,
  summary: 'Remove a link between strategies',
  request: { params: IdParam },
  responses: {
    204: { description: 'Removed' },
    403: errorResponse('Not allowed'),
    404: errorResponse('No such link'),
  },
});

export const editStrandRoute = createRoute({
  method: 'patch',
  path: '/strategies/strands/{id}',
  tags,
  summary: 'Change a strand’s name, purpose, lead or place',
  request: { params: IdParam, body: jsonBody(StrandEdit) },
  responses: {
    204: { description: 'Changed' },
    403: errorResponse('Not the director or the overarching lead'),
    404: errorResponse('No such strand in scope'),
  },
});

export const addActionRoute = createRoute({
  method: 'post',
  path: '/strategies/strands/{id}/actions',
  tags,
  summary: 'Add an action (or a sub-action) to a strand',
  request: { params: IdParam, body: jsonBody(ActionInput) },
  responses: {
    201: jsonResponse(Created, 'Added, not started'),
    400: errorResponse('Unknown person, group or parent action'),
    403: errorResponse('Not the strand’s lead, the overarching lead or the director'),
    404: errorResponse('No such strand in scope'),
    409: errorResponse('The code is taken in this strand'),
  },
});

export const actionRoute = createRoute({
  method: 'get',
  path: '/strategies/actions/{id}',
  tags,
  summary: 'An action: facts, milestones, status log, evidence, measures',
  request: {
    params: IdParam,
    query: z.object({
      as_of: IsoDate.optional().openapi({
        description: 'The action as it stood at the end of this day: its strand, lead and status then',
      }),
    }),
  },
  responses: { 200: jsonResponse(ActionDetail, 'The action'), 404: errorResponse('No such action in scope') },
});

export const editActionRoute = createRoute({
  method: 'patch',
  path: '/strategies/actions/{id}',
  tags,
  summary: 'Change an action’s title, purpose, lead, groups or place',
  request: { params: IdParam, body: jsonBody(ActionEdit) },
  responses: {
    200: jsonResponse(ActionDetail, 'Changed'),
    403: errorResponse('Not the strand’s lead, the overarching lead or the director'),
    404: errorResponse('No such action in scope'),
  },
});

export const updateActionRoute = createRoute({
  method: 'post',
  path: '/strategies/actions/{id}/updates',
  tags,
  summary: 'Record the action’s status with commentary (a reason is required when at risk or off track)',
  request: { params: IdParam, body: jsonBody(StatusUpdate) },
  responses: {
    201: jsonResponse(Created, 'Recorded'),
    400: errorResponse(
      'At risk or off track without a reason; a date in the future or before the last update',
    ),
    403: errorResponse('Not the action’s lead or someone above them'),
    404: errorResponse('No such action in scope'),
  },
});

export const addMilestoneRoute = createRoute({
  method: 'post',
  path: '/strategies/actions/{id}/milestones',
  tags,
  summary: 'Add a milestone to an action',
  request: { params: IdParam, body: jsonBody(MilestoneInput) },
  responses: {
    201: jsonResponse(Created, 'Added'),
    403: errorResponse('Not the action’s lead or someone above them'),
    404: errorResponse('No such action in scope'),
  },
});

export const editMilestoneRoute = createRoute({
  method: 'patch',
  path: '/strategies/milestones/{id}',
  tags,
  summary: 'Mark a milestone done (or not), or change its title or due date',
  request: { params: IdParam, body: jsonBody(MilestoneEdit) },
  responses: {
    204: { description: 'Changed' },
    400: errorResponse('A done date in the future'),
    403: errorResponse('Not the action’s lead or someone above them'),
    404: errorResponse('No such milestone in scope'),
  },
});

export const addEvidenceRoute = createRoute({
  method: 'post',
  path: '/strategies/actions/{id}/evidence',
  tags,
  summary: 'Add evidence to an action: a note, a link or both',
  request: { params: IdParam, body: jsonBody(EvidenceInput) },
  responses: {
    201: jsonResponse(Created, 'Added'),
    403: errorResponse('Not the action’s lead or someone above them'),
    404: errorResponse('No such action in scope'),
  },
});
