// The dashboards HTTP API: each route of dashboards/contract.ts handed to its page's builder.
import { newRouter } from '../http.ts';
import { areaDashboard } from './area.ts';
import { areaRoute, mapRoute, overviewRoute, schoolRoute, trustRoute } from './contract.ts';
import { schoolMap } from './map.ts';
import { directorOverview } from './overview.ts';
import { schoolDashboard } from './school.ts';
import { trustDashboard } from './trust.ts';

export const dashboardRoutes = newRouter()
  .openapi(overviewRoute, async (c) =>
    c.json(await directorOverview(c.var.context, c.req.valid('query').period), 200),
  )
  .openapi(mapRoute, async (c) => c.json(await schoolMap(c.var.context, c.req.valid('query')), 200))
  .openapi(areaRoute, async (c) =>
    c.json(await areaDashboard(c.var.context, c.req.valid('param').code, c.req.valid('query').period), 200),
  )
  .openapi(schoolRoute, async (c) =>
    c.json(await schoolDashboard(c.var.context, c.req.valid('param').code, c.req.valid('query').period), 200),
  )
  .openapi(trustRoute, async (c) =>
    c.json(await trustDashboard(c.var.context, c.req.valid('param').code, c.req.valid('query').period), 200),
  );
