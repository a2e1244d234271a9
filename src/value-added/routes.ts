// The value-added API: a cohort's model and progress scores, the cohorts there are, and (for roles
// that may see pupils) one school's pupil rows (the shapes and routes are in contract.ts).
import { newRouter } from '../http.ts';
import { listCohortsRoute, schoolPupilsRoute, type ValueAddedQuery, valueAddedRoute } from './contract.ts';
import { listStageModelsRoute, previewStageModelRoute, publishStageModelRoute } from './model-contract.ts';
import { listStageModels, previewStageModel, publishStageModel } from './stage-models.ts';
import { listCohorts, type ModelRequest, schoolPupils, valueAddedFor } from './value-added.ts';

function modelRequestOf(q: ValueAddedQuery): ModelRequest {
  return {
    stage: q.stage,
    academicYear: q.year,
    outcome: q.outcome,
    // Left out: the default covariates; empty or "none": the null model (no covariates).
    covariates:
      q.covariates?.trim() === 'none'
        ? []
        : q.covariates
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    // Left undefined unless the query names them, so a bare cohort is fitted under the stage's
    // specification (fitCohort); `method` defaults to reml, which the specification fits by too.
    randomSlope: q.random_slope,
    reml: q.method === 'ml' ? false : undefined,
  };
}

export const valueAddedRoutes = newRouter()
  .openapi(valueAddedRoute, async (c) => {
    const result = await valueAddedFor(c.var.context, modelRequestOf(c.req.valid('query')));
    // The optimiser's own figures are for the CLI's --json, not the API.
    const { theta: _t, evaluations: _e, ...model } = result.model;
    return c.json({ ...result, model }, 200);
  })
  .openapi(listCohortsRoute, async (c) =>
    c.json({ cohorts: await listCohorts(c.var.context, c.req.valid('query').school) }, 200),
  )
  .openapi(schoolPupilsRoute, async (c) => {
    const { stage, year } = c.req.valid('query');
    const cohort = { stage, academicYear: year };
    return c.json({ pupils: await schoolPupils(c.var.context, c.req.valid('param').code, cohort) }, 200);
  })
  .openapi(listStageModelsRoute, async (c) => c.json({ stages: await listStageModels(c.var.context) }, 200))
  .openapi(previewStageModelRoute, async (c) =>
    c.json(await previewStageModel(c.var.context, c.req.valid('param').stage, c.req.valid('json')), 200),
  )
  .openapi(publishStageModelRoute, async (c) =>
    c.json(await publishStageModel(c.var.context, c.req.valid('param').stage, c.req.valid('json')), 200),
  );
