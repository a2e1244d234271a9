// The demo's year of visits, as a director would look at it: coverage with gaps (some leads behind,
// schools overdue), schools needing attention mostly seen, scores that follow the school's data and
// reach the visit-score indicator, agreed actions some done and some overdue, and the reading reform
// implemented unevenly by area.
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor, defaultSettings } from '../context.ts';
import { freshDatabase } from '../db/testing.ts';
import { indicatorAnalytics } from '../kpi/analytics.ts';
import { reformImplementation } from '../reforms/implementation.ts';
import { visitCoverage } from '../visits/coverage.ts';
import { listVisits } from '../visits/visits.ts';
import { loadDemo } from './load.ts';

describe("the demo's year of visits", () => {
  test('has realistic coverage gaps, scores that follow the data, and actions done and overdue', async () => {
    const { db, close } = await freshDatabase();
    try {
      const actor = operator('test');
      const referenceDate = '2026-09-01';
      await loadDemo(db, actor, {
        seed: 1,
        primarySchools: 120,
        referenceDate,
      });
      const on = '2026-11-10';
      const context = contextFor(db, actor, { settings: defaultSettings, today: on });

      // Recorded through the same tables the form writes: listed, newest first, none after the year's end.
      const page = await listVisits(context, { status: 'recorded', page_size: 5 });
      expect(page.total).toBeGreaterThan(500);
      expect((page.visits[0]?.visit_on ?? '') <= on).toBe(true);
      expect(page.visits.every((v) => v.visitors.length === 1 && v.rubric !== null)).toBe(true);
      const { rows: span } = await sql<{ first: string; last: string; holidays: number; planned: number }>`
        select to_char(min(visit_on), 'YYYY-MM-DD') as first, to_char(max(visit_on), 'YYYY-MM-DD') as last,
          count(*) filter (where extract(month from visit_on) = 8 or to_char(visit_on, 'MM-DD') >= '12-19'
            or to_char(visit_on, 'MM-DD') < '01-05')::int as holidays,
          (select count(*) from visit where status = 'planned' and visit_on > ${on})::int as planned
        from visit where status = 'recorded'`.execute(db);
      expect(span[0]).toMatchObject({ holidays: 0 });
      expect((span[0]?.last ?? '') > '2026-11-01').toBe(true);
      expect((span[0]?.first ?? '') < '2025-11-20').toBe(true);
      expect(span[0]?.planned).toBeGreaterThan(0);

      // Coverage this term: not everyone visited, some leads well behind others, schools overdue.
      const coverage = await visitCoverage(context, { on });
      expect(coverage.areas.length).toBeGreaterThan(10);
      const shares = coverage.areas.map((a) => a.share_term ?? 0);
      expect(Math.max(...shares)).toBe(1);
      expect(Math.min(...shares)).toBeLessThanOrEqual(0.7);
      const schools = coverage.areas.reduce((n, a) => n + a.schools, 0);
      const overdue = coverage.areas.flatMap((a) => a.overdue);
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.length).toBeLessThan(schools / 2);
      // A few schools forgotten for months (no visit in the last four).
      expect(
        overdue.filter((s) => s.last_visit_on !== null && s.last_visit_on < '2026-07-10').length,
      ).toBeGreaterThan(0);
      // Schools needing attention are seen more than the rest this term.
      const attention = coverage.areas.flatMap((a) => a.attention);
      expect(attention.length).toBeGreaterThan(0);
      const visited = (n: number, of: number) => n / Math.max(1, of);
      const termVisited = coverage.areas.reduce((n, a) => n + a.visited_term, 0);
      expect(visited(attention.filter((s) => s.visited_term).length, attention.length)).toBeGreaterThan(
        visited(termVisited, schools),
      );

      // A school's mean level follows its attendance.
      const { rows: correlation } = await sql<{ r: number }>`
        with levels as (select v.school_unit_id, avg(s.level) as level from visit v
          join visit_score s on s.visit_id = v.id group by v.school_unit_id),
        att as (select d.org_unit_id, sum(d.value) filter (where e.code = 'sessions_attended')
          / nullif(sum(d.value) filter (where e.code = 'sessions_possible'), 0) as attendance
          from data_value d join data_element e on e.id = d.element_id group by d.org_unit_id)
        select corr(l.level, a.attendance)::float as r from levels l join att a on a.org_unit_id = l.school_unit_id`.execute(
        db,
      );
      expect(correlation[0]?.r).toBeGreaterThan(0.4);

      // The scores reach the visit-score indicator for every area.
      const byArea = await indicatorAnalytics(context, {
        indicator: 'visit_mean_leadership',
        period: '2025-26',
        level: 'area',
      });
      expect(byArea).toHaveLength(coverage.areas.length);
      expect(byArea.every((a) => a.value !== null && a.value >= 1.5 && a.value <= 3.5)).toBe(true);

      // Actions agreed: most done, some still open and past their due date, each owned by the head.
      const { rows: actions } = await sql<{ done: number; overdue: number; open: number; unowned: number }>`
        select count(*) filter (where status = 'done')::int as done,
          count(*) filter (where status = 'open' and due_on < ${on})::int as overdue,
          count(*) filter (where status = 'open')::int as open,
          count(*) filter (where owner_person_id is null)::int as unowned
        from action_item where visit_id is not null`.execute(db);
      const tally = actions[0] as { done: number; overdue: number; open: number; unowned: number };
      expect(tally.done).toBeGreaterThan(tally.open);
      expect(tally.overdue).toBeGreaterThan(0);
      expect(tally.unowned).toBeLessThan((tally.done + tally.open) / 10);

      // The reading reform: implementation rises over the year, unevenly by area, and some schools wait.
      const reform = await reformImplementation(context, 'READING', { by: 'term' });
      const checkedShares = reform.all.points.filter((p) => p.share !== null).map((p) => p.share as number);
      expect(checkedShares.length).toBeGreaterThan(1);
      expect(checkedShares.at(-1) as number).toBeGreaterThan(checkedShares[0] as number);
      const lastByArea = reform.areas
        .map((a) => a.points.at(-1)?.share)
        .filter((share): share is number => share !== null && share !== undefined);
      expect(lastByArea.length).toBe(reform.areas.length);
      expect(Math.max(...lastByArea) - Math.min(...lastByArea)).toBeGreaterThan(20);
      expect(reform.all.points.at(-1)?.checked).toBeLessThan(reform.all.schools);
    } finally {
      await close();
    }
  });
});
