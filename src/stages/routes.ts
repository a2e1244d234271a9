// The stages API: the schools at their stages, the movement, one school's history, the rules (shapes
// and routes in contract.ts).
import { newRouter } from '../http.ts';
import {
  getStageRulesRoute,
  listStagesRoute,
  putStageRulesRoute,
  recordStagesRoute,
  schoolStageRoute,
  stageMovementRoute,
} from './contract.ts';
import { getStageRules, saveStageRules } from './definitions.ts';
import { recordStages } from './history.ts';
import { stageMovement } from './movement.ts';
import { listStages, schoolStage } from './stages.ts';

export const stageRoutes = newRouter()
  .openapi(listStagesRoute, async (c) => c.json(await listStages(c.var.context, c.req.valid('query')), 200))
  .openapi(stageMovementRoute, async (c) =>
    c.json(await stageMovement(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(getStageRulesRoute, async (c) => c.json(await getStageRules(c.var.context), 200))
  .openapi(putStageRulesRoute, async (c) =>
    c.json(await saveStageRules(c.var.context, c.req.valid('json')), 200),
  )
  .openapi(recordStagesRoute, async (c) =>
    c.json(await recordStages(c.var.context, c.req.valid('json')), 200),
  )
  .openapi(schoolStageRoute, async (c) =>
    c.json(await schoolStage(c.var.context, c.req.valid('param').code), 200),
  );
