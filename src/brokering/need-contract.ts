// The brokering API's needs: a support need as the board lists it, and the routes that list, raise,
// withdraw, reopen and refresh needs.
import { createRoute, z } from '@hono/zod-openapi';
import { commaList, errorResponse, IdParam, IsoDate, jsonBody, jsonResponse } from '../contract.ts';
import { needKinds, needRules, needStatuses } from './contract.ts';

/**
 * How pressing a need is, from the rule that found it, in the attention model's words: special
 * measures is critical; an inadequate or serious-weaknesses judgement, no head at all or value added
 * significantly below is high; a first-year head's mentoring (offered to every new head) is low; the
 * rest, and a need raised by hand, medium.
 */
export const needSeverities = ['critical', 'high', 'medium', 'low'] as const;
export type NeedSeverity = (typeof needSeverities)[number];

/** The school's latest inspection in the legacy grades' words (a report card's worst area), or none. */
export const inspectionOutcomes = [
  'outstanding',
  'good',
  'satisfactory',
  'requires_improvement',
  'inadequate',
  'none',
] as const;
export type InspectionOutcome = (typeof inspectionOutcomes)[number];

/** Raised more than this many days ago. */
export const needAgeBands = ['30', '60', '90'] as const;
export const needSorts = ['severity', 'age', 'school', 'area', 'kind'] as const;
export type NeedSort = (typeof needSorts)[number];

export const Need = z
  .object({
    id: z.number().int(),
    school: z.string(),
    school_name: z.string(),
    area: z.string().nullable(),
    kind: z.enum(needKinds),
    rule: z.enum(needRules),
    indicator: z.string().nullable(),
    specialism: z.string().nullable().openapi({
      description:
        'The specialism the need asks for (a code of the specialisms catalogue): only leaders whose designation lists it meet it',
      example: 'early_reading',
    }),
    specialism_name: z.string().nullable().openapi({ example: 'Early reading and phonics' }),
    evidence: z.string().openapi({ description: 'What the rule saw, in words' }),
    figures: z.record(z.string(), z.unknown()),
    days: z.number(),
    status: z.enum(needStatuses),
    severity: z.enum(needSeverities),
    inspection: z.enum(inspectionOutcomes).openapi({ description: 'The school’s latest inspection' }),
    age_days: z.number().int().openapi({ description: 'Days since it was raised' }),
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
  severity: commaList(needSeverities),
  inspection: commaList(inspectionOutcomes),
  specialism: z.string().max(40).optional().openapi({
    description: 'Needs asking for this specialism (a code); `any` for every need that asks for one',
  }),
  older_than: z.enum(needAgeBands).optional().openapi({ description: 'Raised more than this many days ago' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Part of the school’s name or code' }),
  sort: z.enum(needSorts).optional().openapi({
    description:
      'The order: by severity, age, school name, area or kind, ties broken by severity, age, school, kind and id; without it, open needs first and the newest first',
  }),
  order: z.enum(['asc', 'desc']).optional().openapi({
    description: 'Default: most severe, oldest first for severity and age; A to Z for school, area and kind',
  }),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).optional().openapi({
    description: 'Needs a page; without it every matching need is in the answer',
  }),
  format: z.enum(['json', 'csv', 'xlsx']).default('json').openapi({
    description: 'csv or xlsx: every need the filters select (no paging), in the order asked for',
  }),
});
export type NeedQuery = z.infer<typeof NeedQuery>;

/** How many needs each value of a filter would give, the other filters applied. */
export const NeedCount = z.object({ value: z.string(), count: z.number().int() });
export type NeedCount = z.infer<typeof NeedCount>;

export const NeedCounts = z.object({
  severity: z.array(NeedCount),
  kind: z.array(NeedCount),
  area: z.array(NeedCount),
  inspection: z.array(NeedCount),
  status: z.array(NeedCount),
  older_than: z.array(NeedCount),
});
export type NeedCounts = z.infer<typeof NeedCounts>;

export const NeedPage = z.object({
  total: z.number().int().openapi({ description: 'Needs matching every filter' }),
  page: z.number().int(),
  page_size: z.number().int().nullable(),
  counts: NeedCounts,
  needs: z.array(Need),
});
export type NeedPage = z.infer<typeof NeedPage>;

export const RaiseNeed = z.object({
  school: z.string(),
  kind: z.enum(needKinds),
  evidence: z.string().trim().min(1).max(2000),
  days: z.number().positive().max(200).optional(),
  indicator: z.string().nullable().optional(),
  specialism: z.string().max(40).nullable().optional().openapi({
    description:
      'A specialism the need asks for (a code of the catalogue): only its holders are offered. A practice need names an indicator, a specialism or both',
  }),
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
  summary:
    'Support needs of the schools the caller may see: filtered, sorted and paged, with how many each filter value would give',
  request: { query: NeedQuery },
  responses: {
    200: {
      content: {
        'application/json': { schema: NeedPage },
        'text/csv': { schema: z.string() },
      },
      description:
        'A page of needs, the total and the counts per group; or every selected need as CSV or XLSX',
    },
  },
});

export const raiseNeedRoute = createRoute({
  method: 'post',
  path: '/brokering/needs',
  tags: ['brokering'],
  summary: 'Raise a need by hand (coaching for a head, say)',
  request: { body: jsonBody(RaiseNeed) },
  responses: {
    201: jsonResponse(Need, 'The need'),
    400: errorResponse(
      'Not a school, a practice need with neither indicator nor specialism, or an unknown specialism',
    ),
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
