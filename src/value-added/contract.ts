// The value-added API: a cohort's model and progress scores, the cohorts there are, and (for roles that
// may see pupils) one school's pupil rows. Zod only (no server code), so the web app imports its types
// from here.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';

const valueAddedBands = ['above', 'in_line', 'below'] as const;
export type ValueAddedBand = (typeof valueAddedBands)[number];

const Band = z
  .enum(valueAddedBands)
  .openapi({ description: 'Significantly above, in line with, or significantly below zero' });
const Interval = { lower: z.number(), upper: z.number(), band: Band };

export const SchoolValueAdded = z
  .object({
    school: z
      .string()
      .openapi({ description: 'The school’s code; empty for a school outside the caller’s scope' }),
    n: z.number().int(),
    // With a random slope the effect is the school's line at the cohort's mean of the covariate, where a
    // school is compared with others on pupils like its own: the intercept alone is at 0, which for an
    // uncentred prior attainment lies outside the data.
    effect: z.number().openapi({
      description:
        'The conditional mode (empirical-Bayes estimate) of the school’s random intercept; with a random slope, of its line at the cohort’s mean of the slope’s covariate',
    }),
    sd: z.number().openapi({ description: 'Its conditional standard deviation' }),
    ...Interval,
    intercept: z.number().optional().openapi({
      description:
        'With a random slope: the conditional mode of the intercept (at covariate 0), as lme4 reports it',
    }),
    interceptSd: z.number().optional(),
    slope: z.number().optional(),
    slopeSd: z.number().optional(),
  })
  .openapi('SchoolValueAdded');
export type SchoolValueAdded = z.infer<typeof SchoolValueAdded>;

export const Icc = z
  .object({
    estimate: z.number(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    method: z.enum(['profile-likelihood', 'wald-logit']),
  })
  .openapi('IntraclassCorrelation', {
    description:
      'The intraclass correlation: the share of the (residual + school) variance that lies between schools, school / (school + residual); with a random slope, the school variance at the cohort’s mean of the slope’s covariate. Its 95% interval: for a random intercept, profile likelihood (theta where the deviance is within 3.841 of its minimum; the lower end may be 0); with a random slope, a Wald interval on the logit scale from the profiled deviance’s Hessian (null ends when the likelihood is flat at the fit)',
  });
export type Icc = z.infer<typeof Icc>;

/** A fitted mixed model as the API gives it (the optimiser's own figures left out). */
export const ValueAddedModel = z.object({
  fixed: z.record(z.string(), z.object({ estimate: z.number(), se: z.number() })),
  variance: z.object({
    school: z.number(),
    residual: z.number(),
    slope: z.number().optional(),
    covariance: z.number().optional(),
  }),
  icc: Icc,
  logLik: z.number(),
  reml: z.boolean(),
  pupils: z.number().int(),
  schools: z.array(SchoolValueAdded),
});
export type ValueAddedModel = z.infer<typeof ValueAddedModel>;

const ProgressScore = z
  .object({ school: z.string(), n: z.number().int(), score: z.number(), ...Interval })
  .openapi('ProgressScore');

const NationalScore = z
  .object({ school: z.string(), n: z.number().int(), score: z.number(), ...Interval })
  .openapi('NationalScore');

export const NationalComparison = z
  .object({
    reference: z.string().openapi({ description: 'The national reference’s name, as imported' }),
    unmatched: z
      .number()
      .int()
      .openapi({ description: 'Pupils with no expectation (no prior attainment, or outside every band)' }),
    sd: z.number().openapi({ description: 'Standard deviation of pupils’ differences, for the intervals' }),
    authority: z.object({ n: z.number().int(), score: z.number(), ...Interval }),
    schools: z.array(NationalScore),
  })
  .openapi('NationalComparison', {
    description:
      'Value added against the national expectation: pupils’ outcome minus the national average outcome of pupils with the same prior attainment, averaged; unlike the model’s effects it is not zero on average across the authority',
  });
export type NationalComparison = z.infer<typeof NationalComparison>;

export const CohortValueAdded = z
  .object({
    stage: z.string(),
    academicYear: z.string(),
    outcome: z.string(),
    covariates: z.array(z.string()),
    model: ValueAddedModel,
    progress: z.array(ProgressScore),
    national: NationalComparison.nullable().openapi({
      description: 'Against the stage’s national reference; null when no reference covers the cohort',
    }),
  })
  .openapi('ValueAdded');
export type CohortValueAdded = z.infer<typeof CohortValueAdded>;

export const CohortSummary = z.object({
  stage: z.string(),
  academicYear: z.string(),
  pupils: z.number().int(),
  schools: z.number().int(),
});
export type CohortSummary = z.infer<typeof CohortSummary>;

export const PupilResult = z.object({
  pupil_id: z.string(),
  outcome: z.number(),
  prior_attainment: z.number().nullable(),
  neet: z.number().nullable(),
  context: z.record(z.string(), z.number()),
});
export type PupilResult = z.infer<typeof PupilResult>;

const CohortQuery = z.object({
  stage: z.string().min(1).max(64).openapi({ example: 'KS4' }),
  year: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'an academic year, e.g. 2025-26')
    .openapi({ example: '2025-26' }),
});

export const ValueAddedQuery = CohortQuery.extend({
  outcome: z.string().optional(),
  covariates: z.string().optional().openapi({
    description:
      'Comma-separated. Left out: prior attainment and the context at least 90% of pupils have. Given empty (`covariates=`) or `none`: no covariates, the null (intercept-only) model, whose intraclass correlation is the share of the outcome’s variance that lies between schools',
  }),
  random_slope: z.string().optional(),
  method: z.enum(['reml', 'ml']).default('reml'),
});
export type ValueAddedQuery = z.infer<typeof ValueAddedQuery>;

export const valueAddedRoute = createRoute({
  method: 'get',
  path: '/value-added',
  tags: ['value added'],
  summary: 'A cohort’s contextual value added (REML mixed model) and progress scores, school by school',
  request: { query: ValueAddedQuery },
  responses: {
    200: jsonResponse(CohortValueAdded, 'Schools outside the caller’s scope are listed without their code'),
    404: errorResponse('No results for that stage and year'),
    422: errorResponse('The model cannot be fitted (collinear covariates, too few schools)'),
  },
});

export const listCohortsRoute = createRoute({
  method: 'get',
  path: '/value-added/cohorts',
  tags: ['value added'],
  summary: 'The stages and years with pupil results',
  request: {
    query: z.object({
      school: z.string().optional().openapi({ description: 'Only the cohorts this school has pupils in' }),
    }),
  },
  responses: { 200: jsonResponse(z.object({ cohorts: z.array(CohortSummary) }), 'Newest first') },
});

export const schoolPupilsRoute = createRoute({
  method: 'get',
  path: '/schools/{code}/pupil-results',
  tags: ['value added'],
  summary: 'One school’s pseudonymised pupil results in a cohort (roles that may see pupils; audited)',
  request: { params: z.object({ code: z.string() }), query: CohortQuery },
  responses: {
    200: jsonResponse(z.object({ pupils: z.array(PupilResult) }), 'Every view is recorded in the audit log'),
    403: errorResponse('The caller’s roles may not see pupils'),
    404: errorResponse('No such school in the caller’s scope'),
  },
});
