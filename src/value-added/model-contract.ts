// The API of each stage's value-added model as an authority owns it: its specification, a preview of a
// changed one against the published, and publishing it; and the national references imported. Zod only.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse, jsonBody, jsonResponse } from '../contract.ts';
import { Icc } from './contract.ts';

const Name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a column name: lower-case letters, digits and _');

export const StageModelInput = z
  .object({
    outcome: Name.default('outcome').openapi({ description: 'The outcome: "outcome", or a context column' }),
    outcome_label: z.string().trim().max(60).nullable().default(null).openapi({
      description:
        'What the outcome is, shown in the stage’s indicator names: "Attainment 8", "scaled score"',
    }),
    covariates: z.array(Name).nullable().default(null).openapi({
      description:
        'null: prior attainment and every context column at least 90% of the cohort has; [] the null (intercept-only) model',
    }),
    random_slope: Name.nullable()
      .default(null)
      .openapi({ description: 'A covariate whose slope also varies by school' }),
    red: z.number().default(-1).openapi({ description: 'Value added below this is red' }),
    amber: z.number().default(-0.25).openapi({ description: 'Below this (and not red) amber' }),
    national_reference: z.string().max(200).nullable().default(null).openapi({
      description: 'The national reference to compare with; null: the only (or first by name) for the cohort',
    }),
  })
  .refine((m) => m.red <= m.amber, { message: 'red must be at most amber', path: ['red'] })
  .openapi('StageModelInput');
export type StageModelInput = z.infer<typeof StageModelInput>;

export const StageModel = z
  .object({
    outcome: z.string(),
    outcome_label: z.string().nullable(),
    covariates: z.array(z.string()).nullable(),
    random_slope: z.string().nullable(),
    red: z.number(),
    amber: z.number(),
    national_reference: z.string().nullable(),
    changed_by: z.string().nullable().openapi({ description: 'Who published it; null: never changed' }),
    changed_at: z.string().nullable(),
  })
  .openapi('StageModel');
export type StageModel = z.infer<typeof StageModel>;

const StageEntry = z.object({
  stage: z.string(),
  model: StageModel,
  years: z.array(z.string()).openapi({ description: 'The academic years with results, oldest first' }),
  references: z.array(z.string()).openapi({ description: 'National references with bands for the stage' }),
});

const FitSummary = z.object({
  outcome: z.string(),
  covariates: z.array(z.string()),
  random_slope: z.string().nullable(),
  fixed: z.record(z.string(), z.object({ estimate: z.number(), se: z.number() })),
  variance: z.record(z.string(), z.number()),
  icc: Icc,
  logLik: z.number(),
  pupils: z.number().int(),
  schools: z.number().int(),
  bands: z.object({ above: z.number().int(), in_line: z.number().int(), below: z.number().int() }),
});
export type FitSummary = z.infer<typeof FitSummary>;

export const StageModelPreview = z
  .object({
    stage: z.string(),
    academicYear: z.string().openapi({ description: 'The cohort previewed: the stage’s latest' }),
    published: FitSummary.nullable().openapi({ description: 'The fit under the published specification' }),
    proposed: FitSummary,
    changes: z.object({
      schools: z
        .number()
        .int()
        .openapi({ description: 'Schools whose band (above, in line, below) changes' }),
      examples: z.array(
        z.object({ school: z.string(), from: z.string(), to: z.string(), effect: z.number() }),
      ),
    }),
  })
  .openapi('StageModelPreview');
export type StageModelPreview = z.infer<typeof StageModelPreview>;

const StageParam = z.object({ stage: z.string().min(1).max(64).openapi({ example: 'KS4' }) });

export const listStageModelsRoute = createRoute({
  method: 'get',
  path: '/value-added/models',
  tags: ['value added'],
  summary: 'Each stage’s value-added model specification, with its years and national references',
  responses: { 200: jsonResponse(z.object({ stages: z.array(StageEntry) }), 'Stages with results') },
});

export const previewStageModelRoute = createRoute({
  method: 'post',
  path: '/value-added/models/{stage}/preview',
  tags: ['value added'],
  summary: 'Fits the stage’s latest cohort under a specification, beside the published one (writes nothing)',
  request: { params: StageParam, body: jsonBody(StageModelInput) },
  responses: {
    200: jsonResponse(StageModelPreview, 'Coefficients, variances and how many schools change band'),
    403: errorResponse('Only whole-system roles that may change KPIs'),
    404: errorResponse('No results for the stage'),
    422: errorResponse('The model cannot be fitted'),
  },
});

export const publishStageModelRoute = createRoute({
  method: 'put',
  path: '/value-added/models/{stage}',
  tags: ['value added'],
  summary: 'Publishes the stage’s specification and republishes every cohort of the stage (audited)',
  request: { params: StageParam, body: jsonBody(StageModelInput) },
  responses: {
    200: jsonResponse(
      z.object({ stage: z.string(), model: StageModel, republished: z.array(z.string()) }),
      'The academic years republished',
    ),
    403: errorResponse('Only whole-system roles that may change KPIs'),
    404: errorResponse('No results for the stage'),
    422: errorResponse('The model cannot be fitted'),
  },
});
