// Reorganising a strategy and reading its history: the changes (move an action, merge, split, retire
// or change a strand), each with a required reason; a change as the log records it; and the routes.
// Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { DryRunQuery, errorResponse, IdParam, IsoDate, jsonBody, jsonResponse, RowId } from '../contract.ts';
import { Code, CodeParam, PersonCode, Title } from './contract.ts';

const Reason = z
  .string()
  .trim()
  .min(1, 'say why (every reorganisation records its reason)')
  .max(2000)
  .openapi({ description: 'Why: kept in the history with who and when' });
const On = IsoDate.optional().openapi({
  description: 'The day the change takes effect (default today; not before the last recorded change)',
});
const NewStrand = z.object({ code: Code, name: Title, lead: PersonCode.default(null) });

export const MoveAction = z.object({
  kind: z.literal('move_action'),
  action: RowId.openapi({
    description: 'Moves with its sub-actions, updates, evidence, milestones, measures',
  }),
  to_strand: RowId,
  reason: Reason,
  on: On,
});
export const MergeStrands = z.object({
  kind: z.literal('merge_strands'),
  strands: z.array(RowId).min(2).max(20).openapi({ description: 'The strands to merge' }),
  into: RowId.optional().openapi({ description: 'One of the strands, which keeps its name, code and lead' }),
  new_strand: NewStrand.optional().openapi({ description: 'Or a new strand they all merge into' }),
  reason: Reason,
  on: On,
});
export const SplitStrand = z.object({
  kind: z.literal('split_strand'),
  strand: RowId,
  actions: z
    .array(RowId)
    .min(1)
    .max(500)
    .openapi({ description: 'Go to the new strand with their sub-actions' }),
  new_strand: NewStrand,
  reason: Reason,
  on: On,
});
export const RetireStrand = z.object({
  kind: z.literal('retire_strand'),
  strand: RowId,
  actions: z.enum(['move', 'stop']).optional().openapi({
    description: 'What happens to its open actions: move (to to_strand) or stop; needed while any are open',
  }),
  to_strand: RowId.optional(),
  reason: Reason,
  on: On,
});
export const ChangeStrand = z.object({
  kind: z.literal('edit_strand'),
  strand: RowId,
  code: Code.optional(),
  name: Title.optional(),
  lead: PersonCode.optional(),
  reason: Reason,
  on: On,
});
export const Reorganisation = z
  .discriminatedUnion('kind', [MoveAction, MergeStrands, SplitStrand, RetireStrand, ChangeStrand])
  .openapi('Reorganisation');
export type Reorganisation = z.infer<typeof Reorganisation>;

const changeKinds = ['move_action', 'merge_strands', 'split_strand', 'retire_strand', 'edit_strand'] as const;
export type ChangeKind = (typeof changeKinds)[number];

const StrandRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export type StrandRef = z.infer<typeof StrandRef>;

export const ActionMove = z.object({
  action_id: z.number().int(),
  title: z.string(),
  from_strand: StrandRef,
  to_strand: StrandRef,
  from_code: z.string(),
  to_code: z.string().openapi({ description: 'Differs from from_code only when the code was taken' }),
});
export type ActionMove = z.infer<typeof ActionMove>;

export const PlanChange = z
  .object({
    id: z.number().int().nullable().openapi({ description: 'null in a dry run' }),
    on_date: z.string(),
    recorded_at: z.string(),
    kind: z.enum(changeKinds),
    summary: z.string().openapi({
      example: "Merged 'Middle leadership' into 'Succession planning' (7 actions moved)",
    }),
    author: z.string(),
    reason: z.string(),
    strand_ids: z.array(z.number().int()).openapi({ description: 'The strands involved' }),
    action_ids: z.array(z.number().int()).openapi({ description: 'The actions that moved or stopped' }),
    moves: z.array(ActionMove),
    notes: z.array(z.string()).openapi({ description: 'What else happened: new codes, stopped actions' }),
  })
  .openapi('PlanChange');
export type PlanChange = z.infer<typeof PlanChange>;

const Changes = z.object({ changes: z.array(PlanChange) });
const tags = ['strategies'];

export const reorganiseRoute = createRoute({
  method: 'post',
  path: '/strategies/{code}/reorganise',
  tags,
  summary: 'Move an action, merge, split, retire or change a strand, with a reason (dry_run to preview)',
  request: { params: CodeParam, query: DryRunQuery, body: jsonBody(Reorganisation) },
  responses: {
    200: jsonResponse(PlanChange, 'What changed (or, in a dry run, what would)'),
    400: errorResponse('No reason, a strand or action not in this strategy, or an ambiguous retirement'),
    403: errorResponse('Not the director, the overarching lead, or the lead of both strands'),
    404: errorResponse('No such strategy in scope'),
    409: errorResponse('A strand code already taken'),
  },
});

export const strategyHistoryRoute = createRoute({
  method: 'get',
  path: '/strategies/{code}/history',
  tags,
  summary: 'The changes to the plan, oldest first: after from, up to and including to',
  request: {
    params: CodeParam,
    query: z.object({ from: IsoDate.optional(), to: IsoDate.optional() }),
  },
  responses: { 200: jsonResponse(Changes, 'Oldest first'), 404: errorResponse('No such strategy in scope') },
});

export const actionHistoryRoute = createRoute({
  method: 'get',
  path: '/strategies/actions/{id}/history',
  tags,
  summary: 'The reorganisations an action took part in (its moves between strands), oldest first',
  request: { params: IdParam },
  responses: { 200: jsonResponse(Changes, 'Oldest first'), 404: errorResponse('No such action in scope') },
});
