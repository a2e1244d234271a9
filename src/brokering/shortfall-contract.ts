// The brokering API's shortfall: the needs a proposal left unmet, why (the pool's days or places ran
// out, every designated leader excluded, nobody designated), and the days that would meet them, by
// kind and area.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse, RowIdText } from '../contract.ts';
import { needKinds, needStatuses } from './contract.ts';

/**
 * Why a need was left unmet. `no_days_left`: some leader could meet it but for their days or school
 * places, used by other pairs or deployments; `excluded`: leaders are designated for it, but a rule
 * (trust, distance, inspection grade, years as a head, …) or the broker excludes every one;
 * `no_eligible_leader`: nobody in the pool is designated for this kind of support.
 */
export const shortfallReasons = ['no_days_left', 'excluded', 'no_eligible_leader'] as const;
export type ShortfallReason = (typeof shortfallReasons)[number];

export const ShortfallNeed = z.object({
  need: z.number().int(),
  school: z.string(),
  school_name: z.string(),
  area: z.string().nullable(),
  kind: z.enum(needKinds),
  days: z.number().openapi({ description: 'Days the need asks for' }),
  reason: z.enum(shortfallReasons),
  leaders: z.number().int().openapi({
    description: 'Leaders who could meet it with days or places to spare (for no_days_left)',
  }),
  why: z.string().openapi({ description: 'What the match said, in words' }),
  status: z.enum(needStatuses).openapi({ description: 'The need’s status now' }),
});
export type ShortfallNeed = z.infer<typeof ShortfallNeed>;

export const ShortfallGroup = z.object({
  kind: z.enum(needKinds),
  area: z.string().nullable(),
  reason: z.enum(shortfallReasons),
  needs: z.number().int(),
  days: z.number().openapi({ description: 'Days that would meet them' }),
});
export type ShortfallGroup = z.infer<typeof ShortfallGroup>;

export const Shortfall = z
  .object({
    proposal: z.number().int(),
    unit: z.string(),
    created_at: z.string(),
    matched: z.number().int().openapi({ description: 'Needs the proposal paired' }),
    needs: z.number().int().openapi({ description: 'Needs it left unmet' }),
    days: z.number().openapi({ description: 'Days that would meet every unmet need' }),
    by_reason: z.array(
      z.object({ reason: z.enum(shortfallReasons), needs: z.number().int(), days: z.number() }),
    ),
    groups: z.array(ShortfallGroup).openapi({ description: 'By kind, area and reason' }),
    unmet: z.array(ShortfallNeed),
  })
  .openapi('BrokeringShortfall');
export type Shortfall = z.infer<typeof Shortfall>;

export const ShortfallQuery = z.object({
  proposal: RowIdText.optional().openapi({ description: 'Default: the latest proposal in scope' }),
  area: z.string().optional().openapi({ description: 'Without a proposal: the latest for this area' }),
});
export type ShortfallQuery = z.infer<typeof ShortfallQuery>;

export const shortfallRoute = createRoute({
  method: 'get',
  path: '/brokering/shortfall',
  tags: ['brokering'],
  summary:
    'The needs a proposal (default: the latest in scope) left unmet, why, and the days that would meet them, by kind and area',
  request: { query: ShortfallQuery },
  responses: {
    200: jsonResponse(Shortfall, 'The shortfall'),
    404: errorResponse('No such proposal in scope, or none made yet'),
  },
});
