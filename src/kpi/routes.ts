// The KPI HTTP API: each route of kpi/contract.ts handed to its domain verb. Indicators sent as JSON go
// through the same importer as a file (exchange), held to the same checks. Data values pushed as JSON
// (POST /data-values) are wired by dhis2/routes.ts, which reads DHIS2's payloads as well as Headway's rows.
import { importTable } from '../exchange/exchange.ts';
import { newRouter } from '../http.ts';
import { recordsToTable } from '../tabular/read.ts';
import {
  indicatorAnalytics,
  indicatorCatalogue,
  schoolIndicatorSeries,
  schoolsCausingConcern,
} from './analytics.ts';
import { analyticsSheet, sheetContentType } from './analytics-sheet.ts';
import { assignCategoryCombo, listCategories } from './categories.ts';
import { indicatorBreakdown } from './categories-breakdown.ts';
import {
  assignCategoriesRoute,
  breakdownRoute,
  listCategoriesRoute,
  saveCategoryRoute,
  saveComboRoute,
} from './categories-contract.ts';
import { saveCategory, saveCombo } from './category-definitions.ts';
import {
  analyticsRoute,
  concernsRoute,
  listIndicatorsRoute,
  saveIndicatorsRoute,
  schoolIndicatorsRoute,
} from './contract.ts';
import { listDataElementsRoute, setElementRangeRoute } from './element-contract.ts';
import { listDataElements, setElementRange } from './element-ranges.ts';

export const kpiRoutes = newRouter()
  .openapi(listIndicatorsRoute, async (c) =>
    c.json({ indicators: await indicatorCatalogue(c.var.context) }, 200),
  )
  .openapi(saveIndicatorsRoute, async (c) => {
    const table = recordsToTable(c.req.valid('json'));
    const dryRun = c.req.valid('query').dry_run === 'true';
    return c.json(await importTable(c.var.context, 'indicators', table, { dryRun }), 200);
  })
  .openapi(analyticsRoute, async (c) => {
    const q = c.req.valid('query');
    const results = await indicatorAnalytics(c.var.context, {
      indicator: q.indicator,
      period: q.period,
      level: q.level,
      orgUnit: q.org_unit,
      children: q.children === 'true',
      phase: q.phase,
      trendPeriods: q.trend_periods,
    });
    if (q.format === 'json')
      return c.json(
        { results: q.series === 'false' ? results.map((r) => ({ ...r, series: [] })) : results },
        200,
      );
    const bytes = await analyticsSheet(results, q.format);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': sheetContentType[q.format],
      'content-disposition': `attachment; filename="${q.indicator}-${q.period}.${q.format}"`,
    });
  })
  .openapi(schoolIndicatorsRoute, async (c) =>
    c.json(await schoolIndicatorSeries(c.var.context, c.req.valid('param').code, c.req.valid('query')), 200),
  )
  .openapi(concernsRoute, async (c) =>
    c.json({ concerns: await schoolsCausingConcern(c.var.context, c.req.valid('query')) }, 200),
  )
  .openapi(listDataElementsRoute, async (c) =>
    c.json({ elements: await listDataElements(c.var.context) }, 200),
  )
  .openapi(setElementRangeRoute, async (c) =>
    c.json(await setElementRange(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(listCategoriesRoute, async (c) => c.json(await listCategories(c.var.context), 200))
  .openapi(saveCategoryRoute, async (c) =>
    c.json(await saveCategory(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(saveComboRoute, async (c) =>
    c.json(await saveCombo(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(assignCategoriesRoute, async (c) =>
    c.json(await assignCategoryCombo(c.var.context, c.req.valid('param').code, c.req.valid('json')), 200),
  )
  .openapi(breakdownRoute, async (c) =>
    c.json(await indicatorBreakdown(c.var.context, c.req.valid('query')), 200),
  );
