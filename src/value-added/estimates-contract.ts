// The estimates API (FFT Aspire's estimates and targets, done in the open): what each pupil would be
// expected to reach from the published model's fixed part, and in a school at a chosen percentile of
// value added; schools', areas' and the authority's means of those beside their actual results.
// Zod only, so the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';

const Percentile = z.coerce.number().int('a whole number of 1 to 99').min(1).max(99).default(50).openapi({
  description:
    'The percentile of schools’ value added the target is set at, FFT’s convention: 20 is a school whose value added is better than 80% of schools’ (FFT20), 50 the median school, 5 a school in the top 5%',
  example: 20,
});

const EstimatesQuery = z.object({
  stage: z.string().min(1).max(64).openapi({ example: 'KS4' }),
  year: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'an academic year, e.g. 2025-26')
    .openapi({ example: '2025-26' }),
  percentile: Percentile,
});

/** What the estimates of a cohort were made from: the published model and the percentile's shift. */
const EstimatesModel = {
  stage: z.string(),
  academicYear: z.string(),
  outcome: z.string(),
  outcome_label: z.string().nullable().openapi({
    description:
      'What the outcome is, as the stage’s specification names it ("Attainment 8"); null: not named',
  }),
  covariates: z.array(z.string()),
  fixed: z.record(z.string(), z.number()).openapi({
    description: 'The fixed effects a pupil’s estimate is the sum of: (Intercept) + Σ β × covariate',
  }),
  percentile: z.number().int(),
  shift: z.number().openapi({
    description:
      'Added to every estimate for the target: the quantile at 1 − percentile/100 of the cohort’s school effects (the empirical-Bayes effects of the published model; with a random slope, at the cohort’s mean), computed as R’s quantile type 7 (linear between order statistics)',
  }),
  schools: z.number().int().openapi({ description: 'How many schools’ effects the quantile is taken over' }),
};

const estimateLevels = ['authority', 'area', 'cluster', 'school'] as const;

export const UnitEstimate = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(estimateLevels),
    area: z.string().nullable().openapi({ description: 'For a school: its area’s code' }),
    pupils: z
      .number()
      .int()
      .openapi({ description: 'Pupils with every covariate (those the figures are of)' }),
    withoutEstimate: z.number().int().openapi({
      description: 'Pupils in the cohort with a covariate (or the outcome) missing: not counted here',
    }),
    actual: z
      .number()
      .nullable()
      .openapi({ description: 'The mean outcome of the pupils with an estimate (null: none has one)' }),
    estimate: z
      .number()
      .nullable()
      .openapi({ description: 'The mean of their estimates (an average school)' }),
    target: z.number().nullable().openapi({ description: 'The mean of their estimates at the percentile' }),
  })
  .openapi('UnitEstimate');
export type UnitEstimate = z.infer<typeof UnitEstimate>;

export const CohortEstimates = z
  .object({ ...EstimatesModel, units: z.array(UnitEstimate) })
  .openapi('CohortEstimates');
export type CohortEstimates = z.infer<typeof CohortEstimates>;

export const PupilEstimate = z
  .object({
    pupil_id: z.string().openapi({ description: 'The pseudonym' }),
    outcome: z.number().nullable().openapi({
      description:
        'The pupil’s outcome (null: the stage’s outcome is a context column the pupil has no value in)',
    }),
    covariates: z.record(z.string(), z.number().nullable()),
    estimate: z
      .number()
      .nullable()
      .openapi({ description: 'null: a covariate is missing (named in missing)' }),
    target: z.number().nullable().openapi({ description: 'The estimate at the percentile' }),
    difference: z.number().nullable().openapi({ description: 'Outcome − target' }),
    missing: z.array(z.string()),
  })
  .openapi('PupilEstimate');
export type PupilEstimate = z.infer<typeof PupilEstimate>;

export const SchoolPupilEstimates = z
  .object({ ...EstimatesModel, school: z.string(), pupils: z.array(PupilEstimate) })
  .openapi('SchoolPupilEstimates');
export type SchoolPupilEstimates = z.infer<typeof SchoolPupilEstimates>;

export const estimatesRoute = createRoute({
  method: 'get',
  path: '/value-added/estimates',
  tags: ['value added'],
  summary:
    'Estimates and targets: each school’s, area’s and the authority’s mean estimate beside its actual mean outcome',
  request: {
    query: EstimatesQuery.extend({
      org_unit: z.string().optional().openapi({ description: 'This unit and the schools beneath it' }),
    }),
  },
  responses: {
    200: jsonResponse(
      CohortEstimates,
      'Only units in the caller’s scope: a whole-system role sees the authority, every area and school; an area lead their area and its schools; a head their school',
    ),
    404: errorResponse('No results for that stage and year, or no such unit in the caller’s scope'),
    422: errorResponse('The cohort’s model cannot be fitted'),
  },
});

export const pupilEstimatesRoute = createRoute({
  method: 'get',
  path: '/schools/{code}/pupil-estimates',
  tags: ['value added'],
  summary: 'One school’s pupils’ estimates and targets (roles that may see pupils; audited)',
  request: {
    params: z.object({ code: z.string() }),
    query: EstimatesQuery.extend({
      format: z.enum(['json', 'xlsx']).default('json').openapi({
        description:
          'xlsx: a workbook for the school, one row per pupil and a sheet saying what each column means',
      }),
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': { schema: SchoolPupilEstimates },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
      description: 'Every view and download is recorded in the audit log',
    },
    403: errorResponse('The caller’s roles may not see pupils'),
    404: errorResponse('No such school in the caller’s scope, or no results for that stage and year'),
    422: errorResponse('The cohort’s model cannot be fitted'),
  },
});
