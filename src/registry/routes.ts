// The registry's HTTP API: org units and schools.
import { createRoute, z } from '@hono/zod-openapi';
import { today } from '../clock.ts';
import { AsOfQuery, errorResponse } from '../contract.ts';
import { newRouter } from '../http.ts';
import { findSchools, getOrgUnit, getSchool, listOrgUnits } from './directory.ts';
import { phases } from './schema.ts';

const OrgUnitSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(['authority', 'area', 'cluster', 'school']),
    parent_code: z.string().nullable(),
    schools: z.number().int().openapi({ description: 'Open schools beneath this unit' }),
  })
  .openapi('OrgUnitSummary');

const OrgUnitDetail = OrgUnitSummary.extend({
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  children: z.array(OrgUnitSummary),
}).openapi('OrgUnit');

const HeadOnDate = z
  .object({
    person_code: z.string(),
    name: z.string(),
    role: z.string(),
    since: z.string(),
    tenure_years: z.number(),
    headship_years: z.number(),
    first_year_of_headship: z.boolean(),
  })
  .openapi('HeadOnDate');

const SchoolFacts = {
  code: z.string(),
  name: z.string(),
  phase: z.enum(phases),
  type: z.string().nullable(),
  urn: z.string().nullable(),
  area_code: z.string(),
  area_name: z.string(),
  cluster_code: z.string().nullable(),
  trust_code: z.string().nullable(),
  trust_name: z.string().nullable(),
  opened_on: z.string().nullable(),
  closed_on: z.string().nullable(),
  capacity: z.number().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
};

const SchoolListItem = z
  .object({
    ...SchoolFacts,
    headship_status: z.enum(['filled', 'covered', 'vacant']),
    headteacher: z
      .object({
        person_code: z.string(),
        name: z.string(),
        role: z.string(),
        since: z.string(),
        tenure_years: z.number(),
      })
      .nullable()
      .openapi({ description: 'The substantive head, or else the first acting or interim head' }),
  })
  .openapi('SchoolListItem');

const SchoolDetail = z
  .object({
    ...SchoolFacts,
    headship: z.object({
      status: z.enum(['filled', 'covered', 'vacant']),
      head: HeadOnDate.nullable(),
      cover: z.array(HeadOnDate),
    }),
    posts: z.array(
      z.object({
        person_code: z.string(),
        given_name: z.string(),
        family_name: z.string(),
        role: z.string(),
        starts_on: z.string(),
        ends_on: z.string().nullable(),
        fte: z.number().nullable(),
      }),
    ),
    ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })),
  })
  .openapi('School');

export const registryRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/org-units',
      tags: ['registry'],
      summary: 'Org units (authority, areas, clusters, schools) with the number of open schools beneath each',
      request: {
        query: AsOfQuery.extend({ level: z.enum(['authority', 'area', 'cluster', 'school']).optional() }),
      },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ org_units: z.array(OrgUnitSummary) }) } },
          description: 'Org units',
        },
        400: errorResponse('Bad parameters'),
      },
    }),
    async (c) => {
      const { level, as_of } = c.req.valid('query');
      const units = await listOrgUnits(c.var.database.db, c.var.actor, { level }, as_of ?? today());
      return c.json({ org_units: units as z.infer<typeof OrgUnitSummary>[] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/org-units/{code}',
      tags: ['registry'],
      summary: 'One org unit with its ancestors and children',
      request: { params: z.object({ code: z.string() }), query: AsOfQuery },
      responses: {
        200: { content: { 'application/json': { schema: OrgUnitDetail } }, description: 'The org unit' },
        404: errorResponse('No such org unit'),
      },
    }),
    async (c) => {
      const unit = await getOrgUnit(
        c.var.database.db,
        c.var.actor,
        c.req.valid('param').code,
        c.req.valid('query').as_of ?? today(),
      );
      return c.json(unit as z.infer<typeof OrgUnitDetail>, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/schools',
      tags: ['registry'],
      summary: 'Schools, filtered and paged (open schools only unless include_closed=true)',
      request: {
        query: AsOfQuery.extend({
          area: z.string().optional(),
          cluster: z.string().optional(),
          trust: z.string().optional(),
          phase: z.enum(phases).optional(),
          q: z.string().max(100).optional().openapi({ description: 'Part of the name, code or URN' }),
          include_closed: z.enum(['true', 'false']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          page_size: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({
                total: z.number().int(),
                page: z.number().int(),
                page_size: z.number().int(),
                schools: z.array(SchoolListItem),
              }),
            },
          },
          description: 'A page of schools and the total that match',
        },
        400: errorResponse('Bad parameters'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const result = await findSchools(c.var.database.db, c.var.actor, {
        area: q.area,
        cluster: q.cluster,
        trust: q.trust,
        phase: q.phase,
        q: q.q,
        includeClosed: q.include_closed === 'true',
        page: q.page,
        pageSize: q.page_size,
        asOf: q.as_of ?? today(),
      });
      return c.json(result as never, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/schools/{code}',
      tags: ['registry'],
      summary: 'One school: facts, area, trust, headship and tenure, current posts',
      request: { params: z.object({ code: z.string() }), query: AsOfQuery },
      responses: {
        200: { content: { 'application/json': { schema: SchoolDetail } }, description: 'The school' },
        404: errorResponse('No such school'),
      },
    }),
    async (c) => {
      const school = await getSchool(
        c.var.database.db,
        c.var.actor,
        c.req.valid('param').code,
        c.req.valid('query').as_of ?? today(),
      );
      return c.json(school as never, 200);
    },
  );
