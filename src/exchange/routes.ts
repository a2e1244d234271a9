// The HTTP API for files: import any kind all or nothing, export any kind in its import format.
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from '../contract.ts';
import { HeadwayError } from '../errors.ts';
import { newRouter } from '../http.ts';
import { ImportReport, importRejectedResponse } from '../tabular/contract.ts';
import { writeTable } from '../tabular/write.ts';
import { exchangeKinds, exportKind, importFile } from './exchange.ts';

const KindParam = z.object({
  kind: z.enum(exchangeKinds).openapi({ param: { name: 'kind', in: 'path' } }),
});

export const exchangeRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/imports/{kind}',
      tags: ['files'],
      summary: 'Import a CSV or XLSX file (or YAML for indicators); all or nothing',
      description:
        'Checks every row first. If any row is bad nothing is written and the answer is 422 with the problems: ' +
        'the first 1,000 in row order with row, column and reason, and the rest counted by column and reason. ' +
        'Rows are upserted by their key, so importing the same file twice changes nothing.',
      middleware: [
        bodyLimit({
          maxSize: 50 * 1024 * 1024,
          onError: () => {
            throw new HeadwayError('invalid', 'The file is larger than 50 MB');
          },
        }),
      ] as const,
      request: {
        params: KindParam,
        query: z.object({
          dry_run: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: 'Check and count without writing' }),
        }),
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z
                  .instanceof(File, { message: 'send the file as multipart form field "file"' })
                  .openapi({ type: 'string', format: 'binary' }),
              }),
            },
          },
        },
      },
      responses: {
        200: {
          content: { 'application/json': { schema: ImportReport } },
          description: 'Imported (or, in a dry run, what would be)',
        },
        400: errorResponse('No file, or not CSV/XLSX'),
        422: importRejectedResponse('The file has problems, or cannot be read; nothing was written'),
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File))
        throw new HeadwayError('invalid', 'Send the file as multipart form field "file"');
      const report = await importFile(
        c.var.database.db,
        c.var.actor,
        kind,
        { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        { dryRun: c.req.valid('query').dry_run === 'true' },
      );
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exports/{kind}',
      tags: ['files'],
      summary: 'Export in the import format, as CSV or XLSX',
      request: { params: KindParam, query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }) },
      responses: {
        200: {
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
          description: 'The file',
        },
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const { columns, rows } = await exportKind(c.var.database.db, c.var.actor, kind);
      const bytes = await writeTable(columns, rows, format);
      const type =
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': type,
        'content-disposition': `attachment; filename="${kind}.${format}"`,
      });
    },
  );
