// The director's overview: every area (within the caller's scope) on every indicator as a banded cell
// with its trend, beside the authority, with counts of schools causing concern; and the trusts and
// federations the caller may open (every one for the whole authority, else those they hold a role at).
import type { Actor } from '../auth/actor.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/types.ts';
import { periodOrLatest } from '../kpi/latest-period.ts';
import { buildAuthorityOverview } from './authority-figures.ts';
import { cellOf, headingOf } from './cells.ts';
import type { Cell, DirectorOverview } from './contract.ts';

export async function directorOverview(
  context: Context,
  period: string | undefined,
): Promise<DirectorOverview> {
  const overview = await buildAuthorityOverview(context, await periodOrLatest(context, period));
  const trusts = await visibleGroups(context.db, context.actor);
  const cellsFor = (code: string) => {
    const cells: Record<string, Cell> = {};
    for (const indicator of overview.indicators) {
      const results = overview.results.get(indicator.code);
      cells[indicator.code] = cellOf(
        code === overview.authority.code
          ? results?.authority
          : results?.areas.find((a) => a.org_unit === code),
      );
    }
    return cells;
  };
  return {
    period: overview.period.id,
    indicators: overview.indicators.map(headingOf),
    authority: { ...overview.authority, cells: cellsFor(overview.authority.code) },
    areas: overview.areas.map((a) => ({
      code: a.code,
      name: a.name,
      concerns: a.concerns,
      schools_of_concern: a.schoolsOfConcern,
      cells: cellsFor(a.code),
    })),
    attention: overview.attention,
    trusts,
  };
}

async function visibleGroups(db: Db, actor: Actor) {
  if (!actor.scope.all && actor.scope.groups.size === 0) return [];
  const rows = await db
    .selectFrom('org_group as g')
    .leftJoin('org_group_member as m', 'm.group_id', 'g.id')
    .select(['g.code', 'g.name', 'g.kind', (eb) => eb.fn.count<number>('m.org_unit_id').as('schools')])
    .$if(!actor.scope.all, (q) => q.where('g.code', 'in', [...actor.scope.groups]))
    .groupBy(['g.code', 'g.name', 'g.kind'])
    .orderBy('g.name')
    .orderBy('g.code')
    .execute();
  return rows.map((r) => ({ ...r, schools: Number(r.schools) }));
}
