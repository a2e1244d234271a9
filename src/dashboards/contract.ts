// The dashboards API's shapes and routes: one request per page of the web app, aggregated on the server.
// Cells and headings are the KPI capability's shapes cut down to what a dashboard shows.
import { createRoute, z } from '@hono/zod-openapi';
import { Attention, AttentionReason, SchoolAttention, Severity } from '../attention/contract.ts';
import { errorResponse, jsonResponse } from '../contract.ts';
import { Indicator, IndicatorResult, Trend } from '../kpi/contract.ts';

const PeriodQuery = z.object({
  period: z.string().optional().openapi({
    description:
      'A month (2026-10), term (2026-27T1), academic year (2026-27) or year (2026); default: the latest month with data',
  }),
});

/**
 * The compact shape a figure takes on the wire: the value with its band, trend and completeness, not
 * the full roll-up (a page on a slow link gets what it shows and no more).
 */
export const Cell = z
  .object({
    value: z.number().nullable(),
    band: IndicatorResult.shape.band,
    trend: Trend.shape.direction,
    arrow: Trend.shape.arrow,
    slope: z.number().nullable(),
    completeness: z.number().nullable().openapi({ description: 'Share of school-months reported' }),
    target: z.number().nullable(),
    latest: z
      .object({ period: z.string(), value: z.number(), completeness: z.number().nullable() })
      .nullable()
      .openapi({
        description:
          'When the period has no value: the latest period in the series that has one (an indicator measured only in assessment months shows its last assessment, with its date)',
      }),
  })
  .openapi('DashboardCell');
export type Cell = z.infer<typeof Cell>;

export const IndicatorHeading = Indicator.pick({
  code: true,
  name: true,
  unit: true,
  decimals: true,
  direction: true,
  below_target: true,
})
  .extend({
    additive: z
      .boolean()
      .openapi({ description: 'A count, not a rate: totals of larger units do not compare' }),
  })
  .openapi('IndicatorHeading');
export type IndicatorHeading = z.infer<typeof IndicatorHeading>;

/** A unit's cells by indicator code. */
export const Cells = z.record(z.string(), Cell);
export type Cells = z.infer<typeof Cells>;

const Unit = z.object({ code: z.string(), name: z.string() });
const UnitWithCells = Unit.extend({ cells: Cells });
const GroupKind = z.enum(['trust', 'federation']);

/** A school's row on an area's or a trust's page. */
export const SchoolRow = Unit.extend({
  phase: z.string(),
  cluster_code: z.string().nullable(),
  headship_status: z.enum(['filled', 'covered', 'vacant']),
  headteacher: z
    .object({ name: z.string(), role: z.string(), since: z.string(), tenure_years: z.number() })
    .nullable(),
  cells: Cells,
  /** The most severe of its reasons for attention (null: none). */
  severity: Severity.nullable(),
  /** Its reasons for attention, most severe first: the attention model's, as every page shows them. */
  concerns: z.array(AttentionReason),
});
export type SchoolRow = z.infer<typeof SchoolRow>;

export const DirectorOverview = z.object({
  period: z.string(),
  indicators: z.array(IndicatorHeading),
  authority: UnitWithCells,
  areas: z.array(Unit.extend({ concerns: z.number(), schools_of_concern: z.number(), cells: Cells })),
  /** The watchlist: schools needing attention, most severe first, and each area's counts. */
  attention: Attention,
  trusts: z
    .array(Unit.extend({ kind: GroupKind, schools: z.number() }))
    .openapi({ description: 'Trusts and federations the caller may open (their member schools)' }),
});
export type DirectorOverview = z.infer<typeof DirectorOverview>;

export const SchoolPoint = Unit.extend({
  lat: z.number(),
  lon: z.number(),
  value: z.number().nullable(),
  band: IndicatorResult.shape.band,
});
export type SchoolPoint = z.infer<typeof SchoolPoint>;

export const SchoolMap = z.object({
  period: z.string(),
  indicator: IndicatorHeading,
  schools: z.array(SchoolPoint),
});
export type SchoolMap = z.infer<typeof SchoolMap>;

export const AreaDashboard = z.object({
  period: z.string(),
  area: UnitWithCells,
  authority: UnitWithCells,
  indicators: z.array(IndicatorHeading),
  schools: z.array(SchoolRow),
  /** The area's watchlist: its schools needing attention, most severe first, and its counts. */
  attention: Attention,
});
export type AreaDashboard = z.infer<typeof AreaDashboard>;

export const SeriesPoint = z.object({ period: z.string(), value: z.number().nullable() });
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const SchoolDashboard = z.object({
  period: z.string(),
  school: Unit,
  area: Unit.extend({ level: z.string() }).nullable(),
  authority: Unit.extend({ level: z.string() }).nullable(),
  indicators: z.array(
    z.object({
      indicator: IndicatorHeading,
      school: Cell,
      area: Cell,
      authority: Cell,
      series: z.record(z.string(), z.array(SeriesPoint)),
    }),
  ),
  /** Why the school needs attention, from the attention model (no reasons: it needs none). */
  attention: SchoolAttention.pick({ severity: true, rank: true, reasons: true }),
});
export type SchoolDashboard = z.infer<typeof SchoolDashboard>;

export const TrustDashboard = z.object({
  period: z.string(),
  trust: Unit.extend({ kind: GroupKind, cells: Cells }).openapi({
    description: 'The ratio of its member schools’ summed numerators and denominators',
  }),
  areas: z.array(UnitWithCells).openapi({
    description: 'The areas its schools sit in, to compare with',
  }),
  authority: UnitWithCells,
  indicators: z.array(IndicatorHeading),
  schools: z.array(SchoolRow.extend({ area_code: z.string(), area_name: z.string() })),
});
export type TrustDashboard = z.infer<typeof TrustDashboard>;

export const overviewRoute = createRoute({
  method: 'get',
  path: '/dashboards/overview',
  tags: ['dashboards'],
  summary: "The director's overview: every area on every indicator, with schools causing concern",
  request: { query: PeriodQuery },
  responses: {
    200: jsonResponse(DirectorOverview, 'Areas within the caller’s scope, beside the authority'),
  },
});

export const mapRoute = createRoute({
  method: 'get',
  path: '/dashboards/map',
  tags: ['dashboards'],
  summary: 'Schools by location, coloured by one indicator',
  request: {
    query: PeriodQuery.extend({ indicator: z.string().openapi({ example: 'attendance_rate' }) }),
  },
  responses: {
    200: jsonResponse(SchoolMap, 'The caller’s schools that have a location'),
    404: errorResponse('No such indicator'),
  },
});

export const areaRoute = createRoute({
  method: 'get',
  path: '/dashboards/areas/{code}',
  tags: ['dashboards'],
  summary: "An area lead's view: the area's schools with indicators, concerns and headteachers",
  request: { params: z.object({ code: z.string() }), query: PeriodQuery },
  responses: {
    200: jsonResponse(AreaDashboard, 'The area'),
    404: errorResponse('No such area (or not yours)'),
  },
});

export const schoolRoute = createRoute({
  method: 'get',
  path: '/dashboards/schools/{code}',
  tags: ['dashboards'],
  summary: "A school's indicators over twelve months against its area, the authority and target",
  request: { params: z.object({ code: z.string() }), query: PeriodQuery },
  responses: {
    200: jsonResponse(SchoolDashboard, 'The school'),
    404: errorResponse('No such school (or not yours)'),
  },
});

export const trustRoute = createRoute({
  method: 'get',
  path: '/dashboards/trusts/{code}',
  tags: ['dashboards'],
  summary:
    "A trust's (or federation's) view: its schools with indicators, concerns and headteachers; the trust's figure beside its areas and the authority",
  request: { params: z.object({ code: z.string() }), query: PeriodQuery },
  responses: {
    200: jsonResponse(TrustDashboard, 'The trust'),
    404: errorResponse('No such trust or federation (or not yours)'),
  },
});
