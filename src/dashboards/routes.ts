// The HTTP API behind the web app's dashboards: one request per page, aggregated on the server.
import { createRoute, z } from '@hono/zod-openapi';
import { today } from '../clock.ts';
import { errorResponse, jsonResponse } from '../contract.ts';
import { newRouter } from '../http.ts';
import { Concern, Indicator, IndicatorResult, Trend } from '../kpi/routes.ts';
import { areaDashboard } from './area.ts';
import { schoolMap } from './map.ts';
import { directorOverview } from './overview.ts';
import { schoolDashboard } from './school.ts';
import { trustDashboard } from './trust.ts';

const PeriodQuery = z.object({
  period: z.string().optional().openapi({
    description:
      'A month (2026-10), term (2026-27T1), academic year (2026-27) or year (2026); default: the latest month with data',
  }),
});

// The cells and headings are the KPI capability's shapes, cut down to what a dashboard shows.
const Cell = z
  .object({
    value: z.number().nullable(),
    band: IndicatorResult.shape.band,
    trend: Trend.shape.direction,
    slope: z.number().nullable(),
    completeness: z.number().nullable().openapi({ description: 'Share of school-months reported' }),
    target: z.number().nullable(),
  })
  .openapi('DashboardCell');

const Heading = Indicator.pick({ code: true, name: true, unit: true, decimals: true, direction: true })
  .extend({
    additive: z
      .boolean()
      .openapi({ description: 'A count, not a rate: totals of larger units do not compare' }),
  })
  .openapi('IndicatorHeading');

const Cells = z.record(z.string(), Cell);
const Unit = z.object({ code: z.string(), name: z.string() });
/** A school's row on an area's or a trust's page. */
const SchoolRow = Unit.extend({
  phase: z.string(),
  cluster_code: z.string().nullable(),
  headship_status: z.enum(['filled', 'covered', 'vacant']),
  headteacher: z
    .object({ name: z.string(), role: z.string(), since: z.string(), tenure_years: z.number() })
    .nullable(),
  cells: Cells,
  concerns: z.array(Concern.pick({ rule: true, indicator: true, reason: true })),
});

export const dashboardRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/overview',
      tags: ['dashboards'],
      summary: "The director's overview: every area on every indicator, with schools causing concern",
      request: { query: PeriodQuery },
      responses: {
        200: jsonResponse(
          z.object({
            period: z.string(),
            indicators: z.array(Heading),
            authority: Unit.extend({ cells: Cells }),
            areas: z.array(
              Unit.extend({ concerns: z.number(), schools_of_concern: z.number(), cells: Cells }),
            ),
            trusts: z
              .array(Unit.extend({ kind: z.enum(['trust', 'federation']), schools: z.number() }))
              .openapi({ description: 'Trusts and federations the caller may open (their member schools)' }),
          }),
          'Areas within the caller’s scope, beside the authority',
        ),
      },
    }),
    async (c) =>
      c.json(
        await directorOverview(
          c.var.database.db,
          c.var.actor,
          c.req.valid('query').period,
          c.var.settings,
          today(),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/map',
      tags: ['dashboards'],
      summary: 'Schools by location, coloured by one indicator',
      request: {
        query: PeriodQuery.extend({ indicator: z.string().openapi({ example: 'attendance_rate' }) }),
      },
      responses: {
        200: jsonResponse(
          z.object({
            period: z.string(),
            indicator: Heading,
            schools: z.array(
              Unit.extend({
                lat: z.number(),
                lon: z.number(),
                value: z.number().nullable(),
                band: IndicatorResult.shape.band,
              }),
            ),
          }),
          'The caller’s schools that have a location',
        ),
        404: errorResponse('No such indicator'),
      },
    }),
    async (c) =>
      c.json(await schoolMap(c.var.database.db, c.var.actor, c.req.valid('query'), c.var.settings), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/areas/{code}',
      tags: ['dashboards'],
      summary: "An area lead's view: the area's schools with indicators, concerns and headteachers",
      request: { params: z.object({ code: z.string() }), query: PeriodQuery },
      responses: {
        200: jsonResponse(
          z.object({
            period: z.string(),
            area: Unit.extend({ cells: Cells }),
            authority: Unit.extend({ cells: Cells }),
            indicators: z.array(Heading),
            schools: z.array(SchoolRow),
          }),
          'The area',
        ),
        404: errorResponse('No such area (or not yours)'),
      },
    }),
    async (c) =>
      c.json(
        await areaDashboard(
          c.var.database.db,
          c.var.actor,
          c.req.valid('param').code,
          c.req.valid('query').period,
          c.var.settings,
          today(),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/schools/{code}',
      tags: ['dashboards'],
      summary: "A school's indicators over twelve months against its area, the authority and target",
      request: { params: z.object({ code: z.string() }), query: PeriodQuery },
      responses: {
        200: jsonResponse(
          z.object({
            period: z.string(),
            school: Unit,
            area: Unit.extend({ level: z.string() }).nullable(),
            authority: Unit.extend({ level: z.string() }).nullable(),
            indicators: z.array(
              z.object({
                indicator: Heading,
                school: Cell,
                area: Cell,
                authority: Cell,
                series: z.record(
                  z.string(),
                  z.array(z.object({ period: z.string(), value: z.number().nullable() })),
                ),
              }),
            ),
            concerns: z.array(Concern.pick({ rule: true, indicator: true, reason: true, figures: true })),
          }),
          'The school',
        ),
        404: errorResponse('No such school (or not yours)'),
      },
    }),
    async (c) =>
      c.json(
        await schoolDashboard(
          c.var.database.db,
          c.var.actor,
          c.req.valid('param').code,
          c.req.valid('query').period,
          c.var.settings,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/trusts/{code}',
      tags: ['dashboards'],
      summary:
        "A trust's (or federation's) view: its schools with indicators, concerns and headteachers; the trust's figure beside its areas and the authority",
      request: { params: z.object({ code: z.string() }), query: PeriodQuery },
      responses: {
        200: jsonResponse(
          z.object({
            period: z.string(),
            trust: Unit.extend({ kind: z.enum(['trust', 'federation']), cells: Cells }).openapi({
              description: 'The ratio of its member schools’ summed numerators and denominators',
            }),
            areas: z.array(Unit.extend({ cells: Cells })).openapi({
              description: 'The areas its schools sit in, to compare with',
            }),
            authority: Unit.extend({ cells: Cells }),
            indicators: z.array(Heading),
            schools: z.array(SchoolRow.extend({ area_code: z.string(), area_name: z.string() })),
          }),
          'The trust',
        ),
        404: errorResponse('No such trust or federation (or not yours)'),
      },
    }),
    async (c) =>
      c.json(
        await trustDashboard(
          c.var.database.db,
          c.var.actor,
          c.req.valid('param').code,
          c.req.valid('query').period,
          c.var.settings,
          today(),
        ),
        200,
      ),
  );
