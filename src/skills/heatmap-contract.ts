// The skills audit's aggregates: the heat map by area or programme cohort (and its workbook), and the
// programmes recommended for the weakest competencies of a leader or an area.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IsoDate, jsonResponse } from '../contract.ts';
import { AuditSummary, leaderRoles } from './contract.ts';

const Code = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, _ . - (up to 40)')
  .openapi({ example: 'data_literacy' });
const PersonCode = z.string().min(1).max(40).openapi({ example: 'P0042' });

export const heatmapGroupings = ['area', 'cohort'] as const;

export const HeatmapQuery = z.object({
  audit: Code.optional().openapi({ description: 'Default: the latest audit opened by today' }),
  by: z.enum(heatmapGroupings).default('area'),
  role: z.enum(leaderRoles).optional().openapi({ description: 'Only leaders in this post' }),
});
export type HeatmapQuery = z.infer<typeof HeatmapQuery>;

export const HeatmapCell = z
  .object({
    competency: Code,
    leaders: z.number().int().openapi({ description: 'Leaders rated on it in the group' }),
    validated: z
      .number()
      .int()
      .openapi({ description: 'How many of those ratings are validated (the rest are self ratings)' }),
    mean: z
      .number()
      .nullable()
      .openapi({ description: 'Mean rating (validated, else self); null when suppressed' }),
    suppressed: z.boolean().openapi({ description: 'Fewer leaders than the minimum cell size' }),
  })
  .openapi('SkillHeatmapCell');
export type HeatmapCell = z.infer<typeof HeatmapCell>;

export const Heatmap = z
  .object({
    audit: AuditSummary.nullable(),
    by: z.enum(heatmapGroupings),
    role: z.enum(leaderRoles).nullable(),
    min_cell: z.number().int(),
    competencies: z.array(z.object({ code: Code, name: z.string() })),
    rows: z.array(
      z.object({
        code: z
          .string()
          .openapi({ description: 'The area’s or cohort’s code; "all" for the whole authority' }),
        name: z.string(),
        cells: z.array(HeatmapCell),
      }),
    ),
  })
  .openapi('SkillHeatmap');
export type Heatmap = z.infer<typeof Heatmap>;

export const heatmapRoute = createRoute({
  method: 'get',
  path: '/skills/heatmap',
  tags: ['skills'],
  summary:
    'Mean rating per competency by area or programme cohort, small cells suppressed (aggregates: every role; areas the caller may compare with)',
  request: { query: HeatmapQuery },
  responses: {
    200: jsonResponse(Heatmap, 'The heat map'),
    404: errorResponse('No such audit'),
  },
});

export const heatmapWorkbookRoute = createRoute({
  method: 'get',
  path: '/skills/heatmap/workbook',
  tags: ['skills'],
  summary: 'The heat map as a workbook: one row per group and competency with mean, count and suppression',
  request: { query: HeatmapQuery },
  responses: {
    200: {
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
      description: 'The workbook',
    },
    404: errorResponse('No such audit'),
  },
});

export const RecommendationsQuery = z.object({
  audit: Code.optional().openapi({ description: 'Default: the latest audit opened by today' }),
  person: PersonCode.optional().openapi({ description: 'One leader’s weakest competencies and programmes' }),
  area: z.string().min(1).max(40).optional().openapi({ description: 'An area’s weakest competencies' }),
});
export type RecommendationsQuery = z.infer<typeof RecommendationsQuery>;

const ProgrammeOffer = z.object({
  code: Code,
  name: z.string(),
  cohort: z
    .object({ code: Code, name: z.string(), starts_on: IsoDate, ends_on: IsoDate })
    .nullable()
    .openapi({ description: 'The next cohort open or upcoming; null: none (commission one)' }),
});

export const Recommendations = z
  .object({
    audit: AuditSummary.nullable(),
    weak_below: z.number().openapi({ description: 'A rating below this is a weakness' }),
    person: z.object({ code: PersonCode, name: z.string() }).nullable(),
    area: z.object({ code: z.string(), name: z.string(), leaders: z.number().int() }).nullable(),
    weaknesses: z.array(
      z.object({
        competency: Code,
        name: z.string(),
        rating: z
          .number()
          .openapi({ description: 'The leader’s validated rating, or the area’s mean validated rating' }),
        weak_leaders: z
          .number()
          .int()
          .openapi({ description: 'Leaders rated below the threshold (an area)' }),
        programmes: z.array(ProgrammeOffer),
      }),
    ),
  })
  .openapi('SkillRecommendations');
export type Recommendations = z.infer<typeof Recommendations>;

export const recommendationsRoute = createRoute({
  method: 'get',
  path: '/skills/recommendations',
  tags: ['skills'],
  summary:
    'The weakest validated competencies, lowest first, with the programmes that develop them: for a leader (not those they completed; only with a cohort open or upcoming) or an area (the programmes to commission)',
  request: { query: RecommendationsQuery },
  responses: {
    200: jsonResponse(Recommendations, 'The recommendations'),
    400: errorResponse('Name a person or an area'),
    403: errorResponse('Not allowed'),
    404: errorResponse('No such audit, leader or area'),
  },
});
