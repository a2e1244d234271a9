// Growing your own: per school, the staff who moved from teaching there into an assistant, deputy or
// headship post (there or elsewhere) over the last years, and how schools vary.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';

export const grownSorts = ['grown', 'rate', 'school', 'area'] as const;

export const GrownQuery = z.object({
  years: z.coerce.number().int().min(1).max(10).default(3).openapi({
    description: 'The window: leadership posts that started in the last this many years (default 3)',
  }),
  area: z.string().max(40).optional(),
  phase: z.string().max(40).optional(),
  sort: z.enum(grownSorts).default('grown'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});
export type GrownQuery = z.infer<typeof GrownQuery>;

export const GrownSchool = z
  .object({
    school: z.string(),
    school_name: z.string(),
    phase: z.string(),
    area: z.string().nullable(),
    area_name: z.string().nullable(),
    teachers: z.number().int().openapi({ description: 'People who held a teacher post there in the window' }),
    grown: z
      .number()
      .int()
      .openapi({ description: 'Of them, those who took up a leadership post in the window' }),
    grown_here: z
      .number()
      .int()
      .openapi({ description: 'Of those, the ones whose new post is at this school' }),
    rate: z
      .number()
      .nullable()
      .openapi({ description: 'Grown per 100 teachers; null with no teachers recorded' }),
  })
  .openapi('GrownSchool');
export type GrownSchool = z.infer<typeof GrownSchool>;

export const GrownDistribution = z
  .object({
    schools: z.number().int(),
    grown: z.number().int(),
    grew_none: z.number().int(),
    median: z.number().nullable(),
    /** The 90th percentile's count less the 10th's: the spread between schools. */
    p10: z.number().nullable(),
    p90: z.number().nullable(),
    histogram: z.array(z.object({ grown: z.string(), schools: z.number().int() })),
  })
  .openapi('GrownDistribution');
export type GrownDistribution = z.infer<typeof GrownDistribution>;

export const GrownPage = z
  .object({
    from: z.string(),
    to: z.string(),
    distribution: GrownDistribution.openapi({
      description: 'Over every school the filters take, in the caller’s scope or not (aggregates)',
    }),
    by_area: z.array(
      z.object({
        area: z.string().nullable(),
        area_name: z.string().nullable(),
        schools: z.number().int(),
        grown: z.number().int(),
        grew_none: z.number().int(),
        teachers: z.number().int(),
      }),
    ),
    total: z.number().int().openapi({ description: 'Schools in the caller’s scope the filters take' }),
    page: z.number().int(),
    page_size: z.number().int(),
    schools: z.array(GrownSchool).openapi({ description: 'One page of the schools in the caller’s scope' }),
  })
  .openapi('GrownPage');
export type GrownPage = z.infer<typeof GrownPage>;

export const grownRoute = createRoute({
  method: 'get',
  path: '/programmes/growing-own',
  tags: ['programmes'],
  summary:
    'Growing your own: per school, staff who moved from teaching into leadership posts, and the variation between schools',
  request: { query: GrownQuery },
  responses: {
    200: jsonResponse(GrownPage, 'The schools and the distribution'),
    404: errorResponse('No such area'),
  },
});
