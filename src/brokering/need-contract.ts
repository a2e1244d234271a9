// The brokering API's needs: a support need as the board lists it, and the routes that list, raise,
// withdraw, reopen and refresh needs.
import { createRoute, z } from '@hono/zod-openapi';
import { commaList, errorResponse, IdParam, IsoDate, jsonBody, jsonResponse } from '../contract.ts';
import { needKinds, needRules, needStatuses } from './contract.ts';

export const Need = z
  .object({
    id: z.number().int(),
    school: z.string(),
    school_name: z.string(),
    area: z.string().nullable(),
    kind: z.enum(needKinds),
    rule: z.enum(needRules),
    indicator: z.string().nullable(),
    evidence: z.string().openapi({ description: 'What the rule saw, in words' }),
    figures: z.record(z.string(), z.unknown()),
    days: z.number(),
    status: z.enum(needStatuses),
    raised_on: z.string(),
    raised_by: z.string(),
    /** The active or last deployment meeting it. */
    deployment: z
      .object({ id: z.number().int(), leader: z.string(), leader_name: z.string(), status: z.string() })
      .nullable(),
  })
  .openapi('SupportNeed');
export type Need = z.infer<typeof Need>;

export const NeedQuery = z.object({
  area: z.string().optional(),
  school: z.string().optional(),
  status: commaList(needStatuses),
  kind: commaList(needKinds),
});
export type NeedQuery = z.infer<typeof NeedQuery>;

export const RaiseNeed = z.object({
  school: z.string(),
  kind: z.enum(needKinds),
  evidence: z.string().trim().min(1).max(2000),
  days: z.number().positive().max(200).optional(),
  indicator: z.string().nullable().optional(),
});
export type RaiseNeed = z.infer<typeof RaiseNeed>;

/** Why a need is withdrawn or reopened, kept in the audit log. */
export const NeedReason = z.object({ reason: z.string().trim().min(1).max(2000) });
export type NeedReason = z.infer<typeof NeedReason>;

export const RefreshQuery = z.object({
  as_of: IsoDate.optional().openapi({
    description: 'The date to read the data on (default today); not before the last refresh',
  }),
});
export type RefreshQuery = z.infer<typeof RefreshQuery>;

export const RefreshResult = z.object({
  added: z.number().int(),
  reopened: z.number().int(),
  lapsed: z.number().int(),
});
export type RefreshResult = z.infer<typeof RefreshResult>;

export const listNeedsRoute = createRoute({
  method: 'get',
  path: '/brokering/needs',
  tags: ['brokering'],
  summary: 'Support needs of the schools the caller may see',
  request: { query: NeedQuery },
  responses: { 200: jsonResponse(z.object({ needs: z.array(Need) }), 'Needs') },
});

export const raiseNeedRoute = createRoute({
  method: 'post',
  path: '/brokering/needs',
  tags: ['brokering'],
  summary: 'Raise a need by hand (coaching for a head, say)',
  request: { body: jsonBody(RaiseNeed) },
  responses: {
    201: jsonResponse(Need, 'The need'),
    400: errorResponse('Not a school, or a practice need without its indicator'),
    403: errorResponse('Not a broker'),
  },
});

export const withdrawNeedRoute = createRoute({
  method: 'post',
  path: '/brokering/needs/{id}/withdraw',
  tags: ['brokering'],
  summary: 'Withdraw an open need, with the reason',
  request: { params: IdParam, body: jsonBody(NeedReason) },
  responses: { 200: jsonResponse(Need, 'The need'), 409: errorResponse('Not open') },
});

export const reopenNeedRoute = createRoute({
  method: 'post',
  path: '/brokering/needs/{id}/reopen',
  tags: ['brokering'],
  summary: 'Reopen a lapsed or withdrawn need, with the reason',
  request: { params: IdParam, body: jsonBody(NeedReason) },
  responses: {
    200: jsonResponse(Need, 'The need'),
    409: errorResponse('Not lapsed or withdrawn, or the same need stands already'),
  },
});

export const refreshNeedsRoute = createRoute({
  method: 'post',
  path: '/brokering/needs/refresh',
  tags: ['brokering'],
  summary:
    'Run the need rules on the caller’s schools now: add what they find (reopening a need lapsed within a term), lapse open needs they no longer find',
  request: { query: RefreshQuery },
  responses: {
    200: jsonResponse(RefreshResult, 'What changed'),
    400: errorResponse('A date before the last refresh or in the future'),
    403: errorResponse('Not a broker'),
  },
});
