// The KPI HTTP API: indicators, data values (JSON or DHIS2), analytics, a school's series, concerns.
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponse } from '../contract.ts';
import { importTable } from '../exchange/exchange.ts';
import { newRouter } from '../http.ts';
import { ImportReport, importRejectedResponse } from '../tabular/contract.ts';
import { recordsToTable } from '../tabular/read.ts';
import { writeTable } from '../tabular/write.ts';
import {
  indicatorAnalytics,
  indicatorCatalogue,
  schoolIndicatorSeries,
  schoolsCausingConcern,
} from './analytics.ts';
import { dataValuesPayloadToTable } from './dhis2.ts';

const PeriodParam = z.string().openapi({
  description: 'A month 2026-10, a term 2025-26T1, an academic year 2025-26 or a year 2026',
  example: '2026-10',
});

export const Trend = z.object({
  direction: z.enum(['improving', 'stable', 'declining', 'insufficient data']),
  slope: z.number().nullable().openapi({ description: 'Theil-Sen slope, indicator units per period' }),
  points: z.number().int(),
  periods: z.number().int(),
});

const Completeness = z.object({
  reported: z.number().int().openapi({ description: 'School-months with data' }),
  expected: z.number().int().openapi({ description: 'School-months in which the schools were open' }),
  rate: z.number().nullable(),
});

const PeriodValue = z.object({
  period: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  completeness: Completeness,
});

export const IndicatorResult = PeriodValue.extend({
  indicator: z.string(),
  org_unit: z.string(),
  name: z.string(),
  level: z.string(),
  band: z.enum(['red', 'amber', 'green']).nullable(),
  target: z.number().nullable(),
  trend: Trend,
  series: z.array(PeriodValue),
}).openapi('IndicatorResult');

export const Indicator = z
  .object({
    code: z.string(),
    name: z.string(),
    numerator: z.string().openapi({ example: '#{sessions_attended}' }),
    denominator: z.string().openapi({ example: '#{sessions_possible}' }),
    factor: z.number(),
    decimals: z.number().int(),
    direction: z.enum(['higher', 'lower']),
    red: z.number().nullable(),
    amber: z.number().nullable(),
    unit: z.string(),
    stable_slope: z.number(),
    concern_drop: z.number().nullable(),
  })
  .openapi('Indicator');

export const Concern = z
  .object({
    school: z.string(),
    school_name: z.string(),
    rule: z.enum(['red_two_periods', 'declining', 'missing_data']),
    indicator: z.string().nullable(),
    period: z.string(),
    figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    reason: z.string(),
  })
  .openapi('Concern');

/** The analytics rows as a spreadsheet: one row per unit, the figures a person would check by hand. */
const analyticsColumns = [
  'org_unit',
  'name',
  'level',
  'indicator',
  'period',
  'value',
  'numerator',
  'denominator',
  'band',
  'target',
  'trend',
  'trend_slope',
  'reported',
  'expected',
];
const analyticsRow = (r: Awaited<ReturnType<typeof indicatorAnalytics>>[number]) => ({
  org_unit: r.org_unit,
  name: r.name,
  level: r.level,
  indicator: r.indicator,
  period: r.period,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  band: r.band,
  target: r.target,
  trend: r.trend.direction,
  trend_slope: r.trend.slope,
  reported: r.completeness.reported,
  expected: r.completeness.expected,
});

const DryRun = z.object({ dry_run: z.enum(['true', 'false']).optional() });

export const kpiRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/indicators',
      tags: ['kpi'],
      summary: 'The indicator catalogue',
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ indicators: z.array(Indicator) }) } },
          description: 'Indicators',
        },
      },
    }),
    async (c) => {
      return c.json({ indicators: await indicatorCatalogue(c.var.database.db, c.var.actor) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/indicators',
      tags: ['kpi'],
      summary: 'Add or edit indicators (by code); same checks as the indicators import',
      request: {
        query: DryRun,
        body: {
          content: { 'application/json': { schema: z.array(Indicator.partial().required({ code: true })) } },
        },
      },
      responses: {
        200: { content: { 'application/json': { schema: ImportReport } }, description: 'Saved' },
        422: importRejectedResponse('Problems; nothing was saved'),
      },
    }),
    async (c) => {
      const report = await importTable(c.var.context, 'indicators', recordsToTable(c.req.valid('json')), {
        dryRun: c.req.valid('query').dry_run === 'true',
      });
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/data-values',
      tags: ['kpi'],
      summary: 'Push monthly data values: Headway rows or a DHIS2 dataValueSets payload',
      description:
        'Either `[{"school_code","period","element","value"}]` or DHIS2 `{"dataValues":[{"dataElement","period","orgUnit","value"}]}` ' +
        'with codes (DHIS2 idScheme=CODE) and periods like 202610. All or nothing: "row N" in a problem is the Nth value.',
      request: { query: DryRun, body: { content: { 'application/json': { schema: z.unknown() } } } },
      responses: {
        200: { content: { 'application/json': { schema: ImportReport } }, description: 'Saved' },
        400: errorResponse('Not a list of data values'),
        422: importRejectedResponse('Problems; nothing was saved'),
      },
    }),
    async (c) => {
      const table = dataValuesPayloadToTable(c.req.valid('json'));
      const report = await importTable(c.var.context, 'data-values', table, {
        dryRun: c.req.valid('query').dry_run === 'true',
      });
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/analytics',
      tags: ['kpi'],
      summary: 'An indicator for org units and a period: ratio of sums, band, target, completeness, trend',
      request: {
        query: z.object({
          indicator: z.string().openapi({ example: 'attendance_rate' }),
          period: PeriodParam,
          level: z.enum(['authority', 'area', 'cluster', 'school', 'trust']).optional(),
          org_unit: z.string().optional(),
          children: z.enum(['true', 'false']).optional(),
          trend_periods: z.coerce.number().int().min(2).max(36).optional(),
          series: z.enum(['true', 'false']).default('true').openapi({
            description: "false: leave out each row's series (a tenth of the bytes for 1,000 schools)",
          }),
          format: z
            .enum(['json', 'csv', 'xlsx'])
            .default('json')
            .openapi({ description: 'csv or xlsx: the same rows as a spreadsheet to download' }),
        }),
      },
      responses: {
        200: {
          content: {
            'application/json': { schema: z.object({ results: z.array(IndicatorResult) }) },
            'text/csv': { schema: z.string() },
          },
          description: 'One row per org unit',
        },
        400: errorResponse('Bad parameters'),
        404: errorResponse('No such indicator or org unit'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const results = await indicatorAnalytics(
        c.var.database.db,
        c.var.actor,
        {
          indicator: q.indicator,
          period: q.period,
          level: q.level,
          orgUnit: q.org_unit,
          children: q.children === 'true',
          trendPeriods: q.trend_periods,
        },
        c.var.settings,
      );
      if (q.format === 'json')
        return c.json(
          { results: q.series === 'false' ? results.map((r) => ({ ...r, series: [] })) : results },
          200,
        );
      const bytes = await writeTable(analyticsColumns, results.map(analyticsRow), q.format);
      return c.body(new Uint8Array(bytes), 200, {
        'content-type':
          q.format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${q.indicator}-${q.period}.${q.format}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/schools/{code}/indicators',
      tags: ['kpi'],
      summary: "A school's monthly value of every indicator",
      request: {
        params: z.object({ code: z.string() }),
        query: z.object({
          from: z.string().openapi({ example: '2024-09' }),
          to: z.string().openapi({ example: '2026-10' }),
        }),
      },
      responses: {
        200: {
          content: {
            'application/json': {
              schema: z.object({
                school: z.string(),
                from: z.string(),
                to: z.string(),
                indicators: z.array(
                  z.object({
                    indicator: z.string(),
                    name: z.string(),
                    unit: z.string(),
                    values: z.array(PeriodValue.omit({ completeness: true })),
                  }),
                ),
              }),
            },
          },
          description: 'The series',
        },
        404: errorResponse('No such school'),
      },
    }),
    async (c) => {
      const series = await schoolIndicatorSeries(
        c.var.database.db,
        c.var.actor,
        c.req.valid('param').code,
        c.req.valid('query'),
        c.var.settings,
      );
      return c.json(series, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/concerns',
      tags: ['kpi'],
      summary: 'Schools causing concern in a period, each with the rule, the indicator and the figures',
      request: { query: z.object({ area: z.string().optional(), period: PeriodParam }) },
      responses: {
        200: {
          content: { 'application/json': { schema: z.object({ concerns: z.array(Concern) }) } },
          description: 'Concerns',
        },
        404: errorResponse('No such area'),
      },
    }),
    async (c) => {
      const concerns = await schoolsCausingConcern(
        c.var.database.db,
        c.var.actor,
        c.req.valid('query'),
        c.var.settings,
      );
      return c.json({ concerns }, 200);
    },
  );
