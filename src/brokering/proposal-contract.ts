// The brokering API's match: the pool of system leaders, a proposal with each pair's reasons and the
// proven gap, and the broker's decisions on it.
import { createRoute, z } from '@hono/zod-openapi';
import { AsOfQuery, errorResponse, IdParam, IsoDate, jsonBody, jsonResponse, RowId } from '../contract.ts';

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
