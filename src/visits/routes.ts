// The visits and rubrics API's handlers (the routes and shapes are in contract.ts). Access is checked
// in the domain verbs; each handler passes the request's context and input on.
import { newRouter } from '../http.ts';
import {
  coverageRoute,
  listRubricsRoute,
  listVisitsRoute,
  recordVisitRoute,
  rubricRoute,
  saveRubricRoute,
  updateVisitRoute,
  visitRoute,
} from './contract.ts';
import { visitCoverage } from './coverage.ts';
import { visitFormDataRoute } from './form-contract.ts';
import { visitFormData } from './form-data.ts';
import { listRubrics, rubricDetail, saveRubric } from './rubrics.ts';
import { listVisits, recordVisit, updateVisit, visitDetail } from './visits.ts';

// `/visits/coverage` and `/visits/form` before `/visits/{id}`, which would take it.
export const visitRoutes = newRouter()
  .openapi(listRubricsRoute, async (c) =>
    c.json({ rubrics: await listRubrics(c.var.context, c.req.valid('query').all === 'true') }, 200),
  )
  .openapi(saveRubricRoute, async (c) => c.json(await saveRubric(c.var.context, c.req.valid('json')), 200))
  .openapi(rubricRoute, async (c) =>
    c.json(await rubricDetail(c.var.context, c.req.valid('param').code, c.req.valid('query').version), 200),
  )
  .openapi(listVisitsRoute, async (c) => c.json(await listVisits(c.var.context, c.req.valid('query')), 200))
  .openapi(recordVisitRoute, async (c) => c.json(await recordVisit(c.var.context, c.req.valid('json')), 201))
  .openapi(visitFormDataRoute, async (c) => c.json(await visitFormData(c.var.context), 200))
  .openapi(coverageRoute, async (c) => c.json(await visitCoverage(c.var.context, c.req.valid('query')), 200))
  .openapi(visitRoute, async (c) => c.json(await visitDetail(c.var.context, c.req.valid('param').id), 200))
  .openapi(updateVisitRoute, async (c) =>
    c.json(await updateVisit(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  );
