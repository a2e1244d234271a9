// The attention API's shapes: why each school needs attention, one model every page, pack, agenda and
// the brokering rules read. Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';

/** Most severe first: the order schools are ranked in (docs/architecture.md, Attention). */
export const severities = ['critical', 'high', 'medium', 'low'] as const;
export const Severity = z.enum(severities);
export type Severity = z.infer<typeof Severity>;

export const reasonKinds = [
  'safeguarding_not_met',
  'special_measures',
  'serious_weaknesses',
  'inadequate',
  'requires_improvement',
  'leadership_weak_twice',
  'headship_vacant',
  'acting_head',
  'head_absent',
  'first_year_head',
  'indicator_red_two_periods',
  'indicator_red',
  'declining',
  'value_added_below',
  'return_missing_two_periods',
  'return_missing',
  'challenge_overdue',
] as const;
export const ReasonKind = z.enum(reasonKinds);
export type ReasonKind = z.infer<typeof ReasonKind>;

export const AttentionReason = z
  .object({
    kind: ReasonKind,
    severity: Severity,
    /** What the reason is about: an indicator's measure (attendance and absence are one), a stage, a return. */
    measure: z.string().nullable(),
    evidence: z.string(),
    figures: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  })
  .openapi('AttentionReason');
export type AttentionReason = z.infer<typeof AttentionReason>;

export const SchoolAttention = z
  .object({
    code: z.string(),
    name: z.string(),
    area: z.string().nullable(),
    area_name: z.string().nullable(),
    /** The most severe of its reasons; null when it needs no attention. */
    severity: Severity.nullable(),
    /** Its place in the authority's watchlist (1 = most severe); null when it needs no attention. */
    rank: z.number().int().nullable(),
    reasons: z.array(AttentionReason),
  })
  .openapi('SchoolAttention');
export type SchoolAttention = z.infer<typeof SchoolAttention>;

export const AreaAttention = z
  .object({
    code: z.string(),
    name: z.string(),
    schools: z.number().int(),
    /** Schools with at least one reason. */
    needing_attention: z.number().int(),
    by_severity: z.record(Severity, z.number().int()),
    /** School-indicator pairs red this period (one per measure). */
    red_indicators: z.number().int(),
    /** Open schools with no return for the period. */
    late_returns: z.number().int(),
    /** Share of open schools that sent the period's return (0-1); null when none was expected. */
    completeness: z.number().nullable(),
  })
  .openapi('AreaAttention');
export type AreaAttention = z.infer<typeof AreaAttention>;

export const Attention = z
  .object({
    period: z.string(),
    /** The day headship, inspections and challenges are read on: the period's end, or today if sooner. */
    as_of: z.string(),
    /** The caller's schools needing attention, most severe first (all of them, however many). */
    schools: z.array(SchoolAttention),
    areas: z.array(AreaAttention),
    totals: AreaAttention.omit({ code: true, name: true }),
  })
  .openapi('Attention');
export type Attention = z.infer<typeof Attention>;

const AttentionQuery = z.object({
  period: z.string().optional().openapi({
    example: '2026-10',
    description: 'A month (YYYY-MM); the latest month with data if left out',
  }),
  area: z.string().optional().openapi({ example: 'A01', description: "Only this area's schools" }),
});

export const attentionRoute = createRoute({
  method: 'get',
  path: '/attention',
  tags: ['attention'],
  summary:
    'Schools needing attention, most severe first, each with its reasons (inspection, headship, indicators, value added, returns, challenges) and per-area counts',
  request: { query: AttentionQuery },
  responses: {
    200: jsonResponse(Attention, 'The watchlist'),
    404: errorResponse('No such area'),
  },
});
