// The needs list as a person works through it: filtered, counted per group, sorted and paged in the
// database (need-queries.ts), within the caller's scope.
import { requirePermission, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { needKinds, needStatuses } from './contract.ts';
import {
  inspectionOutcomes,
  type NeedCounts,
  type NeedPage,
  type NeedQuery,
  needSeverities,
} from './need-contract.ts';
import { type NeedSelection, needCountsQuery, needPageQuery } from './need-queries.ts';
import { requireVisibleFilters } from './needs.ts';

/**
 * The needs list as a person works through it: filtered by status, kind, severity, area, inspection,
 * age and school name, sorted, one page at a time, with how many needs each filter value would give.
 */
export async function listNeedsPage(context: Context, query: NeedQuery): Promise<NeedPage> {
  const { db, actor, today } = context;
  requirePermission(actor, 'brokering:read');
  requireVisibleFilters(actor, query);
  const selection: NeedSelection = {
    scope: visibleUnits(actor),
    today,
    school: query.school,
    area: query.area,
    status: query.status,
    kind: query.kind,
    severity: query.severity,
    inspection: query.inspection,
    specialism: query.specialism,
    olderThan: query.older_than === undefined ? undefined : Number(query.older_than),
    q: query.q || undefined,
  };
  const pageSize = query.page_size ?? null;
  const [counted, page] = await Promise.all([
    needCountsQuery(selection).execute(db),
    needPageQuery(selection, {
      sort: query.sort,
      order: query.order,
      limit: pageSize,
      offset: pageSize === null ? 0 : (query.page - 1) * pageSize,
    }).execute(db),
  ]);
  const counts: NeedCounts = { severity: [], kind: [], area: [], inspection: [], status: [], older_than: [] };
  let total = 0;
  for (const row of counted.rows) {
    if (row.facet === 'total') total = row.count;
    else counts[row.facet as keyof NeedCounts].push({ value: row.value, count: row.count });
  }
  // Each group in its own order (most severe first, best grade first), as the filters list them.
  const orders: Partial<Record<keyof NeedCounts, readonly string[]>> = {
    severity: needSeverities,
    kind: needKinds,
    inspection: inspectionOutcomes,
    status: needStatuses,
  };
  for (const [facet, order] of Object.entries(orders))
    counts[facet as keyof NeedCounts].sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  return { total, page: query.page, page_size: pageSize, counts, needs: page.rows };
}
