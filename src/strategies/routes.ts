// The strategies API's handlers (the routes and shapes are in contract.ts). Access is checked in the
// domain verbs; each handler passes the request's context and input on.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HeadwayError } from '../errors.ts';
import { MAX_IMPORT_BYTES } from '../exchange/contract.ts';
import { newRouter, uploadLimit } from '../http.ts';
import {
  actionRoute,
  addActionRoute,
  addEvidenceRoute,
  addGroupRoute,
  addLinkRoute,
  addMeasureRoute,
  addMilestoneRoute,
  addStrandRoute,
  createStrategyRoute,
  deleteLinkRoute,
  deleteMeasureRoute,
  editActionRoute,
  editMilestoneRoute,
  editStrandRoute,
  editStrategyRoute,
  findPeopleRoute,
  listGroupsRoute,
  listStrategiesRoute,
  myPlanRoute,
  strategyRoute,
  updateActionRoute,
} from './contract.ts';
import { addSummary, closeCycle, listCycles, openCycle, readCycle } from './cycle.ts';
import {
  addSummaryRoute,
  closeCycleRoute,
  cycleRoute,
  listCyclesRoute,
  openCycleRoute,
  remindCycleRoute,
} from './cycle-contract.ts';
import { remindCycle } from './cycle-reminders.ts';
import {
  addAction,
  addGroup,
  addMeasure,
  addStrand,
  createStrategy,
  deleteMeasure,
  editAction,
  editStrand,
  editStrategy,
  listGroups,
} from './edit.ts';
import { addEvidenceFile, evidenceFile, evidenceFilesOf, MAX_EVIDENCE_BYTES } from './evidence-files.ts';
import {
  addEvidenceFileRoute,
  evidenceFileRoute,
  listEvidenceFilesRoute,
} from './evidence-files-contract.ts';
import { actionChanges, planChanges } from './history.ts';
import { addLink, deleteLink } from './links.ts';
import { myPlan } from './mine.ts';
import { findPeople } from './people.ts';
import { actionDetail, listStrategies, strategyDetail } from './plan.ts';
import { reorganise } from './reorganise.ts';
import { actionHistoryRoute, reorganiseRoute, strategyHistoryRoute } from './reorganise-contract.ts';
import { strategyReportFile } from './report.ts';
import { strategyReportRoute } from './report-contract.ts';
import { addEvidence, addMilestone, editMilestone, updateAction } from './updates.ts';
import { exportPlanRoute, importPlanRoute, planTemplateRoute } from './workbook-contract.ts';
import { exportPlanWorkbook, planTemplate } from './workbook-export.ts';
import { importPlanWorkbook } from './workbook-import.ts';

const fileLimit = uploadLimit('workbook', MAX_IMPORT_BYTES);

// A little over the largest evidence file, so the domain's message (which names the file) is the answer.
const evidenceLimit = bodyLimit({
  maxSize: MAX_EVIDENCE_BYTES + 64 * 1024,
  onError: () => {
    throw new HeadwayError('invalid', 'file: evidence files are at most 10 MB');
  },
});

const xlsxFile = (c: Context, bytes: Buffer, name: string) =>
  c.body(new Uint8Array(bytes), 200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${name}"`,
  });

// Fixed paths (groups, mine, links, strands, actions) before `/strategies/{code}`, which would take them.
export const strategyRoutes = newRouter()
  .openapi(listStrategiesRoute, async (c) => c.json({ strategies: await listStrategies(c.var.context) }, 200))
  .openapi(createStrategyRoute, async (c) =>
    c.json({ id: await createStrategy(c.var.context, c.req.valid('json')) }, 201),
  )
  .openapi(listGroupsRoute, async (c) => c.json({ groups: await listGroups(c.var.context) }, 200))
  .openapi(addGroupRoute, async (c) => c.json(await addGroup(c.var.context, c.req.valid('json')), 201))
  .openapi(findPeopleRoute, async (c) =>
    c.json({ people: await findPeople(c.var.context, c.req.valid('query').q) }, 200),
  )
  .openapi(myPlanRoute, async (c) => c.json({ items: await myPlan(c.var.context) }, 200))
  // The plan as a workbook (workbook-export.ts, workbook-import.ts).
  .openapi(planTemplateRoute, async (c) =>
    xlsxFile(c, await planTemplate(c.var.context), 'strategy-template.xlsx'),
  )
  .openapi({ ...importPlanRoute, middleware: [fileLimit] as const }, async (c) => {
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File))
      throw new HeadwayError('invalid', 'Send the workbook as multipart form field "file"');
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    return c.json(
      await importPlanWorkbook(c.var.context, upload, { dryRun: c.req.valid('query').dry_run === 'true' }),
      200,
    );
  })
  .openapi({ ...addEvidenceFileRoute, middleware: [evidenceLimit] as const }, async (c) => {
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File))
      throw new HeadwayError('invalid', 'Send the file as multipart form field "file"');
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    return c.json({ id: await addEvidenceFile(c.var.context, c.req.valid('param').id, upload) }, 201);
  })
  .openapi(listEvidenceFilesRoute, async (c) =>
    c.json({ files: await evidenceFilesOf(c.var.context, c.req.valid('param').id) }, 200),
  )
  .openapi(evidenceFileRoute, async (c) => {
    const file = await evidenceFile(c.var.context, c.req.valid('param').id);
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': file.content_type,
      // The name as plain ASCII for old clients, and exactly (UTF-8) for the rest.
      'content-disposition': `attachment; filename="${file.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  })
  .openapi(exportPlanRoute, async (c) => {
    const { code } = c.req.valid('param');
    return xlsxFile(c, await exportPlanWorkbook(c.var.context, code), `strategy-${code}.xlsx`);
  })
  .openapi(addLinkRoute, async (c) => c.json({ id: await addLink(c.var.context, c.req.valid('json')) }, 201))
  .openapi(deleteLinkRoute, async (c) => {
    await deleteLink(c.var.context, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(deleteMeasureRoute, async (c) => {
    await deleteMeasure(c.var.context, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(editStrandRoute, async (c) => {
    await editStrand(c.var.context, c.req.valid('param').id, c.req.valid('json'));
    return c.body(null, 204);
  })
  .openapi(addActionRoute, async (c) =>
    c.json({ id: await addAction(c.var.context, c.req.valid('param').id, c.req.valid('json')) }, 201),
  )
  .openapi(actionRoute, async (c) =>
    c.json(
      await actionDetail(c.var.context, c.req.valid('param').id, { asOf: c.req.valid('query').as_of }),
      200,
    ),
  )
  .openapi(editActionRoute, async (c) => {
    const { id } = c.req.valid('param');
    await editAction(c.var.context, id, c.req.valid('json'));
    return c.json(await actionDetail(c.var.context, id), 200);
  })
  .openapi(updateActionRoute, async (c) =>
    c.json({ id: await updateAction(c.var.context, c.req.valid('param').id, c.req.valid('json')) }, 201),
  )
  .openapi(addMilestoneRoute, async (c) =>
    c.json({ id: await addMilestone(c.var.context, c.req.valid('param').id, c.req.valid('json')) }, 201),
  )
  .openapi(editMilestoneRoute, async (c) => {
    await editMilestone(c.var.context, c.req.valid('param').id, c.req.valid('json'));
    return c.body(null, 204);
  })
  .openapi(addEvidenceRoute, async (c) =>
    c.json({ id: await addEvidence(c.var.context, c.req.valid('param').id, c.req.valid('json')) }, 201),
  )
  // The termly impact report: a file, not JSON; before `/strategies/{code}` for clarity.
  .openapi(strategyReportRoute, async (c) => {
    const { term, format } = c.req.valid('query');
    const file = await strategyReportFile(c.var.context, c.req.valid('param').code, term, format);
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
      ...(format === 'pdf' ? { 'content-disposition': `attachment; filename="${file.name}"` } : {}),
    });
  })
  .openapi(strategyRoute, async (c) =>
    c.json(
      await strategyDetail(c.var.context, c.req.valid('param').code, { asOf: c.req.valid('query').as_of }),
      200,
    ),
  )
  .openapi(editStrategyRoute, async (c) => {
    const { code } = c.req.valid('param');
    await editStrategy(c.var.context, code, c.req.valid('json'));
    return c.json(await strategyDetail(c.var.context, code), 200);
  })
  .openapi(addStrandRoute, async (c) =>
    c.json({ id: await addStrand(c.var.context, c.req.valid('param').code, c.req.valid('json')) }, 201),
  )
  .openapi(addMeasureRoute, async (c) =>
    c.json({ id: await addMeasure(c.var.context, c.req.valid('param').code, c.req.valid('json')) }, 201),
  )
  // Reorganisation and history (reorganise.ts, history.ts).
  .openapi(actionHistoryRoute, async (c) =>
    c.json({ changes: await actionChanges(c.var.context, c.req.valid('param').id) }, 200),
  )
  .openapi(strategyHistoryRoute, async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json({ changes: await planChanges(c.var.context, c.req.valid('param').code, from, to) }, 200);
  })
  .openapi(reorganiseRoute, async (c) =>
    c.json(
      await reorganise(c.var.context, c.req.valid('param').code, c.req.valid('json'), {
        dryRun: c.req.valid('query').dry_run === 'true',
      }),
      200,
    ),
  )
  // The termly cycle (cycle.ts): under /strategies/{code}/cycles, so after the fixed paths too.
  .openapi(listCyclesRoute, async (c) =>
    c.json({ cycles: await listCycles(c.var.context, c.req.valid('param').code) }, 200),
  )
  .openapi(openCycleRoute, async (c) =>
    c.json(await openCycle(c.var.context, c.req.valid('param').code, c.req.valid('json')), 201),
  )
  .openapi(cycleRoute, async (c) => {
    const { code, term } = c.req.valid('param');
    return c.json(await readCycle(c.var.context, code, term), 200);
  })
  .openapi(closeCycleRoute, async (c) => {
    const { code, term } = c.req.valid('param');
    return c.json(await closeCycle(c.var.context, code, term), 200);
  })
  .openapi(remindCycleRoute, async (c) => {
    const { code, term } = c.req.valid('param');
    return c.json(await remindCycle(c.var.context, code, term), 200);
  })
  .openapi(addSummaryRoute, async (c) => {
    const { code, term } = c.req.valid('param');
    return c.json({ id: await addSummary(c.var.context, code, term, c.req.valid('json')) }, 201);
  });
