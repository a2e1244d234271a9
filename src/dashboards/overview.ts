// The director's overview: every area (within the caller's scope) on every indicator as a banded cell
// with its trend, beside the authority, with counts of schools causing concern.
import type { Actor } from '../auth/actor.ts';
import type { Settings } from '../config.ts';
import type { Db } from '../db/types.ts';
import { buildAuthorityOverview } from '../reports/pack.ts';
import { type Cell, cellOf, headingOf } from './cells.ts';
import { periodOrLatest } from './period.ts';

export async function directorOverview(
  db: Db,
  actor: Actor,
  period: string | undefined,
  settings: Settings,
  generatedOn: string,
) {
  const overview = await buildAuthorityOverview(
    db,
    actor,
    await periodOrLatest(db, period),
    settings,
    generatedOn,
  );
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
  };
}
