// The KPI API's shapes and routes: the indicator catalogue, data values (JSON or DHIS2), analytics, a
// school's series and the schools causing concern. Zod only: the web imports its types from here.
import { createRoute, z } from '@hono/zod-openapi';
import { DryRunQuery, errorResponse, jsonBody, jsonResponse, QueryFlag } from '../contract.ts';
import { phases } from '../registry/contract.ts';
import { ImportReport, importRejectedResponse } from '../tabular/contract.ts';

const bands = ['red', 'amber', 'green'] as const;
export type Band = (typeof bands)[number];

/**
 * What a value short of its unit's target may be: at best amber (the default: green means on target),
 * or whatever the thresholds say (the target is an aspiration, not the line for green).
 */
export const belowTargetRules = ['amber', 'thresholds'] as const;

/** Whether a higher or a lower value is better. */
/** Which way is better: higher, lower, or nearer 1 (a parity index: its red and amber are distances from 1). */
export const indicatorDirections = ['higher', 'lower', 'parity'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];

const trendDirections = ['improving', 'stable', 'declining', 'insufficient data'] as const;

/** Which way the value moved: ▲ rose, ▼ fell, ▶ about level. Better or worse is the direction's word. */
const trendArrows = ['▲', '▼', '▶'] as const;

/** The levels an indicator is rolled up to (trusts: their member schools summed). */
const analyticsLevels = ['authority', 'area', 'cluster', 'school', 'trust'] as const;
export type AnalyticsLevel = (typeof analyticsLevels)[number];

const concernRules = ['red_two_periods', 'declining', 'missing_data'] as const;

const PeriodParam = z.string().openapi({
  description: 'A month 2026-10, a term 2025-26T1, an academic year 2025-26 or a year 2026',
  example: '2026-10',
});

export const Trend = z.object({
  direction: z.enum(trendDirections).openapi({
    description: "Better or worse by the indicator's direction (falling absence is improving)",
  }),
  arrow: z.enum(trendArrows).nullable().openapi({
    description:
      'Which way the value moved (▲ rose, ▼ fell, ▶ stable), decided with direction by one rule: they never contradict',
  }),
  slope: z.number().nullable().openapi({ description: 'Theil-Sen slope, indicator units per period' }),
  points: z.number().int(),
  periods: z.number().int(),
});
export type Trend = z.infer<typeof Trend>;

const Completeness = z.object({
  reported: z.number().int().openapi({ description: 'School-months with data' }),
  expected: z.number().int().openapi({ description: 'School-months in which the schools were open' }),
  rate: z.number().nullable(),
});

export const PeriodValue = z.object({
  period: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  completeness: Completeness,
});
export type PeriodValue = z.infer<typeof PeriodValue>;

/** An indicator for one unit and period; its series is the trend window (or the longer one asked for), oldest first. */
export const IndicatorResult = PeriodValue.extend({
  indicator: z.string(),
  org_unit: z.string(),
  name: z.string(),
  level: z.string(),
  band: z.enum(bands).nullable(),
  target: z.number().nullable(),
  trend: Trend,
  series: z.array(PeriodValue),
}).openapi('IndicatorResult');
export type IndicatorResult = z.infer<typeof IndicatorResult>;

/** An indicator as defined: what the catalogue ships, an import row, and the table's columns. */
export const Indicator = z
  .object({
    code: z.string(),
    name: z.string(),
    numerator: z.string().openapi({ example: '#{sessions_attended}' }),
    denominator: z.string().openapi({ example: '#{sessions_possible}' }),
    factor: z.number(),
    decimals: z.number().int(),
    direction: z.enum(indicatorDirections),
    // Red beyond this (below it when higher is better, above it when lower is better, further from 1
    // than this for a parity index).
    red: z.number().nullable(),
    // Amber beyond this, green otherwise.
    amber: z.number().nullable(),
    below_target: z.enum(belowTargetRules).optional().openapi({
      description:
        'A value short of its target: "amber" (default) is at best amber, "thresholds" banded by the thresholds alone',
    }),
    unit: z.string(),
    // A trend slope smaller than this, per period, is "stable".
    stable_slope: z.number(),
    // A decline larger than this over the trend window is a cause for concern.
    concern_drop: z.number().nullable(),
  })
  .openapi('Indicator');
export type Indicator = z.infer<typeof Indicator>;

export const Concern = z
  .object({
    school: z.string(),
    school_name: z.string(),
    rule: z.enum(concernRules),
    indicator: z.string().nullable(),
    period: z.string(),
    figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    reason: z.string(),
  })
  .openapi('Concern');
export type Concern = z.infer<typeof Concern>;

const AnalyticsQuery = z.object({
  indicator: z.string().openapi({ example: 'attendance_rate' }),
  period: PeriodParam,
  level: z.enum(analyticsLevels).optional(),
  org_unit: z.string().optional(),
  children: QueryFlag.optional(),
  phase: z.enum(phases).optional().openapi({
    description:
      "Count only the schools of this phase: each unit's primary schools, say (its figure is then read from the schools' values)",
  }),
  trend_periods: z.coerce.number().int().min(2).max(36).optional(),
  series: QueryFlag.default('true').openapi({
    description: "false: leave out each row's series (a tenth of the bytes for 1,000 schools)",
  }),
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .default('json')
    .openapi({ description: 'csv or xlsx: the same rows as a spreadsheet to download' }),
});

const SchoolSeriesRange = z.object({
  from: z.string().openapi({ example: '2024-09' }),
  to: z.string().openapi({ example: '2026-10' }),
});

export const SchoolIndicatorSeries = z.object({
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
});
export type SchoolIndicatorSeries = z.infer<typeof SchoolIndicatorSeries>;

const ConcernsQuery = z.object({ area: z.string().optional(), period: PeriodParam });

export const listIndicatorsRoute = createRoute({
  method: 'get',
  path: '/indicators',
  tags: ['kpi'],
  summary: 'The indicator catalogue',
  responses: {
    200: jsonResponse(z.object({ indicators: z.array(Indicator) }), 'Indicators'),
  },
});

export const saveIndicatorsRoute = createRoute({
  method: 'post',
  path: '/indicators',
  tags: ['kpi'],
  summary: 'Add or edit indicators (by code); same checks as the indicators import',
  request: {
    query: DryRunQuery,
    body: {
      content: { 'application/json': { schema: z.array(Indicator.partial().required({ code: true })) } },
    },
  },
  responses: {
    200: jsonResponse(ImportReport, 'Saved'),
    422: importRejectedResponse('Problems; nothing was saved'),
  },
});

export const pushDataValuesRoute = createRoute({
  method: 'post',
  path: '/data-values',
  tags: ['kpi'],
  summary: 'Push monthly data values: Headway rows or a DHIS2 dataValueSets payload',
  description:
    'Either `[{"school_code","period","element","value"}]` or DHIS2 `{"dataValues":[{"dataElement","period","orgUnit","value"}]}` ' +
    'with codes (DHIS2 idScheme=CODE) and periods like 202610. All or nothing: "row N" in a problem is the Nth value.',
  request: { query: DryRunQuery, body: jsonBody(z.unknown()) },
  responses: {
    200: jsonResponse(ImportReport, 'Saved'),
    400: errorResponse('Not a list of data values'),
    422: importRejectedResponse('Problems; nothing was saved'),
  },
});

export const analyticsRoute = createRoute({
  method: 'get',
  path: '/analytics',
  tags: ['kpi'],
  summary: 'An indicator for org units and a period: ratio of sums, band, target, completeness, trend',
  request: { query: AnalyticsQuery },
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
});

export const schoolIndicatorsRoute = createRoute({
  method: 'get',
  path: '/schools/{code}/indicators',
  tags: ['kpi'],
  summary: "A school's monthly value of every indicator",
  request: { params: z.object({ code: z.string() }), query: SchoolSeriesRange },
  responses: {
    200: jsonResponse(SchoolIndicatorSeries, 'The series'),
    404: errorResponse('No such school'),
  },
});

export const concernsRoute = createRoute({
  method: 'get',
  path: '/concerns',
  tags: ['kpi'],
  summary: 'Indicator concerns in a period: red two periods running, declining, or no data',
  description:
    "The KPI engine's indicator rules only, each with the indicator and the figures. The schools needing " +
    'attention, with every kind of reason (inspections, headship, value added, returns, challenges) and the ' +
    'counts the pages show, are GET /attention.',
  request: { query: ConcernsQuery },
  responses: {
    200: jsonResponse(z.object({ concerns: z.array(Concern) }), 'Concerns'),
    404: errorResponse('No such area'),
  },
});
