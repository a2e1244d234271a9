// The area lead's view: every school in the area with each indicator's value, band and trend, its
// causes for concern, and its headteacher and tenure; the area and authority rows to compare with.
import type { Context } from '../context.ts';
import { periodOrLatest } from '../kpi/latest-period.ts';
import { findSchools } from '../registry/directory.ts';
import { buildAreaPack } from './area-figures.ts';
import { cellOf, headingOf, schoolRowOf } from './cells.ts';
import type { AreaDashboard, Cell } from './contract.ts';

export async function areaDashboard(
  context: Context,
  areaCode: string,
  period: string | undefined,
): Promise<AreaDashboard> {
  const pack = await buildAreaPack(context, areaCode, await periodOrLatest(context, period));
  const bySchool = new Map(pack.attention.schools.map((s) => [s.code, s]));
  const { schools: registry } = await findSchools(context, {
    area: areaCode,
    asOf: context.today,
    page: 1,
    pageSize: 10_000,
  });
  const cells = new Map<string, Record<string, Cell>>();
  for (const section of pack.sections) {
    for (const school of section.schools) {
      const row = cells.get(school.org_unit) ?? {};
      row[section.indicator.code] = cellOf(school);
      cells.set(school.org_unit, row);
    }
  }
  const rowOf = (pick: 'area' | 'authority') =>
    Object.fromEntries(pack.sections.map((s) => [s.indicator.code, cellOf(s[pick])]));
  return {
    period: pack.period.id,
    area: { ...pack.area, cells: rowOf('area') },
    authority: { ...pack.authority, cells: rowOf('authority') },
    indicators: pack.sections.map((s) => headingOf(s.indicator)),
    schools: registry.map((school) => schoolRowOf(school, cells, bySchool)),
    attention: pack.attention,
  };
}
