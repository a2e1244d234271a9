// Give and receive's handlers (the routes and shapes are in contract.ts). Access is checked in the verbs.
import { newRouter } from '../http.ts';
import { sheetContentType } from '../kpi/analytics-sheet.ts';
import { givingExportRoute, givingRoute, schoolGivingRoute, trustGivingRoute } from './contract.ts';
import { supportInYear, writeSupport } from './export.ts';
import { givingRollup, schoolGiving } from './giving.ts';
import { trustGiving } from './trust.ts';

export const givingRoutes = newRouter()
  .openapi(givingRoute, async (c) => c.json(await givingRollup(c.var.context, c.req.valid('query')), 200))
  .openapi(schoolGivingRoute, async (c) =>
    c.json(await schoolGiving(c.var.context, c.req.valid('param').code, c.req.valid('query')), 200),
  )
  .openapi(trustGivingRoute, async (c) =>
    c.json(await trustGiving(c.var.context, c.req.valid('param').code, c.req.valid('query')), 200),
  )
  .openapi(givingExportRoute, async (c) => {
    const { context } = c.var;
    const q = c.req.valid('query');
    const flows = await supportInYear(context, q);
    if (q.format === 'json') return c.json(flows, 200);
    return c.body(new Uint8Array(await writeSupport(flows, q.format)), 200, {
      'content-type': sheetContentType[q.format],
      'content-disposition': `attachment; filename="support-between-schools-${q.year ?? context.today}.${q.format}"`,
    });
  });
