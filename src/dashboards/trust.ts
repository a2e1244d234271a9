// A trust's (or federation's) overview, for its chief executive and the whole authority: every member
// school with each indicator's value, band and trend, its concerns and headteacher; the trust's own
// figure (its schools' numerators and denominators summed, as `headway kpi --level trust` gives it);
// the areas its schools sit in and the authority to compare with.

import { schoolsNeedingAttention } from '../attention/attention.ts';
import { canSeeGroup, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { notFound } from '../errors.ts';
import type { IndicatorResult } from '../kpi/contract.ts';
import { listIndicators } from '../kpi/indicators.ts';
import { periodOrLatest } from '../kpi/latest-period.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { resolveUnits } from '../kpi/queries.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { findSchools } from '../registry/directory.ts';
import { cellOf, headingOf, schoolRowOf } from './cells.ts';
import type { Cell, TrustDashboard } from './contract.ts';

/** The trust and the codes of the areas its member schools sit in (directly or through a cluster). */
async function trustAndAreas(db: Db, code: string) {
  const group = await db
    .selectFrom('org_group')
    .select(['code', 'name', 'kind'])
    .where('code', '=', code)
    .executeTakeFirst();
  const areas = await db
    .selectFrom('org_group_member as m')
    .innerJoin('org_group as g', 'g.id', 'm.group_id')
    .innerJoin('org_unit as s', 's.id', 'm.org_unit_id')
    .innerJoin('org_unit as p', 'p.id', 's.parent_id')
    .leftJoin('org_unit as a', 'a.id', 'p.parent_id')
    .select(['p.code as parent_code', 'p.level as parent_level', 'a.code as grandparent_code'])
    .where('g.code', '=', code)
    .execute();
  const areaCodes = [
    ...new Set(
      areas.map((r) => (r.parent_level === 'area' ? r.parent_code : (r.grandparent_code as string))),
    ),
  ];
  return { group, areaCodes };
}

export async function trustDashboard(
  context: Context,
  code: string,
  period: string | undefined,
): Promise<TrustDashboard> {
  const { db, actor, settings } = context;
  requirePermission(actor, 'kpi:read');
  // Whole-authority roles and the trust's own grantees; to anyone else the trust does not exist.
  if (!canSeeGroup(actor, code)) throw notFound(`Trust ${code}`);
  const { group, areaCodes } = await trustAndAreas(db, code);
  if (!group) throw notFound(`Trust ${code}`);
  const authority = await db
    .selectFrom('org_unit')
    .select(['code', 'name'])
    .where('level', '=', 'authority')
    .executeTakeFirstOrThrow();
  const shown = parsePeriod(await periodOrLatest(context, period), settings.academicYearStart);
  const options = { academicYearStart: settings.academicYearStart };
  const indicators = await listIndicators(db);
  const [trustUnit, schoolUnits, areaUnits, authorityUnit] = await Promise.all([
    resolveUnits(db, { group: code }),
    resolveUnits(db, { schoolsOfGroup: code }),
    resolveUnits(db, { codes: areaCodes }),
    resolveUnits(db, { codes: [authority.code] }),
  ]);
  const trustCells: Record<string, Cell> = {};
  const authorityCells: Record<string, Cell> = {};
  const areaCells = new Map<string, Record<string, Cell>>();
  const schoolCells = new Map<string, Record<string, Cell>>();
  const put = (map: Map<string, Record<string, Cell>>, r: IndicatorResult, indicator: string) => {
    const row = map.get(r.org_unit) ?? {};
    row[indicator] = cellOf(r);
    map.set(r.org_unit, row);
  };
  for (const indicator of indicators) {
    const [[trust], schools, areas, [whole]] = await Promise.all([
      rollupIndicator(db, indicator, trustUnit, shown, options),
      rollupIndicator(db, indicator, schoolUnits, shown, options),
      rollupIndicator(db, indicator, areaUnits, shown, options),
      rollupIndicator(db, indicator, authorityUnit, shown, options),
    ]);
    trustCells[indicator.code] = cellOf(trust);
    authorityCells[indicator.code] = cellOf(whole);
    for (const r of schools) put(schoolCells, r, indicator.code);
    for (const r of areas) put(areaCells, r, indicator.code);
  }
  const attention = await schoolsNeedingAttention(context, { period: shown.id });
  const bySchool = new Map(attention.schools.map((s) => [s.code, s]));
  // The member schools open on the day, as the area page lists its schools; findSchools limits them
  // to the caller's scope, which for the trust's own grantees is exactly its members.
  const { schools: registry } = await findSchools(context, {
    group: code,
    asOf: context.today,
    page: 1,
    pageSize: 10_000,
  });
  return {
    period: shown.id,
    trust: { code: group.code, name: group.name, kind: group.kind, cells: trustCells },
    areas: areaUnits.units
      .map((a) => ({ code: a.code, name: a.name, cells: areaCells.get(a.code) ?? {} }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code)),
    authority: { ...authority, cells: authorityCells },
    indicators: indicators.map(headingOf),
    schools: registry.map((school) => ({
      ...schoolRowOf(school, schoolCells, bySchool),
      area_code: school.area_code,
      area_name: school.area_name,
    })),
  };
}
