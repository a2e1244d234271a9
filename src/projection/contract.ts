// The shortage projection's API: for the next years, by phase and area, the heads expected to leave, the
// supply the pipeline is expected to give, and the gap, in low, central and high scenarios.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, IsoDate, jsonBody, jsonResponse } from '../contract.ts';
import { phases } from '../registry/contract.ts';

export const scenarios = ['low', 'central', 'high'] as const;
export type Scenario = (typeof scenarios)[number];

/**
 * Who may become a head. Someone in several groups counts once, in the one whose conversion rate is highest
 * (on a tie, the first here).
 */
export const pipelineKinds = ['associate_head', 'npqh', 'deputy_head', 'aspiring', 'assistant_head'] as const;
export type PipelineKind = (typeof pipelineKinds)[number];

const Rate = z.number().min(0).max(1);

export const ProjectionRates = z
  .object({
    leaving: z
      .array(
        z.object({
          from_years: z.number().int().min(0).max(60).openapi({ description: 'Years as head, at least' }),
          rate: Rate.openapi({ description: 'Share of these heads who leave in a year' }),
        }),
      )
      .min(1)
      .refine((bands) => bands[0]?.from_years === 0, 'the first band starts at 0 years')
      .refine(
        (bands) => bands.every((b, i) => i === 0 || b.from_years > (bands[i - 1]?.from_years ?? 0)),
        'bands go up by years',
      )
      .openapi({ description: 'Leaving rates by years in the headship (a proxy for age band)' }),
    conversion: z
      .object({
        associate_head: Rate.openapi({ description: 'Had an associate head placement' }),
        npqh: Rate.openapi({ description: 'Holds the NPQH' }),
        deputy_head: Rate,
        aspiring: Rate.openapi({ description: 'On a programme with a placement, or completed one lately' }),
        assistant_head: Rate,
      })
      .openapi({ description: 'Share of each pipeline group who take up a headship here in a year' }),
    low: z.number().min(0.1).max(1).openapi({
      description: 'Low scenario: leaving rates times this, conversion rates divided by it',
    }),
    high: z.number().min(1).max(5).openapi({
      description: 'High scenario: leaving rates times this, conversion rates divided by it',
    }),
    method: z.enum(['rates', 'history']).openapi({
      description:
        'rates: the leaving rates above; history: one rate for every head, the share who left in the last three years',
    }),
  })
  .openapi('ProjectionRates');
export type ProjectionRates = z.infer<typeof ProjectionRates>;

export const ProjectionYear = z.object({
  year: z.number().int().openapi({ description: '1 = the twelve months from as_of' }),
  ends_on: z.string(),
  leavers: z.number().openapi({ description: 'Heads expected to leave in the year' }),
  supply: z.number().openapi({ description: 'Pipeline expected to take up a headship in the year' }),
  gap: z
    .number()
    .openapi({ description: 'Leavers less supply: above 0, headships without a ready successor' }),
  cumulative_gap: z.number(),
});
export type ProjectionYear = z.infer<typeof ProjectionYear>;

const ByScenario = z.object({
  low: z.array(ProjectionYear),
  central: z.array(ProjectionYear),
  high: z.array(ProjectionYear),
});

const Pipeline = z
  .object({
    associate_head: z.number().int().openapi({
      description:
        'Not heads, with an associate head placement agreed, or finished within HEADWAY_OUTCOME_YEARS',
    }),
    npqh: z.number().int().openapi({ description: 'NPQH holders not yet heads' }),
    deputy_head: z.number().int(),
    aspiring: z.number().int().openapi({
      description:
        'Participants of a programme with a placement (aspiring leaders, NPQH), enrolled or completed within HEADWAY_OUTCOME_YEARS',
    }),
    assistant_head: z.number().int(),
  })
  .openapi({ description: 'People who are not heads, each in one group: the one with the highest rate' });
export type Pipeline = z.infer<typeof Pipeline>;

export const ProjectionGroup = z.object({
  phase: z.enum(phases).nullable().openapi({ description: 'Null: pipeline people with no school post' }),
  area: z.string().nullable(),
  area_name: z.string().nullable(),
  heads: z.number().int().openapi({ description: 'Substantive heads in post on as_of' }),
  pipeline: Pipeline,
  scenarios: ByScenario,
});
export type ProjectionGroup = z.infer<typeof ProjectionGroup>;

export const LeavingHistory = z.object({
  from: z.string(),
  to: z.string(),
  head_years: z
    .number()
    .int()
    .openapi({ description: 'Heads in post at the start of each of the years, summed' }),
  leavers: z.number().int().openapi({ description: 'Of those, heads whose headship ended within the year' }),
  rate: z.number().nullable(),
});
export type LeavingHistory = z.infer<typeof LeavingHistory>;

export const Projection = z
  .object({
    as_of: z.string(),
    years: z.number().int(),
    rates: ProjectionRates,
    history: LeavingHistory,
    method: z.array(z.string()).openapi({ description: 'How the figures are made, in words' }),
    heads: z.number().int(),
    pipeline: Pipeline,
    in_several: z
      .number()
      .int()
      .openapi({ description: 'Of the pipeline, people in more than one group (each counted once)' }),
    totals: ByScenario,
    groups: z.array(ProjectionGroup),
  })
  .openapi('ShortageProjection');
export type Projection = z.infer<typeof Projection>;

export const ProjectionQuery = z.object({
  years: z
    .string()
    .regex(/^([1-9]|1[0-5])$/, 'a whole number of years from 1 to 15')
    .optional()
    .openapi({ description: 'Years ahead (default 5)' }),
  as_of: IsoDate.optional().openapi({ description: 'Project from this date (default: today)' }),
  area: z.string().optional().openapi({ description: 'Only this area' }),
  phase: z.enum(phases).optional(),
});
export type ProjectionQuery = z.infer<typeof ProjectionQuery>;

export const projectionRoute = createRoute({
  method: 'get',
  path: '/projection',
  tags: ['projection'],
  summary:
    'The headteacher-shortage projection: heads expected to leave, supply from the pipeline and the gap, by phase and area, low, central and high',
  request: { query: ProjectionQuery },
  responses: {
    200: jsonResponse(Projection, 'The projection'),
    404: errorResponse('No such area in scope'),
  },
});

export const projectionRatesRoute = createRoute({
  method: 'get',
  path: '/projection/rates',
  tags: ['projection'],
  summary: 'The leaving and conversion rates the projection uses',
  responses: { 200: jsonResponse(ProjectionRates, 'The rates') },
});

export const updateProjectionRatesRoute = createRoute({
  method: 'put',
  path: '/projection/rates',
  tags: ['projection'],
  summary: 'Set the leaving and conversion rates (a role held for the whole authority)',
  request: { body: jsonBody(ProjectionRates) },
  responses: {
    200: jsonResponse(ProjectionRates, 'The rates as stored'),
    400: errorResponse('A rate out of range, or bands not going up from 0'),
    403: errorResponse('Not a role held for the whole authority'),
  },
});

export const RatesChange = z
  .object({
    at: z.string().openapi({ description: 'When, as an ISO timestamp' }),
    by: z.string().openapi({ description: 'Who changed them' }),
    changed: z.array(z.string()).openapi({ description: 'Each rate changed, before → after, in words' }),
  })
  .openapi('ProjectionRatesChange');
export type RatesChange = z.infer<typeof RatesChange>;

export const ratesChangesRoute = createRoute({
  method: 'get',
  path: '/projection/rates/changes',
  tags: ['projection'],
  summary: 'Who changed the projection’s rates, when, and what (the latest 50, newest first)',
  responses: { 200: jsonResponse(z.object({ changes: z.array(RatesChange) }), 'The changes') },
});
