// The registry's HTTP API: org units and schools (the shapes and routes are in contract.ts).
import { newRouter } from '../http.ts';
import { findSchoolsRoute, getOrgUnitRoute, getSchoolRoute, listOrgUnitsRoute } from './contract.ts';
import { findSchools, getOrgUnit, getSchool, listOrgUnits } from './directory.ts';

export const registryRoutes = newRouter()
  .openapi(listOrgUnitsRoute, async (c) => {
    const { level, as_of } = c.req.valid('query');
    return c.json({ org_units: await listOrgUnits(c.var.context, { level, asOf: as_of }) }, 200);
  })
  .openapi(getOrgUnitRoute, async (c) =>
    c.json(
      await getOrgUnit(c.var.context, c.req.valid('param').code, { asOf: c.req.valid('query').as_of }),
      200,
    ),
  )
  .openapi(findSchoolsRoute, async (c) => {
    const { include_closed, page_size, as_of, ...filter } = c.req.valid('query');
    const query = { ...filter, includeClosed: include_closed === 'true', pageSize: page_size, asOf: as_of };
    return c.json(await findSchools(c.var.context, query), 200);
  })
  .openapi(getSchoolRoute, async (c) =>
    c.json(
      await getSchool(c.var.context, c.req.valid('param').code, { asOf: c.req.valid('query').as_of }),
      200,
    ),
  );
