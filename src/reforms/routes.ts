// The reforms API's handlers (the routes and shapes are in contract.ts). Access is checked in the verbs.
import { newRouter } from '../http.ts';
import { recordCheck, schoolHistory } from './checks.ts';
import {
  implementationRoute,
  listReformsRoute,
  recordCheckRoute,
  reformRoute,
  saveReformRoute,
  schoolHistoryRoute,
} from './contract.ts';
import { reformImplementation } from './implementation.ts';
import { listReforms, reformDetail, saveReform } from './reforms.ts';

export const reformRoutes = newRouter()
  .openapi(listReformsRoute, async (c) => c.json({ reforms: await listReforms(c.var.context) }, 200))
  .openapi(saveReformRoute, async (c) => c.json(await saveReform(c.var.context, c.req.valid('json')), 200))
  .openapi(reformRoute, async (c) =>
    c.json(await reformDetail(c.var.context, c.req.valid('param').code, c.req.valid('query')), 200),
  )
  .openapi(implementationRoute, async (c) =>
    c.json(await reformImplementation(c.var.context, c.req.valid('param').code, c.req.valid('query')), 200),
  )
  .openapi(recordCheckRoute, async (c) =>
    c.json(await recordCheck(c.var.context, c.req.valid('param').code, c.req.valid('json')), 201),
  )
  .openapi(schoolHistoryRoute, async (c) => {
    const { code, school } = c.req.valid('param');
    return c.json(await schoolHistory(c.var.context, code, school), 200);
  });
