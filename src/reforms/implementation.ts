// The director's view of a reform: per area, the share of practices in place at each covered school's
// latest check, month by month (or term by term) from the reform's start to today, and how many of the
// area's schools had been checked by then. One statement (implementationQuery); areas limited to the
// schools the caller sees.
import { requirePermission, visibleUnits } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { termStart } from '../visits/coverage.ts';
import { type Implementation, ImplementationQuery, type ImplementationQuery as Query } from './contract.ts';
import { implementationQuery, type Period } from './fidelity-sql.ts';
import { requireReform, shareOf } from './reforms.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const monthAfter = (first: string): string => {
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
};
const dayBefore = (iso: string): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The months (or terms) from the one `from` falls in to the one `to` falls in; the last ends at `to`. */
export function periodsBetween(
  from: string,
  to: string,
  by: 'month' | 'term',
  academicYearStart: number,
): Period[] {
  const startOf = (on: string) =>
    by === 'month' ? `${on.slice(0, 7)}-01` : termStart(on, academicYearStart);
  const periods: Period[] = [];
  let start = startOf(from);
  while (start <= to) {
    let next = monthAfter(start);
    while (by === 'term' && startOf(next) === start) next = monthAfter(next);
    const end = dayBefore(next);
    periods.push({ period: start.slice(0, 7), start, end: end < to ? end : to });
    start = next;
  }
  return periods;
}

export async function reformImplementation(
  context: Context,
  code: string,
  raw: Query = {},
): Promise<Implementation> {
  requirePermission(context.actor, 'visits:read');
  const { by } = ImplementationQuery.parse(raw);
  const reform = await requireReform(context.db, code);
  const periods = periodsBetween(reform.starts_on, context.today, by, context.settings.academicYearStart);
  const { rows } = periods.length
    ? await implementationQuery(reform.id, visibleUnits(context.actor), periods).execute(context.db)
    : { rows: [] };
  const point = (r: (typeof rows)[number]) => ({
    period: r.period,
    checked: r.checked,
    share: r.practices ? shareOf(r.in_place, r.practices) : null,
  });
  const areas = new Map<string, Implementation['areas'][number]>();
  const all: Implementation['all'] = { schools: 0, points: [] };
  for (const r of rows) {
    if (r.whole) {
      all.schools = r.schools;
      all.points.push(point(r));
      continue;
    }
    const key = r.area_code ?? '';
    const area = areas.get(key) ?? { code: key, name: r.area_name ?? '', schools: r.schools, points: [] };
    area.points.push(point(r));
    areas.set(key, area);
  }
  return {
    by,
    periods: periods.map(({ period, start, end }) => ({ period, start, end })),
    areas: [...areas.values()].sort((a, b) => a.name.localeCompare(b.name)),
    all,
  };
}
