// The norming API's handlers (the routes and shapes are in contract.ts). Access is checked in the
// domain verbs; each handler passes the request's context and input on.
import { HeadwayError } from '../errors.ts';
import { newRouter, uploadLimit } from '../http.ts';
import {
  addLogEntryRoute,
  closeSessionRoute,
  createSessionRoute,
  developmentLogRoute,
  driftRoute,
  importScoresRoute,
  listSessionsRoute,
  masterCaseRoute,
  scoreCaseRoute,
  sessionReportRoute,
  sessionRoute,
} from './contract.ts';
import { addLogEntry, developmentLog } from './development-log.ts';
import { normingDrift } from './drift.ts';
import { importSessionScores } from './import-scores.ts';
import { sessionReport } from './report.ts';
import {
  closeSession,
  createSession,
  listSessions,
  scoreCase,
  sessionDetail,
  setMaster,
} from './sessions.ts';

const fileLimit = uploadLimit('file', 10 * 1024 * 1024);

export const normingRoutes = newRouter()
  .openapi(listSessionsRoute, async (c) => c.json(await listSessions(c.var.context), 200))
  .openapi(createSessionRoute, async (c) =>
    c.json(await createSession(c.var.context, c.req.valid('json')), 201),
  )
  .openapi(sessionRoute, async (c) =>
    c.json(await sessionDetail(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi(scoreCaseRoute, async (c) => {
    const { id, case: caseId } = c.req.valid('param');
    return c.json(await scoreCase(c.var.context, id, caseId, c.req.valid('json')), 200);
  })
  .openapi(masterCaseRoute, async (c) => {
    const { id, case: caseId } = c.req.valid('param');
    return c.json(await setMaster(c.var.context, id, caseId, c.req.valid('json')), 200);
  })
  .openapi({ ...importScoresRoute, middleware: [fileLimit] as const }, async (c) => {
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File))
      throw new HeadwayError('invalid', 'Send the file as multipart form field "file"');
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    return c.json(await importSessionScores(c.var.context, c.req.valid('param').id, upload), 200);
  })
  .openapi(closeSessionRoute, async (c) =>
    c.json(await closeSession(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi(sessionReportRoute, async (c) =>
    c.json(await sessionReport(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi(driftRoute, async (c) => c.json(await normingDrift(c.var.context), 200))
  .openapi(developmentLogRoute, async (c) =>
    c.json(await developmentLog(c.var.context, c.req.valid('param').person), 200),
  )
  .openapi(addLogEntryRoute, async (c) => c.json(await addLogEntry(c.var.context, c.req.valid('json')), 201));
