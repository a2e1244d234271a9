// The registry's API: org units and schools, their shapes and routes. Zod only (no server code), so the
// web app imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { AsOfQuery, errorResponse, jsonResponse, QueryFlag } from '../contract.ts';

const orgUnitLevels = ['authority', 'area', 'cluster', 'school'] as const;
export type OrgUnitLevel = (typeof orgUnitLevels)[number];

export const phases = [
  'nursery',
  'primary',
  'secondary',
  'all_through',
  'special',
  'alternative_provision',
] as const;
export type Phase = (typeof phases)[number];

const headshipStatuses = ['filled', 'covered', 'vacant'] as const;

export const OrgUnitSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(orgUnitLevels),
    parent_code: z.string().nullable(),
    schools: z.number().int().openapi({ description: 'Open schools beneath this unit' }),
  })
  .openapi('OrgUnitSummary');
export type OrgUnitSummary = z.infer<typeof OrgUnitSummary>;

const Ancestor = z.object({ code: z.string(), name: z.string(), level: z.string() });

export const OrgUnitDetail = OrgUnitSummary.extend({
  ancestors: z.array(Ancestor),
  children: z.array(OrgUnitSummary),
}).openapi('OrgUnit');
export type OrgUnitDetail = z.infer<typeof OrgUnitDetail>;

export const HeadOnDate = z
  .object({
    person_code: z.string(),
    name: z.string(),
    role: z.string(),
    /** Start of this person's unbroken leadership of this school in this kind of post. */
    since: z.string(),
    tenure_years: z.number(),
    /** Years as a substantive head anywhere, up to the date. */
    headship_years: z.number(),
    first_year_of_headship: z.boolean(),
  })
  .openapi('HeadOnDate');
export type HeadOnDate = z.infer<typeof HeadOnDate>;

/** filled: a substantive head; covered: acting or interim cover only; vacant: nobody. */
export const Headship = z.object({
  status: z.enum(headshipStatuses),
  head: HeadOnDate.nullable(),
  cover: z.array(HeadOnDate),
});
export type Headship = z.infer<typeof Headship>;

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

export const SchoolListItem = z
  .object({
    ...SchoolFacts,
    headship_status: z.enum(headshipStatuses),
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
export type SchoolListItem = z.infer<typeof SchoolListItem>;

const SchoolPost = z.object({
  person_code: z.string(),
  given_name: z.string(),
  family_name: z.string(),
  role: z.string(),
  starts_on: z.string(),
  ends_on: z.string().nullable(),
  fte: z.number().nullable(),
});

export const SchoolDetail = z
  .object({
    ...SchoolFacts,
    headship: Headship,
    posts: z.array(SchoolPost),
    ancestors: z.array(Ancestor),
  })
  .openapi('School');
export type SchoolDetail = z.infer<typeof SchoolDetail>;

const OrgUnitsQuery = AsOfQuery.extend({ level: z.enum(orgUnitLevels).optional() });

const OrgUnitList = z.object({ org_units: z.array(OrgUnitSummary) });

const CodeParam = z.object({ code: z.string() });

const SchoolsQuery = AsOfQuery.extend({
  area: z.string().optional(),
  cluster: z.string().optional(),
  trust: z.string().optional(),
  phase: z.enum(phases).optional(),
  q: z.string().max(100).optional().openapi({ description: 'Part of the name, code or URN' }),
  include_closed: QueryFlag.optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

export const SchoolPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  schools: z.array(SchoolListItem),
});
export type SchoolPage = z.infer<typeof SchoolPage>;

export const listOrgUnitsRoute = createRoute({
  method: 'get',
  path: '/org-units',
  tags: ['registry'],
  summary: 'Org units (authority, areas, clusters, schools) with the number of open schools beneath each',
  request: { query: OrgUnitsQuery },
  responses: {
    200: jsonResponse(OrgUnitList, 'Org units'),
    400: errorResponse('Bad parameters'),
  },
});

export const getOrgUnitRoute = createRoute({
  method: 'get',
  path: '/org-units/{code}',
  tags: ['registry'],
  summary: 'One org unit with its ancestors and children',
  request: { params: CodeParam, query: AsOfQuery },
  responses: {
    200: jsonResponse(OrgUnitDetail, 'The org unit'),
    404: errorResponse('No such org unit'),
  },
});

export const findSchoolsRoute = createRoute({
  method: 'get',
  path: '/schools',
  tags: ['registry'],
  summary: 'Schools, filtered and paged (open schools only unless include_closed=true)',
  request: { query: SchoolsQuery },
  responses: {
    200: {
      content: { 'application/json': { schema: SchoolPage } },
      description: 'A page of schools and the total that match',
    },
    400: errorResponse('Bad parameters'),
  },
});

export const getSchoolRoute = createRoute({
  method: 'get',
  path: '/schools/{code}',
  tags: ['registry'],
  summary: 'One school: facts, area, trust, headship and tenure, current posts',
  request: { params: CodeParam, query: AsOfQuery },
  responses: {
    200: jsonResponse(SchoolDetail, 'The school'),
    404: errorResponse('No such school'),
  },
});
