// The DHIS2 HTTP API: each route of dhis2/contract.ts handed to its verb, and `POST /data-values` (the KPI
// contract's), which takes Headway's rows or a DHIS2 payload.
import { HeadwayError } from '../errors.ts';
import { MAX_IMPORT_BYTES } from '../exchange/contract.ts';
import { importTable } from '../exchange/exchange.ts';
import { newRouter, uploadLimit } from '../http.ts';
import { pushDataValuesRoute } from '../kpi/contract.ts';
import { recordsToTable } from '../tabular/read.ts';
import {
  deleteMappingRoute,
  exportDataValueSetRoute,
  importDataValueSetRoute,
  importMappingsRoute,
  listMappingsRoute,
  listPullsRoute,
  pullNowRoute,
  saveMappingRoute,
} from './contract.ts';
import { exportDataValueSet } from './export.ts';
import { importDataValueSet, importDhis2AsDataValues } from './import.ts';
import { deleteMapping, importMappings, listMappings, saveMapping } from './mapping.ts';
import { parseCsvPayload, parseJsonPayload } from './payload.ts';
import { pullFromDhis2, pullOverview } from './pull.ts';

const fileLimit = uploadLimit('payload', MAX_IMPORT_BYTES);

export const dhis2Routes = newRouter()
  .openapi(pushDataValuesRoute, async (c) => {
    const body = c.req.valid('json');
    const dryRun = c.req.valid('query').dry_run === 'true';
    if (Array.isArray(body))
      return c.json(await importTable(c.var.context, 'data-values', recordsToTable(body), { dryRun }), 200);
    return c.json(await importDhis2AsDataValues(c.var.context, body, dryRun), 200);
  })
  .openapi({ ...importDataValueSetRoute, middleware: [fileLimit] as const }, async (c) => {
    const type = c.req.header('content-type') ?? '';
    const payload = /^(text|application)\/csv/i.test(type)
      ? await parseCsvPayload(new Uint8Array(await c.req.arrayBuffer()))
      : parseJsonPayload(
          await c.req.json().catch(() => {
            throw new HeadwayError(
              'invalid',
              'The body is not JSON (send the CSV form with Content-Type: text/csv)',
            );
          }),
        );
    const summary = await importDataValueSet(c.var.context, payload, c.req.valid('query'));
    return summary.status === 'SUCCESS' ? c.json(summary, 200) : c.json(summary, 409);
  })
  .openapi(exportDataValueSetRoute, async (c) =>
    c.json(await exportDataValueSet(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(listMappingsRoute, async (c) =>
    c.json(await listMappings(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(saveMappingRoute, async (c) => c.json(await saveMapping(c.var.context, c.req.valid('json')), 200))
  .openapi(deleteMappingRoute, async (c) =>
    c.json(await deleteMapping(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi({ ...importMappingsRoute, middleware: [fileLimit] as const }, async (c) => {
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File))
      throw new HeadwayError('invalid', 'Send the file as multipart form field "file"');
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    return c.json(
      await importMappings(c.var.context, upload, { dryRun: c.req.valid('query').dry_run === 'true' }),
      200,
    );
  })
  .openapi(listPullsRoute, async (c) => c.json(await pullOverview(c.var.context), 200))
  .openapi(pullNowRoute, async (c) => c.json(await pullFromDhis2(c.var.context, c.req.valid('json')), 200));
