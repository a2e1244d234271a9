// The placements API: candidates (participants of a programme whose candidates need an NPQH internship
// or an associate head's placement) matched to host schools by brokering's solver, each pair and each
// refusal with its reasons; the director accepts pairs, and the agreed placements are listed.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IdParam, IsoDate, jsonBody, jsonResponse, RowId } from '../contract.ts';
import { placementKinds, placementStatuses } from './lists.ts';

export const PlacementPair = z
  .object({
    participant: z.number().int(),
    name: z.string(),
    cohort: z.string(),
    school: z.string().openapi({ description: 'The candidate’s school at entry' }),
    school_name: z.string(),
    kind: z.enum(placementKinds),
    days: z.number(),
    host: z.string().openapi({ description: 'The host school’s head, who holds the host designation' }),
    host_name: z.string(),
    host_school: z.string(),
    host_school_name: z.string(),
    fit: z.number(),
    km: z.number().nullable(),
    reasons: z.array(z.string()).openapi({ description: 'Why this host' }),
    next_best: z.object({ host_school_name: z.string(), fit: z.number(), why_not: z.string() }).nullable(),
  })
  .openapi('PlacementPair');
export type PlacementPair = z.infer<typeof PlacementPair>;

export const PlacementRefusal = z
  .object({
    participant: z.number().int(),
    name: z.string(),
    cohort: z.string(),
    school: z.string().nullable(),
    school_name: z.string().nullable(),
    kind: z.enum(placementKinds),
    days: z.number(),
    why: z.string(),
  })
  .openapi('PlacementRefusal');
export type PlacementRefusal = z.infer<typeof PlacementRefusal>;

export const HostCapacity = z
  .object({
    host: z.string(),
    host_name: z.string(),
    host_school: z.string(),
    host_school_name: z.string(),
    kinds: z.array(z.enum(placementKinds)),
    funded: z.number().openapi({ description: 'Days a year the head’s designations fund' }),
    committed: z
      .number()
      .openapi({ description: 'Days already given: support deployments and agreed placements' }),
    proposed: z.number().openapi({ description: 'Days this proposal adds' }),
    places: z.number().int().openapi({ description: 'Candidates or schools taken at once, at most' }),
    taken: z.number().int().openapi({ description: 'Places taken now, and by this proposal' }),
  })
  .openapi('PlacementHost');
export type HostCapacity = z.infer<typeof HostCapacity>;

export const PlacementProposal = z
  .object({
    as_of: IsoDate,
    candidates: z.number().int(),
    status: z.enum(['optimal', 'time_limit']),
    objective: z.number().openapi({ description: 'Total fit of the pairs' }),
    gap: z.number().openapi({ description: 'Proven relative gap to the best possible total' }),
    pairs: z.array(PlacementPair),
    refused: z.array(PlacementRefusal).openapi({ description: 'Candidates left unplaced, each with why' }),
    hosts: z.array(HostCapacity),
  })
  .openapi('PlacementProposal');
export type PlacementProposal = z.infer<typeof PlacementProposal>;

export const ProposePlacements = z
  .object({
    programme: z.string().max(40).optional().openapi({ description: 'Only this programme’s candidates' }),
  })
  .openapi('ProposePlacements');
export type ProposePlacements = z.infer<typeof ProposePlacements>;

export const proposePlacementsRoute = createRoute({
  method: 'post',
  path: '/programmes/placements/proposal',
  tags: ['programmes'],
  summary:
    'Match the candidates needing a placement to host schools with brokering’s solver (a whole-authority director); nothing is kept until accepted',
  request: { body: jsonBody(ProposePlacements) },
  responses: {
    200: jsonResponse(PlacementProposal, 'The proposal'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such programme'),
  },
});

export const AcceptPlacements = z
  .object({
    pairs: z
      .array(z.object({ participant: RowId, host: z.string().min(1).max(40) }))
      .min(1)
      .max(500),
  })
  .openapi('AcceptPlacements');
export type AcceptPlacements = z.infer<typeof AcceptPlacements>;

export const Placement = z
  .object({
    id: z.number().int(),
    participant: z.number().int(),
    name: z.string(),
    cohort: z.string(),
    school: z.string().nullable(),
    school_name: z.string().nullable(),
    kind: z.enum(placementKinds),
    days: z.number(),
    host: z.string(),
    host_name: z.string(),
    host_school: z.string(),
    host_school_name: z.string(),
    status: z.enum(placementStatuses),
    fit: z.number().nullable(),
    reasons: z.array(z.string()),
    agreed_by: z.string(),
    agreed_on: IsoDate,
  })
  .openapi('Placement');
export type Placement = z.infer<typeof Placement>;

export const acceptPlacementsRoute = createRoute({
  method: 'post',
  path: '/programmes/placements',
  tags: ['programmes'],
  summary:
    'Agree placements (a whole-authority director): each pair is checked again against the host rules and capacity; all or none',
  request: { body: jsonBody(AcceptPlacements) },
  responses: {
    201: jsonResponse(z.object({ placements: z.array(Placement) }), 'Agreed'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such participant or host'),
    409: errorResponse('A pair breaks a rule or a host’s capacity: nothing was agreed'),
  },
});

export const listPlacementsRoute = createRoute({
  method: 'get',
  path: '/programmes/placements',
  tags: ['programmes'],
  summary:
    'Placements the caller may see: the candidate’s school or the host school in their scope (programme participants by name)',
  responses: {
    200: jsonResponse(z.object({ placements: z.array(Placement) }), 'The placements'),
    403: errorResponse('Not allowed'),
  },
});

export const PlacementChange = z
  .object({ status: z.enum(['finished', 'cancelled']) })
  .strict()
  .openapi('PlacementChange');
export type PlacementChange = z.infer<typeof PlacementChange>;

export const changePlacementRoute = createRoute({
  method: 'patch',
  path: '/programmes/placements/{id}',
  tags: ['programmes'],
  summary:
    'Mark a placement finished or cancelled (a whole-authority director): either frees the host’s days',
  request: {
    params: IdParam,
    body: jsonBody(PlacementChange),
  },
  responses: {
    200: jsonResponse(Placement, 'The placement now'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such placement'),
    409: errorResponse('Already finished or cancelled'),
  },
});
