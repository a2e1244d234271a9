// The inspections HTTP API: each route of inspections/contract.ts handed to its verb.
import { newRouter } from '../http.ts';
import { schoolInspectionsRoute } from './contract.ts';
import { schoolInspections } from './history.ts';

export const inspectionRoutes = newRouter().openapi(schoolInspectionsRoute, async (c) =>
  c.json(await schoolInspections(c.var.context, c.req.valid('param').code, c.req.valid('query')), 200),
);
