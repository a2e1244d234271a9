// The redeployment plan's API (/teachers/plans): make a plan for an area in a month under limits, read it
// with each move's reason and effect, accept or reject moves, raise the accepted ones as actions of a
// "teacher deployment" challenge, and take it away as a workbook.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IdParam, jsonBody, jsonResponse, RowId, RowIdText } from '../contract.ts';

export const moveDecisions = ['proposed', 'accepted', 'rejected'] as const;
export type MoveDecision = (typeof moveDecisions)[number];

const MonthText = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .openapi({ example: '2026-10' });

export const PlanInput = z
  .object({
    area: z.string().trim().min(1).max(40).optional().openapi({
      description:
        "An area's code to plan for; default: the whole authority (a director's only: an area lead names their area). Within clusters: set within_clusters",
    }),
    month: MonthText.optional().openapi({ description: 'Default: the latest month with teacher data' }),
    max_km: z.number().positive().max(500).default(25).openapi({ description: 'Travel distance at most' }),
    max_moves_out: z.number().int().min(1).max(50).default(2).openapi({
      description: 'At most this many teachers leave any one school',
    }),
    within_clusters: z.boolean().default(false).openapi({ description: 'Moves only within a cluster' }),
    recruits: z.number().int().min(0).max(10_000).default(0).openapi({
      description: 'New teachers to post to the largest gaps the moves leave',
    }),
    detour: z.number().min(1).max(3).default(1.3).openapi({
      description: 'Road distance as a multiple of the straight line (roads are unknown)',
    }),
  })
  .openapi('TeacherPlanInput');
export type PlanInput = z.input<typeof PlanInput>;

export const StaffingFiguresShape = z
  .object({
    gap: z.number().openapi({ description: 'Teachers lacking against the norm, over schools under it' }),
    surplus: z.number().openapi({ description: 'Teachers over the norm, over schools above it' }),
    schoolsAboveMaxRatio: z.number(),
    pupilsInSchoolsAboveMaxRatio: z.number(),
    degreeOfRandomness: z.number().nullable().openapi({
      description:
        '1 - R² of teachers on pupils, within each phase and averaged by schools, as the Teachers page gives it',
    }),
  })
  .openapi('StaffingFigures');
export type StaffingFiguresShape = z.infer<typeof StaffingFiguresShape>;

const SchoolRef = z.object({ code: z.string(), name: z.string() });

export const PlanMove = z
  .object({
    id: RowId,
    from: SchoolRef,
    to: SchoolRef,
    teachers: z.number().int(),
    km: z.number(),
    reason: z.string().openapi({ example: 'from S0123, 14 over the norm, to S0456, 9 under, 6 km' }),
    decision: z.enum(moveDecisions),
    decided_by: z.string().nullable(),
    decided_on: z.string().nullable(),
    action_id: z.number().nullable(),
    /** The receiving school's gap in the plan's month and in the latest month: did it close? */
    to_gap_then: z.number().nullable(),
    to_gap_now: z.number().nullable(),
  })
  .openapi('TeacherPlanMove');
export type PlanMove = z.infer<typeof PlanMove>;

export const TeacherPlan = z
  .object({
    id: RowId,
    unit: SchoolRef,
    month: z.string(),
    latest_month: z.string().nullable(),
    limits: z.object({
      max_km: z.number(),
      max_moves_out: z.number(),
      within_clusters: z.boolean(),
      recruits: z.number(),
      detour: z.number(),
    }),
    objective: z.number().openapi({ description: 'Teachers the moves move: the gap they close' }),
    bound: z.number().openapi({ description: 'No plan under these limits could move more' }),
    optimal: z.boolean(),
    km: z.number(),
    before: StaffingFiguresShape,
    after: StaffingFiguresShape.openapi({ description: 'After every move and recruit' }),
    unlocated: z
      .array(z.string())
      .openapi({ description: 'Schools over or under the norm without coordinates' }),
    made_by: z.string(),
    made_on: z.string(),
    challenge_id: z.number().nullable(),
    moves: z.array(PlanMove),
    recruits: z.array(z.object({ school: SchoolRef, teachers: z.number() })),
  })
  .openapi('TeacherPlan');
export type TeacherPlan = z.infer<typeof TeacherPlan>;

export const PlanSummary = TeacherPlan.pick({
  id: true,
  unit: true,
  month: true,
  objective: true,
  bound: true,
  made_by: true,
  made_on: true,
  challenge_id: true,
})
  .extend({ moves: z.number(), accepted: z.number() })
  .openapi('TeacherPlanSummary');
export type PlanSummary = z.infer<typeof PlanSummary>;

export const DecisionInput = z.object({ decision: z.enum(moveDecisions) }).openapi('TeacherMoveDecision');
export type DecisionInput = z.infer<typeof DecisionInput>;

export const RaiseInput = z
  .object({
    owner: z.string().trim().min(1).max(40).optional().openapi({
      description: 'Person code who owns the actions; default the caller',
    }),
    due_on: z.string().date().optional(),
  })
  .openapi('TeacherPlanRaise');
export type RaiseInput = z.infer<typeof RaiseInput>;

const tags = ['teachers'];
const MoveParam = z.object({ id: RowIdText, move: RowIdText });

export const makePlanRoute = createRoute({
  method: 'post',
  path: '/teachers/plans',
  tags,
  summary: 'Make (and keep) a redeployment plan for an area in a month under limits',
  request: { body: jsonBody(PlanInput) },
  responses: {
    201: jsonResponse(TeacherPlan, 'The plan, each move with its reason, the figures before and after'),
    400: errorResponse('A limit out of range, or no teacher data for the month'),
    403: errorResponse('Only the director and area leads make plans'),
    404: errorResponse('No such area in your scope'),
  },
});

export const listPlansRoute = createRoute({
  method: 'get',
  path: '/teachers/plans',
  tags,
  summary: 'Redeployment plans for the units the caller sees, newest first',
  responses: { 200: jsonResponse(z.object({ plans: z.array(PlanSummary) }), 'Plans') },
});

export const planRoute = createRoute({
  method: 'get',
  path: '/teachers/plans/{id}',
  tags,
  summary: 'A redeployment plan with its moves, their decisions and whether each gap closed since',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(TeacherPlan, 'The plan'),
    404: errorResponse('No such plan in your scope'),
  },
});

export const decideMoveRoute = createRoute({
  method: 'put',
  path: '/teachers/plans/{id}/moves/{move}',
  tags,
  summary: 'Accept or reject a move (or put it back to proposed)',
  request: { params: MoveParam, body: jsonBody(DecisionInput) },
  responses: {
    200: jsonResponse(PlanMove, 'The move as decided'),
    400: errorResponse('A move already raised as an action cannot be rejected'),
    403: errorResponse('Only the director and area leads decide moves'),
    404: errorResponse('No such plan or move in your scope'),
  },
});

export const raisePlanRoute = createRoute({
  method: 'post',
  path: '/teachers/plans/{id}/raise',
  tags,
  summary:
    'Raise the accepted moves as actions of a "teacher deployment" challenge the monthly meeting tracks',
  request: { params: IdParam, body: jsonBody(RaiseInput) },
  responses: {
    200: jsonResponse(
      z.object({ challenge_id: z.number(), actions: z.number() }),
      'The challenge and new actions',
    ),
    400: errorResponse('No accepted move is waiting to be raised'),
    403: errorResponse('Only the director and area leads raise plans'),
    404: errorResponse('No such plan in your scope'),
  },
});

export const planWorkbookRoute = createRoute({
  method: 'get',
  path: '/teachers/plans/{id}/workbook',
  tags,
  summary: 'The plan as an XLSX workbook: moves, recruits, figures before and after, the limits',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'XLSX',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
    404: errorResponse('No such plan in your scope'),
  },
});
