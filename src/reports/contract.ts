// The reports API's route: an area's performance pack, as HTML or PDF (a file, not JSON).
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from '../contract.ts';

const reportFormats = ['html', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const areaReportRoute = createRoute({
  method: 'get',
  path: '/reports/area/{code}',
  tags: ['reports'],
  summary: "An area's performance pack for the monthly meeting",
  request: {
    params: z.object({ code: z.string() }),
    query: z.object({
      period: z.string().openapi({ example: '2026-10' }),
      format: z.enum(reportFormats).default('html'),
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
});

export const trustReportRoute = createRoute({
  method: 'get',
  path: '/reports/trust/{code}',
  tags: ['reports'],
  summary: "A trust's (or federation's) pack: its figures, its schools, give and receive, its own leaders",
  request: {
    params: z.object({ code: z.string() }),
    query: z.object({
      period: z
        .string()
        .optional()
        .openapi({ example: '2026-10', description: 'The month; the latest when left out' }),
      format: z.enum(reportFormats).default('html'),
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
    404: errorResponse('No such trust in scope'),
    503: errorResponse('PDF asked for but no Chromium on the server (HTML works)'),
  },
});
