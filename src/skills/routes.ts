// The skills audit API's handlers (the routes and shapes are in the contract). Access is checked in the
// domain verbs; each handler passes the request's context and input on.
import { HeadwayError } from '../errors.ts';
import { MAX_IMPORT_BYTES } from '../exchange/contract.ts';
import { newRouter, uploadLimit } from '../http.ts';
import { addAudit, auditLeaders, listAudits } from './audits.ts';
import {
  addAuditRoute,
  addCompetencyRoute,
  auditLeadersRoute,
  changeCompetencyRoute,
  frameworkRoute,
  importRatingsRoute,
  listAuditsRoute,
  rateSelfRoute,
  ratingsRoute,
  validateRoute,
} from './contract.ts';
import { addCompetency, changeCompetency, listFramework } from './framework.ts';
import { heatmap, heatmapWorkbook } from './heatmap.ts';
import { heatmapRoute, heatmapWorkbookRoute, recommendationsRoute } from './heatmap-contract.ts';
import { importRatings } from './import.ts';
import { leaderRatings, rateSelf, validateRating } from './ratings.ts';
import { recommendations } from './recommend.ts';

const fileLimit = uploadLimit('file', MAX_IMPORT_BYTES);

// `/skills/heatmap/workbook` before any path with a parameter in its place.
export const skillRoutes = newRouter()
  .openapi(frameworkRoute, async (c) => c.json(await listFramework(c.var.context), 200))
  .openapi(addCompetencyRoute, async (c) =>
    c.json(await addCompetency(c.var.context, c.req.valid('json')), 201),
  )
  .openapi(changeCompetencyRoute, async (c) =>
    c.json(await changeCompetency(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(listAuditsRoute, async (c) => c.json(await listAudits(c.var.context), 200))
  .openapi(addAuditRoute, async (c) => c.json(await addAudit(c.var.context, c.req.valid('json')), 201))
  .openapi(auditLeadersRoute, async (c) =>
    c.json(await auditLeaders(c.var.context, c.req.valid('param').code), 200),
  )
  .openapi(ratingsRoute, async (c) => c.json(await leaderRatings(c.var.context, c.req.valid('query')), 200))
  .openapi(rateSelfRoute, async (c) => c.json(await rateSelf(c.var.context, c.req.valid('json')), 200))
  .openapi(validateRoute, async (c) => c.json(await validateRating(c.var.context, c.req.valid('json')), 200))
  .openapi(heatmapWorkbookRoute, async (c) =>
    c.body(new Uint8Array(await heatmapWorkbook(c.var.context, c.req.valid('query'))), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="skills-heatmap.xlsx"',
    }),
  )
  .openapi(heatmapRoute, async (c) => c.json(await heatmap(c.var.context, c.req.valid('query')), 200))
  .openapi(recommendationsRoute, async (c) =>
    c.json(await recommendations(c.var.context, c.req.valid('query')), 200),
  )
  .openapi({ ...importRatingsRoute, middleware: [fileLimit] as const }, async (c) => {
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File))
      throw new HeadwayError('invalid', 'Send the file as multipart form field "file"');
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    return c.json(
      await importRatings(c.var.context, upload, { dryRun: c.req.valid('query').dry_run === 'true' }),
      200,
    );
  });
