// Schools as points on a map: location and one indicator's value and band, for the caller's schools
// only (a point on a map names a school, so there is no anonymous version).
import { requirePermission, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { indicatorByCode } from '../kpi/indicators.ts';
import { periodOrLatest } from '../kpi/latest-period.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { headingOf } from './cells.ts';
import type { SchoolMap } from './contract.ts';

export async function schoolMap(
  context: Context,
  q: { indicator: string; period?: string },
): Promise<SchoolMap> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'kpi:read');
  const indicator = await indicatorByCode(db, q.indicator);
  const period = parsePeriod(await periodOrLatest(context, q.period), settings.academicYearStart);
  const within = visibleUnits(actor);
  const places = await db
    .selectFrom('school as s')
    .innerJoin('org_unit as o', 'o.id', 's.org_unit_id')
    .select(['o.code', 'o.name', 's.latitude', 's.longitude'])
    .where('s.latitude', 'is not', null)
    .where('s.longitude', 'is not', null)
    .where('s.closed_on', 'is', null)
    .$if(within !== null, (qb) => qb.where('o.code', 'in', within?.length ? within : ['']))
    .orderBy('o.code')
    .execute();
  const results = await rollupIndicator(db, indicator, { codes: places.map((p) => p.code) }, period, {
    academicYearStart: settings.academicYearStart,
    trendPeriods: 2,
  });
  const byCode = new Map(results.map((r) => [r.org_unit, r]));
  return {
    period: period.id,
    indicator: headingOf(indicator),
    schools: places.map((p) => ({
      code: p.code,
      name: p.name,
      lat: p.latitude as number,
      lon: p.longitude as number,
      value: byCode.get(p.code)?.value ?? null,
      band: byCode.get(p.code)?.band ?? null,
    })),
  };
}
