// Report packs over HTTP: an area's monthly performance pack as HTML or PDF.
import { createRoute, z } from '@hono/zod-openapi';
import { today } from '../clock.ts';
import { errorResponse } from '../contract.ts';
import { newRouter } from '../http.ts';
import { areaReport } from './reports.ts';

export const reportRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/reports/area/{code}',
    tags: ['reports'],
    summary: "An area's performance pack for the monthly meeting",
    request: {
      params: z.object({ code: z.string() }),
      query: z.object({
        period: z.string().openapi({ example: '2026-10' }),
        format: z.enum(['html', 'pdf']).default('html'),
      }),
    },
    responses: {
      200: {
        content: {
          'text/html': { schema: z.string() },
          'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        },
        description: 'The pack',
      },
      404: errorResponse('No such area'),
      503: errorResponse('PDF asked for but no Chromium on the server (HTML works)'),
    },
  }),
  async (c) => {
    const { code } = c.req.valid('param');
    const { period, format } = c.req.valid('query');
    const file = await areaReport(
      c.var.database.db,
      c.var.actor,
      code,
      period,
      format,
      c.var.settings,
      today(),
    );
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
      ...(format === 'pdf' ? { 'content-disposition': `attachment; filename="${file.name}"` } : {}),
    });
  },
);
