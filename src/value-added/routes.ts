// The value-added API: a cohort's model and progress scores, the cohorts there are, and (for roles
// that may see pupils) one school's pupil rows.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonResponse } from '../contract.ts';
import { newRouter } from '../http.ts';
import { listCohorts, schoolPupils, valueAddedFor } from './value-added.ts';

const Band = z
  .enum(['above', 'in_line', 'below'])
  .openapi({ description: 'Significantly above, in line with, or significantly below zero' });
const Interval = { lower: z.number(), upper: z.number(), band: Band };

const SchoolEffect = z
  .object({
    school: z
      .string()
      .openapi({ description: 'The school’s code; empty for a school outside the caller’s scope' }),
    n: z.number().int(),
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

const ValueAdded = z
  .object({
    stage: z.string(),
    academicYear: z.string(),
    outcome: z.string(),
    covariates: z.array(z.string()),
    model: z.object({
      fixed: z.record(z.string(), z.object({ estimate: z.number(), se: z.number() })),
      variance: z.object({
        school: z.number(),
        residual: z.number(),
        slope: z.number().optional(),
        covariance: z.number().optional(),
      }),
      logLik: z.number(),
      reml: z.boolean(),
      pupils: z.number().int(),
      schools: z.array(SchoolEffect),
    }),
    progress: z.array(
      z
        .object({ school: z.string(), n: z.number().int(), score: z.number(), ...Interval })
        .openapi('ProgressScore'),
    ),
  })
  .openapi('ValueAdded');

const CohortQuery = z.object({
  stage: z.string().min(1).max(64).openapi({ example: 'KS4' }),
  year: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'an academic year, e.g. 2025-26')
    .openapi({ example: '2025-26' }),
});

export const valueAddedRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/value-added',
      tags: ['value added'],
      summary: 'A cohort’s contextual value added (REML mixed model) and progress scores, school by school',
      request: {
        query: CohortQuery.extend({
          outcome: z.string().optional(),
          covariates: z.string().optional().openapi({
            description:
              'Comma-separated; default: prior attainment and the context at least 90% of pupils have',
          }),
          random_slope: z.string().optional(),
          method: z.enum(['reml', 'ml']).default('reml'),
        }),
      },
      responses: {
        200: jsonResponse(ValueAdded, 'Schools outside the caller’s scope are listed without their code'),
        404: errorResponse('No results for that stage and year'),
        422: errorResponse('The model cannot be fitted (collinear covariates, too few schools)'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await valueAddedFor(c.var.database.db, c.var.actor, {
        stage: q.stage,
        academicYear: q.year,
        outcome: q.outcome,
        covariates: q.covariates
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        randomSlope: q.random_slope ?? null,
        reml: q.method === 'reml',
      });
      const { theta: _t, evaluations: _e, ...model } = result.model;
      return c.json({ ...result, model }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/value-added/cohorts',
      tags: ['value added'],
      summary: 'The stages and years with pupil results',
      request: {
        query: z.object({
          school: z
            .string()
            .optional()
            .openapi({ description: 'Only the cohorts this school has pupils in' }),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            cohorts: z.array(
              z.object({
                stage: z.string(),
                academicYear: z.string(),
                pupils: z.number().int(),
                schools: z.number().int(),
              }),
            ),
          }),
          'Newest first',
        ),
      },
    }),
    async (c) =>
      c.json(
        { cohorts: await listCohorts(c.var.database.db, c.var.actor, c.req.valid('query').school) },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/schools/{code}/pupil-results',
      tags: ['value added'],
      summary: 'One school’s pseudonymised pupil results in a cohort (roles that may see pupils; audited)',
      request: { params: z.object({ code: z.string() }), query: CohortQuery },
      responses: {
        200: jsonResponse(
          z.object({
            pupils: z.array(
              z.object({
                pupil_id: z.string(),
                outcome: z.number(),
                prior_attainment: z.number().nullable(),
                neet: z.number().nullable(),
                context: z.record(z.string(), z.number()),
              }),
            ),
          }),
          'Every view is recorded in the audit log',
        ),
        403: errorResponse('The caller’s roles may not see pupils'),
        404: errorResponse('No such school in the caller’s scope'),
      },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      const q = c.req.valid('query');
      const pupils = await schoolPupils(c.var.database.db, c.var.actor, code, {
        stage: q.stage,
        academicYear: q.year,
      });
      return c.json(
        { pupils: pupils.map((p) => ({ ...p, neet: p.neet === null ? null : Number(p.neet) })) },
        200,
      );
    },
  );
