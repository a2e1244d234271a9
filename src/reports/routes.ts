// The reports HTTP API: an area's performance pack as HTML or PDF.
import { newRouter } from '../http.ts';
import { areaReportRoute, trustReportRoute } from './contract.ts';
import { areaReport } from './reports.ts';
import { trustReport } from './trust-pack.ts';

const headers = (format: 'html' | 'pdf', name: string) => ({
  'content-type': format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
  ...(format === 'pdf' ? { 'content-disposition': `attachment; filename="${name}"` } : {}),
});

export const reportRoutes = newRouter()
  .openapi(areaReportRoute, async (c) => {
    const { code } = c.req.valid('param');
    const { period, format } = c.req.valid('query');
    const file = await areaReport(c.var.context, code, period, format);
    return c.body(new Uint8Array(file.bytes), 200, headers(format, file.name));
  })
  .openapi(trustReportRoute, async (c) => {
    const { code } = c.req.valid('param');
    const { period, format } = c.req.valid('query');
    const file = await trustReport(c.var.context, code, period, format);
    return c.body(new Uint8Array(file.bytes), 200, headers(format, file.name));
  });
