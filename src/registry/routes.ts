// The registry's HTTP API: org units, schools, imports and exports.
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HeadwayError } from '../errors.ts';
import { AsOfQuery, errorResponse, newRouter, today } from '../http.ts';
import { writeTable } from '../tabular/write.ts';
import { findSchools, getOrgUnit, getSchool, listOrgUnits } from './directory.ts';
import { exportRegistry } from './export.ts';
import { importRegistryFile, registryImportKinds } from './imports.ts';
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

const ImportReport = z
  .object({
    kind: z.string(),
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    dryRun: z.boolean(),
  })
  .openapi('ImportReport');

const KindParam = z.object({
  kind: z.enum(registryImportKinds).openapi({ param: { name: 'kind', in: 'path' } }),
});

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
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/imports/{kind}',
      tags: ['registry'],
      summary: 'Import a CSV or XLSX file; all or nothing',
      description:
        'Checks every row first. If any row is bad nothing is written and the answer is 422 with every problem ' +
        '(row, column, reason). Rows are upserted by their key, so importing the same file twice changes nothing.',
      middleware: [
        bodyLimit({
          maxSize: 50 * 1024 * 1024,
          onError: () => {
            throw new HeadwayError('invalid', 'The file is larger than 50 MB');
          },
        }),
      ] as const,
      request: {
        params: KindParam,
        query: z.object({
          dry_run: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: 'Check and count without writing' }),
        }),
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }),
            },
          },
        },
      },
      responses: {
        200: {
          content: { 'application/json': { schema: ImportReport } },
          description: 'Imported (or, in a dry run, what would be)',
        },
        400: errorResponse('No file, or not CSV/XLSX'),
        422: errorResponse('The file has problems; nothing was written'),
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File))
        throw new HeadwayError('invalid', 'Send the file as multipart form field "file"');
      const report = await importRegistryFile(
        c.var.database.db,
        c.var.actor,
        kind,
        { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        { dryRun: c.req.valid('query').dry_run === 'true' },
      );
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exports/{kind}',
      tags: ['registry'],
      summary: 'Export in the import format, as CSV or XLSX',
      request: { params: KindParam, query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }) },
      responses: {
        200: {
          content: {
            'text/csv': { schema: z.string() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: z.string().openapi({ format: 'binary' }),
            },
          },
          description: 'The file',
        },
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const { columns, rows } = await exportRegistry(c.var.database.db, c.var.actor, kind);
      const bytes = await writeTable(columns, rows, format);
      const type =
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': type,
        'content-disposition': `attachment; filename="${kind}.${format}"`,
      });
    },
  );
