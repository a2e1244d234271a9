// The shortage projection's routes: one line each, the verbs check permission and scope.
import { newRouter } from '../http.ts';
import {
  projectionRatesRoute,
  projectionRoute,
  ratesChangesRoute,
  updateProjectionRatesRoute,
} from './contract.ts';
import { shortageProjection } from './projection.ts';
import { ratesChanges, setProjectionRates, viewProjectionRates } from './rates.ts';

export const projectionRoutes = newRouter()
  .openapi(projectionRoute, async (c) =>
    c.json(await shortageProjection(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(projectionRatesRoute, async (c) => c.json(await viewProjectionRates(c.var.context), 200))
  .openapi(ratesChangesRoute, async (c) => c.json(await ratesChanges(c.var.context), 200))
  .openapi(updateProjectionRatesRoute, async (c) =>
    c.json(await setProjectionRates(c.var.context, c.req.valid('json')), 200),
  );
