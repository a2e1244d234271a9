// The redeployment plans' handlers (the routes and shapes are in plan-contract.ts). Access is checked
// in the domain verbs; each handler passes the request's context and input on.
import { newRouter } from '../http.ts';
import {
  decideMoveRoute,
  listPlansRoute,
  makePlanRoute,
  planRoute,
  planWorkbookRoute,
  raisePlanRoute,
} from './plan-contract.ts';
import { planWorkbook } from './plan-workbook.ts';
import { decideMove, listPlans, makePlan, planDetail, raisePlan } from './plans.ts';

export const teacherPlanRoutes = newRouter()
  .openapi(listPlansRoute, async (c) => c.json({ plans: await listPlans(c.var.context) }, 200))
  .openapi(makePlanRoute, async (c) => c.json(await makePlan(c.var.context, c.req.valid('json')), 201))
  .openapi(planRoute, async (c) => c.json(await planDetail(c.var.context, c.req.valid('param').id), 200))
  .openapi(decideMoveRoute, async (c) => {
    const { id, move } = c.req.valid('param');
    return c.json(await decideMove(c.var.context, id, move, c.req.valid('json')), 200);
  })
  .openapi(raisePlanRoute, async (c) =>
    c.json(await raisePlan(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(planWorkbookRoute, async (c) => {
    const id = c.req.valid('param').id;
    return c.body(new Uint8Array(await planWorkbook(c.var.context, id)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="teacher-plan-${id}.xlsx"`,
    });
  });
