// The programmes API's handlers (the routes and shapes are in the contracts). Access is checked in the
// domain verbs; each handler passes the request's context and input on.
import { HeadwayError } from '../errors.ts';
import { MAX_IMPORT_BYTES } from '../exchange/contract.ts';
import { newRouter, uploadLimit } from '../http.ts';
import {
  addCohortRoute,
  addParticipantRoute,
  addProgrammeRoute,
  changeParticipantRoute,
  changeProgrammeRoute,
  cohortRoute,
  exportCohortsRoute,
  importCohortsRoute,
  listCohortsRoute,
  listProgrammesRoute,
} from './contract.ts';
import { growingOwn } from './grown.ts';
import { grownRoute } from './grown-contract.ts';
import { enrolablePeople } from './people.ts';
import { enrolablePeopleRoute } from './people-contract.ts';
import {
  acceptPlacementsRoute,
  changePlacementRoute,
  listPlacementsRoute,
  proposePlacementsRoute,
} from './placement-contract.ts';
import { acceptPlacements, changePlacement, listPlacements, proposePlacements } from './placements.ts';
import {
  addCohort,
  addParticipant,
  addProgramme,
  changeParticipant,
  changeProgramme,
  cohortDetail,
  listCohorts,
  listProgrammes,
} from './programmes.ts';
import { exportCohorts, importCohorts } from './workbook.ts';

const fileLimit = uploadLimit('workbook', MAX_IMPORT_BYTES);

// Fixed paths (cohorts, participants, placements, growing-own, import, workbook) before `/programmes/{code}`.
export const programmeRoutes = newRouter()
  .openapi(listProgrammesRoute, async (c) => c.json(await listProgrammes(c.var.context), 200))
  .openapi(addProgrammeRoute, async (c) =>
    c.json(await addProgramme(c.var.context, c.req.valid('json')), 201),
  )
  .openapi(listCohortsRoute, async (c) => c.json(await listCohorts(c.var.context, c.req.valid('query')), 200))
  .openapi(addCohortRoute, async (c) => c.json(await addCohort(c.var.context, c.req.valid('json')), 201))
  .openapi(cohortRoute, async (c) => c.json(await cohortDetail(c.var.context, c.req.valid('param').id), 200))
  .openapi(addParticipantRoute, async (c) =>
    c.json(await addParticipant(c.var.context, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(changeParticipantRoute, async (c) =>
    c.json(await changeParticipant(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(proposePlacementsRoute, async (c) =>
    c.json(await proposePlacements(c.var.context, c.req.valid('json')), 200),
  )
  .openapi(acceptPlacementsRoute, async (c) =>
    c.json(await acceptPlacements(c.var.context, c.req.valid('json')), 201),
  )
  .openapi(listPlacementsRoute, async (c) => c.json(await listPlacements(c.var.context), 200))
  .openapi(changePlacementRoute, async (c) =>
    c.json(await changePlacement(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(enrolablePeopleRoute, async (c) =>
    c.json(await enrolablePeople(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(grownRoute, async (c) => c.json(await growingOwn(c.var.context, c.req.valid('query')), 200))
  .openapi({ ...importCohortsRoute, middleware: [fileLimit] as const }, async (c) => {
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File))
      throw new HeadwayError('invalid', 'Send the workbook as multipart form field "file"');
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    return c.json(
      await importCohorts(c.var.context, upload, { dryRun: c.req.valid('query').dry_run === 'true' }),
      200,
    );
  })
  .openapi(exportCohortsRoute, async (c) =>
    c.body(new Uint8Array(await exportCohorts(c.var.context)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="programme-cohorts.xlsx"',
    }),
  )
  .openapi(changeProgrammeRoute, async (c) =>
    c.json(await changeProgramme(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  );
