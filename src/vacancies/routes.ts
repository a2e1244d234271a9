// The vacancy register's handlers (the routes and shapes are in contract.ts). Access is checked in the
// domain verbs; each handler passes the request's context and input on.
import { HeadwayError } from '../errors.ts';
import { MAX_IMPORT_BYTES } from '../exchange/contract.ts';
import { newRouter, uploadLimit } from '../http.ts';
import {
  addRoundRoute,
  appointRoute,
  editRoundRoute,
  exportVacanciesRoute,
  importVacanciesRoute,
  listVacanciesRoute,
  openVacancyRoute,
  setCoverRoute,
  vacancyRoute,
  withdrawVacancyRoute,
} from './contract.ts';
import {
  addRound,
  appoint,
  editRound,
  listVacancies,
  openVacancy,
  setCover,
  vacancyDetail,
  withdrawVacancy,
} from './vacancies.ts';
import { exportVacancies, importVacancies } from './workbook.ts';

const fileLimit = uploadLimit('workbook', MAX_IMPORT_BYTES);

// Fixed paths (import, workbook) before `/vacancies/{id}`.
export const vacancyRoutes = newRouter()
  .openapi({ ...importVacanciesRoute, middleware: [fileLimit] as const }, async (c) => {
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File))
      throw new HeadwayError('invalid', 'Send the workbook as multipart form field "file"');
    const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    return c.json(
      await importVacancies(c.var.context, upload, { dryRun: c.req.valid('query').dry_run === 'true' }),
      200,
    );
  })
  .openapi(exportVacanciesRoute, async (c) =>
    c.body(new Uint8Array(await exportVacancies(c.var.context)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="vacancy-register.xlsx"',
    }),
  )
  .openapi(listVacanciesRoute, async (c) =>
    c.json(await listVacancies(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(openVacancyRoute, async (c) => c.json(await openVacancy(c.var.context, c.req.valid('json')), 201))
  .openapi(vacancyRoute, async (c) =>
    c.json(await vacancyDetail(c.var.context, c.req.valid('param').id), 200),
  )
  .openapi(setCoverRoute, async (c) =>
    c.json(await setCover(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(addRoundRoute, async (c) =>
    c.json(await addRound(c.var.context, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(editRoundRoute, async (c) => {
    const { id, number } = c.req.valid('param');
    return c.json(await editRound(c.var.context, id, number, c.req.valid('json')), 200);
  })
  .openapi(appointRoute, async (c) =>
    c.json(await appoint(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(withdrawVacancyRoute, async (c) =>
    c.json(await withdrawVacancy(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  );
