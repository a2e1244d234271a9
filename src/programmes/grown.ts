// Growing your own (the leadership strategy's "variation between schools on the importance they place on
// developing and growing their workforce"): per school, from post history, the staff who moved from
// teaching there into leadership; every role reads the distribution, and the schools in its scope by name.
import { canCompareWith, canSee, requirePermission } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import { notFound } from '../errors.ts';
import type { GrownDistribution, GrownPage, GrownQuery, GrownSchool } from './grown-contract.ts';
import { yearsAfter } from './outcomes.ts';
import { type GrownRow, grownQuery } from './queries.ts';

/** The value at a quantile of sorted counts (linear between neighbours). */
function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const value = (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
  return Math.round(value * 10) / 10;
}

function distributionOf(rows: Pick<GrownRow, 'grown'>[]): GrownDistribution {
  const counts = rows.map((r) => r.grown).sort((a, b) => a - b);
  const bucket = (n: number) => (n >= 3 ? '3 or more' : String(n));
  const histogram = ['0', '1', '2', '3 or more'].map((grown) => ({
    grown,
    schools: counts.filter((n) => bucket(n) === grown).length,
  }));
  return {
    schools: counts.length,
    grown: counts.reduce((a, b) => a + b, 0),
    grew_none: counts.filter((n) => n === 0).length,
    median: quantile(counts, 0.5),
    p10: quantile(counts, 0.1),
    p90: quantile(counts, 0.9),
    histogram,
  };
}

const rateOf = (r: GrownRow) => (r.teachers > 0 ? Math.round((1000 * r.grown) / r.teachers) / 10 : null);

export async function growingOwn(context: Context, query: GrownQuery): Promise<GrownPage> {
  const { actor, db } = context;
  requirePermission(actor, 'kpi:read');
  if (query.area && !canCompareWith(actor, query.area)) throw notFound(`Area ${query.area}`);
  const to = context.today;
  const from = yearsAfter(to, -query.years);
  const { rows } = await grownQuery(from, to).execute(db);
  const taken = rows.filter(
    (r) => (!query.area || r.area === query.area) && (!query.phase || r.phase === query.phase),
  );
  const areas = new Map<string | null, GrownRow[]>();
  for (const r of taken) areas.set(r.area, [...(areas.get(r.area) ?? []), r]);
  const by_area = [...areas]
    .map(([area, list]) => ({
      area,
      area_name: list[0]?.area_name ?? null,
      schools: list.length,
      grown: list.reduce((a, r) => a + r.grown, 0),
      grew_none: list.filter((r) => r.grown === 0).length,
      teachers: list.reduce((a, r) => a + r.teachers, 0),
    }))
    .sort((a, b) => (a.area_name ?? '').localeCompare(b.area_name ?? ''));
  const mine: GrownSchool[] = taken
    .filter((r) => canSee(actor, r.school))
    .map((r) => ({ ...r, rate: rateOf(r) }));
  const sign = query.order === 'asc' ? 1 : -1;
  const key: Record<GrownQuery['sort'], (s: GrownSchool) => number | string> = {
    grown: (s) => s.grown,
    rate: (s) => s.rate ?? -1,
    school: (s) => s.school_name,
    area: (s) => s.area_name ?? '',
  };
  const by = key[query.sort];
  mine.sort((a, b) => {
    const x = by(a);
    const y = by(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * c || a.school_name.localeCompare(b.school_name);
  });
  const start = (query.page - 1) * query.page_size;
  return {
    from,
    to,
    distribution: distributionOf(taken),
    by_area,
    total: mine.length,
    page: query.page,
    page_size: query.page_size,
    schools: mine.slice(start, start + query.page_size),
  };
}
