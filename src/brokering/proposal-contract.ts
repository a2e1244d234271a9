// The brokering API's match: the pool of system leaders, a proposal with each pair's reasons and the
// proven gap, and the broker's decisions on it.
import { createRoute, z } from '@hono/zod-openapi';
import {
  AsOfQuery,
  errorResponse,
  IdParam,
  IsoDate,
  jsonBody,
  jsonResponse,
  RowId,
  RowIdText,
} from '../contract.ts';

export const SystemLeader = z
  .object({
    code: z.string(),
    name: z.string(),
    designations: z.array(z.string()),
    roles: z.array(z.string()).openapi({ description: 'The kinds of need they may meet' }),
    host: z.boolean().openapi({ description: 'A head without a designation hosting practice sharing' }),
    school: z.string().nullable(),
    school_name: z.string().nullable(),
    phase: z.string().nullable(),
    funded: z.number(),
    committed: z.number(),
    left: z.number(),
    places: z.number().int().openapi({ description: 'Schools supported now' }),
    schools: z
      .array(z.string())
      .openapi({ description: 'Those of the schools supported now that lie in the caller’s scope' }),
    headship_years: z.number(),
    strengths: z.array(z.string()),
    track: z.object({ finished: z.number().int(), improved: z.number().int() }),
  })
  .openapi('SystemLeader');
export type SystemLeader = z.infer<typeof SystemLeader>;

export const LeaderFit = z.object({ leader: z.string(), leader_name: z.string(), fit: z.number() });
export type LeaderFit = z.infer<typeof LeaderFit>;

/** The parts of fit, each between 0 and 1, that the settings' weights average. */
export const FitParts = z.object({
  phase: z.number(),
  strength: z.number(),
  distance: z.number(),
  track_record: z.number(),
});
export type FitParts = z.infer<typeof FitParts>;

export const ProposedPair = LeaderFit.extend({
  need: z.number().int(),
  school: z.string(),
  school_name: z.string(),
  kind: z.string(),
  days: z.number(),
  evidence: z.string(),
  parts: FitParts,
  km: z.number().nullable(),
  reasons: z.array(z.string()).openapi({ description: 'Why this leader' }),
  next_best: LeaderFit.extend({ why_not: z.string() }).nullable(),
  area: z.string().nullable().openapi({ description: 'The area of the school' }),
  weak: z.array(z.string()).openapi({
    description:
      'What makes the pair weak (a low fit, distance unknown, a school with no head); empty when none',
  }),
  best_because: z.string().openapi({
    description:
      'Why this leader is still the best available: how many leaders were eligible, and what the others are doing',
  }),
});
export type ProposedPair = z.infer<typeof ProposedPair>;

export const UnmetNeed = z.object({
  need: z.number().int(),
  school: z.string(),
  school_name: z.string(),
  kind: z.string(),
  why: z.string(),
});
export type UnmetNeed = z.infer<typeof UnmetNeed>;

export const Proposal = z
  .object({
    id: z.number().int(),
    unit: z.string(),
    created_by: z.string(),
    created_at: z.string(),
    status: z.enum(['optimal', 'time_limit']).openapi({
      description: 'optimal: within the gap asked for; time_limit: stopped at the time limit with this gap',
    }),
    method: z.enum(['lp_and_fix', 'lagrangian', 'mip']).openapi({
      description: 'The step that found the assignment: LP-and-fix, the Lagrangian repair, or the whole MIP',
    }),
    objective: z.number().openapi({ description: 'Total fit of the proposed pairs' }),
    bound: z.number().openapi({
      description:
        'A proven upper bound on the total fit (the LP relaxation, the Lagrangian or HiGHS’s MIP bound)',
    }),
    gap: z.number().openapi({ description: '(bound - objective) / objective' }),
    seconds: z.number(),
    needs: z.number().int(),
    leaders: z.number().int(),
    candidates: z.number().int().openapi({ description: 'Eligible leader-need pairs' }),
    pairs: z.array(ProposedPair),
    unmet: z.array(UnmetNeed),
  })
  .openapi('BrokeringProposal');
export type Proposal = z.infer<typeof Proposal>;

export const ProposeInput = z.object({ area: z.string().optional(), as_of: IsoDate.optional() });
export type ProposeInput = z.infer<typeof ProposeInput>;

export const Decision = z.object({
  need: RowId,
  decision: z.enum(['accept', 'swap', 'reject']),
  leader: z.string().optional().openapi({ description: 'Swap: the leader instead; reject: whom' }),
  reason: z.string().trim().max(2000).optional(),
});
export type Decision = z.infer<typeof Decision>;

export const Decisions = z.object({
  decisions: z.array(Decision).min(1),
  as_of: IsoDate.optional().openapi({ description: 'The date decided on (default: today)' }),
});
export type Decisions = z.infer<typeof Decisions>;

export const AcceptRule = z
  .object({
    min_fit: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .openapi({ description: 'Only pairs with fit at or above this' }),
    areas: z
      .array(z.string())
      .min(1)
      .optional()
      .openapi({ description: 'Only pairs at schools in these areas (codes)' }),
  })
  .openapi({ description: 'Accept every pair that meets all of these; an empty rule accepts every pair' });
export type AcceptRule = z.infer<typeof AcceptRule>;

export const BulkDecisions = z
  .object({
    accept: AcceptRule.optional(),
    except: z
      .array(RowId)
      .default([])
      .openapi({ description: 'Needs the rule leaves undecided, for review' }),
    decisions: z.array(Decision).default([]).openapi({
      description:
        'Decisions on single pairs (a swap, a reject, an accept); the rule leaves these needs alone',
    }),
    as_of: IsoDate.optional().openapi({ description: 'The date decided on (default: today)' }),
  })
  .refine((b) => b.accept !== undefined || b.decisions.length > 0, {
    message: 'give a rule to accept by, or decisions on pairs',
  });
export type BulkDecisions = z.infer<typeof BulkDecisions>;

/** A solve running in the background, as the page polls it. */
export const ProposalJob = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    stage: z.string().openapi({ description: 'What it is doing now, in words' }),
    done: z.number().int().openapi({ description: 'Steps of the stage done (needs scored, say)' }),
    total: z.number().int().openapi({ description: 'Steps of the stage in all (0: not counted)' }),
    seconds: z.number().openapi({ description: 'Since it started' }),
    proposal: z.number().int().nullable().openapi({ description: 'The proposal made, when done' }),
    error: z.string().nullable(),
  })
  .openapi('ProposalJob');
export type ProposalJob = z.infer<typeof ProposalJob>;

export const DecisionReport = z
  .object({
    accepted: z.number().int().openapi({ description: 'Pairs accepted (by the rule or one by one)' }),
    swapped: z.number().int(),
    rejected: z.number().int(),
    excepted: z.number().int().openapi({ description: 'Pairs the rule would take, left for review' }),
    already: z.number().int().openapi({ description: 'Pairs already accepted from this proposal' }),
    not_open: z
      .number()
      .int()
      .openapi({ description: 'Pairs the rule would take whose need is no longer open; left alone' }),
    undecided: z.number().int().openapi({ description: 'Pairs of the proposal left undecided' }),
    summary: z.string().openapi({ description: 'What was done, in words' }),
    job: ProposalJob.openapi({ description: 'The match of what is left, running: poll it' }),
  })
  .openapi('DecisionReport');
export type DecisionReport = z.infer<typeof DecisionReport>;

export const Alternative = LeaderFit.extend({
  parts: FitParts,
  km: z.number().nullable(),
  reasons: z.array(z.string()).openapi({ description: 'The same reasons a proposed pair gives' }),
  days_left: z.number().openapi({ description: 'Days the leader would have left after this need' }),
  proposed_for: z
    .object({ need: z.number().int(), school_name: z.string(), fit: z.number() })
    .nullable()
    .openapi({ description: 'Another pair of this proposal the leader is proposed for' }),
});
export type Alternative = z.infer<typeof Alternative>;

export const Alternatives = z.object({
  need: z.number().int(),
  school_name: z.string(),
  kind: z.string(),
  proposed: z.string().nullable().openapi({ description: 'The leader the proposal gives this need' }),
  alternatives: z.array(Alternative).openapi({ description: 'Best fit first' }),
});
export type Alternatives = z.infer<typeof Alternatives>;

/** The pool as on a date (default: today). */
export type LeaderQuery = z.infer<typeof AsOfQuery>;

export const listLeadersRoute = createRoute({
  method: 'get',
  path: '/brokering/leaders',
  tags: ['brokering'],
  summary:
    'The pool of system leaders (for those who broker; anyone else sees their own entry): roles, school, strengths, days funded, committed and left',
  request: { query: AsOfQuery },
  responses: { 200: jsonResponse(z.object({ leaders: z.array(SystemLeader) }), 'The pool') },
});

export const proposeRoute = createRoute({
  method: 'post',
  path: '/brokering/proposals',
  tags: ['brokering'],
  summary: 'Match the open needs of the caller’s scope (or an area) to leaders, optimally (HiGHS)',
  request: { body: jsonBody(ProposeInput) },
  responses: {
    201: jsonResponse(Proposal, 'The proposal, with each pair’s reasons and the proven gap'),
    400: errorResponse('An area lead must name the area'),
    403: errorResponse('Not a broker'),
  },
});

export const proposalRoute = createRoute({
  method: 'get',
  path: '/brokering/proposals/{id}',
  tags: ['brokering'],
  summary: 'A proposal as it was made',
  request: { params: IdParam },
  responses: { 200: jsonResponse(Proposal, 'The proposal'), 404: errorResponse('Not found in scope') },
});

export const decideRoute = createRoute({
  method: 'post',
  path: '/brokering/proposals/{id}/decisions',
  tags: ['brokering'],
  summary: 'Accept, swap or reject pairs; accepted ones become deployments and the rest is matched again',
  request: { params: IdParam, body: jsonBody(Decisions) },
  responses: {
    201: jsonResponse(Proposal, 'The new proposal for what is left'),
    409: errorResponse('A need is no longer open'),
    422: errorResponse('A swapped-in leader is not eligible'),
  },
});

export const bulkDecideRoute = createRoute({
  method: 'post',
  path: '/brokering/proposals/{id}/bulk-decisions',
  tags: ['brokering'],
  summary:
    'Accept the pairs a rule takes (every pair, fit at or above a score, in areas), with exceptions and single decisions, in one transaction; the rest is matched again in the background',
  request: { params: IdParam, body: jsonBody(BulkDecisions) },
  responses: {
    202: jsonResponse(DecisionReport, 'What was done, and the match of the rest, running'),
    400: errorResponse('Neither a rule nor decisions'),
    409: errorResponse('A need decided one by one is no longer open'),
    422: errorResponse('A leader is not eligible'),
  },
});

export const NeedParams = z.object({ id: RowIdText, need: RowIdText });

export const alternativesRoute = createRoute({
  method: 'get',
  path: '/brokering/proposals/{id}/needs/{need}/alternatives',
  tags: ['brokering'],
  summary:
    'The eligible leaders a broker may swap in for a need of a proposal, best fit first, with their fit, reasons and days left',
  request: { params: NeedParams },
  responses: {
    200: jsonResponse(Alternatives, 'The eligible leaders'),
    404: errorResponse('Not found in scope, or the need is not open'),
  },
});

export const startProposalJobRoute = createRoute({
  method: 'post',
  path: '/brokering/proposal-jobs',
  tags: ['brokering'],
  summary: 'Start a match in the background (as POST /brokering/proposals does), to follow its progress',
  request: { body: jsonBody(ProposeInput) },
  responses: {
    202: jsonResponse(ProposalJob, 'The match, running: poll it'),
    400: errorResponse('An area lead must name the area'),
    403: errorResponse('Not a broker'),
  },
});

export const JobParam = z.object({ job: z.string().uuid() });

export const proposalJobRoute = createRoute({
  method: 'get',
  path: '/brokering/proposal-jobs/{job}',
  tags: ['brokering'],
  summary: 'A background match: its stage and progress, and the proposal once made',
  request: { params: JobParam },
  responses: {
    200: jsonResponse(ProposalJob, 'The match'),
    404: errorResponse('No such match of yours (a restart forgets them)'),
  },
});
