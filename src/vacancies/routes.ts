// The vacancy register's handlers (the routes and shapes are in contract.ts). Access is checked in the
// domain verbs; each handler passes the request's context and input on.
import { newRouter } from '../http.ts';
import {
  addRoundRoute,
  appointRoute,
  editRoundRoute,
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

export const vacancyRoutes = newRouter()
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
