// The HTTP API for files: import any kind all or nothing, export any kind in its import format (the
// shapes and routes are in contract.ts).
import { HeadwayError } from '../errors.ts';
import { newRouter, uploadLimit } from '../http.ts';
import { writeTable } from '../tabular/write.ts';
import {
  exportKindRoute,
  importFileRoute,
  importFormatsRoute,
  importTemplateRoute,
  MAX_IMPORT_BYTES,
} from './contract.ts';
import { exportKind, importFile } from './exchange.ts';
import { importFormats, importTemplate } from './templates.ts';

const fileLimit = uploadLimit('file', MAX_IMPORT_BYTES);

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const exchangeRoutes = newRouter()
  .openapi({ ...importFileRoute, middleware: [fileLimit] as const }, async (c) => {
    const { kind } = c.req.valid('param');
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File))
      throw new HeadwayError('invalid', 'Send the file as multipart form field "file"');
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    const dryRun = c.req.valid('query').dry_run === 'true';
    return c.json(await importFile(c.var.context, kind, upload, { dryRun }), 200);
  })
  .openapi(importFormatsRoute, (c) => c.json({ kinds: importFormats(c.var.context) }, 200))
  .openapi(importTemplateRoute, async (c) => {
    const { kind } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const bytes = await importTemplate(c.var.context, kind, format);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': contentTypes[format],
      'content-disposition': `attachment; filename="${kind}-template.${format}"`,
    });
  })
  .openapi(exportKindRoute, async (c) => {
    const { kind } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const { columns, rows } = await exportKind(c.var.context, kind);
    const bytes = await writeTable(columns, rows, format);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': contentTypes[format],
      'content-disposition': `attachment; filename="${kind}.${format}"`,
    });
  });
