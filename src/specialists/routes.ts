// The specialists API's handlers: the specialisms catalogue, the specialists list, recording and editing
// them, and the people to record. Shapes are in the contract; role and scope are checked in the verbs.
import { newRouter } from '../http.ts';
import { addSpecialism, changeSpecialism, listSpecialisms } from './catalogue.ts';
import {
  addSpecialismRoute,
  changeSpecialismRoute,
  changeSpecialistRoute,
  listSpecialismsRoute,
  listSpecialistsRoute,
  recordSpecialistRoute,
  specialistPeopleRoute,
} from './contract.ts';
import { specialistCandidates } from './people.ts';
import { changeSpecialist, listSpecialists, recordSpecialist } from './specialists.ts';

export const specialistRoutes = newRouter()
  .openapi(listSpecialismsRoute, async (c) => c.json(await listSpecialisms(c.var.context), 200))
  .openapi(addSpecialismRoute, async (c) =>
    c.json(await addSpecialism(c.var.context, c.req.valid('json')), 201),
  )
  .openapi(changeSpecialismRoute, async (c) =>
    c.json(await changeSpecialism(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(specialistPeopleRoute, async (c) =>
    c.json(await specialistCandidates(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(listSpecialistsRoute, async (c) =>
    c.json(await listSpecialists(c.var.context, c.req.valid('query')), 200),
  )
  .openapi(recordSpecialistRoute, async (c) =>
    c.json(await recordSpecialist(c.var.context, c.req.valid('json')), 201),
  )
  .openapi(changeSpecialistRoute, async (c) =>
    c.json(await changeSpecialist(c.var.context, c.req.valid('param').id, c.req.valid('json')), 200),
  );
