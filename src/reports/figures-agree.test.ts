// One figure, one definition: the challenges open and overdue at the end of October, counted by hand
// from the timelines below, are the same on the KPI page (API), the area page, the challenges board,
// the agenda of a meeting held on the period's last day and the printed pack.
import { sql } from 'kysely';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { type Callers, loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';

let database: Database;
let as: Callers;
beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
});
afterEach(() => database.close());

/** Raises a challenge and moves it through its timeline, each move on its day. */
async function challenge(
  units: string[],
  raised_on: string,
  due_on: string | null,
  moves: [string, string][],
) {
  const raised = await as.director.send('POST', '/api/v1/challenges', {
    title: `Raised ${raised_on} for ${units.join(', ')}`,
    category: 'staffing_gap',
    units,
    priority: 'high',
    due_on,
    raised_on,
  });
  expect(raised.status).toBe(201);
  for (const [to, on] of moves) {
    const extra = to === 'resolved' ? { resolution: 'Done' } : to === 'closed' ? { reason: 'Not ours' } : {};
    const moved = await as.director.send('POST', `/api/v1/challenges/${raised.body.id}/status`, {
      to,
      on,
      ...extra,
    });
    expect(moved.status).toBe(200);
  }
}

describe('challenges open and overdue: one definition on every surface', () => {
  it('agrees with a count by hand on the page, area page, board, agenda and pack for 2026-10', async () => {
    // Area A is schools S1 and S3 (and the area itself); S5 is in area B.
    await challenge(['S1'], '2026-09-01', '2026-10-15', [['in_progress', '2026-09-05']]); // open, overdue
    await challenge(['S1'], '2026-09-01', '2026-11-30', [
      ['in_progress', '2026-09-10'],
      ['resolved', '2026-10-20'],
    ]); // resolved in October: neither
    await challenge(['A'], '2026-09-01', '2026-10-10', [
      ['in_progress', '2026-09-02'],
      ['resolved', '2026-11-05'],
    ]); // resolved after the period: open and overdue at its end, though resolved now
    await challenge(['S5'], '2026-10-05', '2026-10-30', []); // area B: open, overdue
    await challenge(['S1'], '2026-10-01', '2026-10-31', []); // due on the last day: open, not overdue
    await challenge(['S1'], '2026-11-02', null, []); // raised after the period: neither
    await challenge(['S3'], '2026-09-01', '2026-09-30', [['closed', '2026-09-20']]); // closed: neither
    const expected = {
      authority: { open: 4, overdue: 3 },
      A: { open: 3, overdue: 2 },
      B: { open: 1, overdue: 1 },
    };

    // The KPI figures the pages and the API show.
    const kpi = async (indicator: string, query: string) => {
      const { status, body } = await as.director.get(
        `/api/v1/analytics?indicator=${indicator}&period=2026-10&${query}`,
      );
      expect(status).toBe(200);
      return Object.fromEntries(
        (body.results as { org_unit: string; value: number }[]).map((r) => [r.org_unit, r.value]),
      );
    };
    expect(await kpi('challenges_open', 'level=authority')).toEqual({ T: expected.authority.open });
    expect(await kpi('challenges_overdue', 'level=authority')).toEqual({ T: expected.authority.overdue });
    expect(await kpi('challenges_open', 'level=area')).toEqual({ A: expected.A.open, B: expected.B.open });
    expect(await kpi('challenges_overdue', 'level=area')).toEqual({
      A: expected.A.overdue,
      B: expected.B.overdue,
    });

    // The area page.
    const page = await as.leadA.get('/api/v1/dashboards/areas/A?period=2026-10');
    expect(page.status).toBe(200);
    expect(page.body.area.cells.challenges_open.value).toBe(expected.A.open);
    expect(page.body.area.cells.challenges_overdue.value).toBe(expected.A.overdue);
    expect(page.body.authority.cells.challenges_open.value).toBe(expected.authority.open);

    // The challenges board's measures by area.
    const board = await as.director.get('/api/v1/challenges/measures?by=area&period=2026-10&periods=1');
    expect(board.status).toBe(200);
    const byArea = Object.fromEntries(
      (board.body.groups as { key: string; periods: { open: number; overdue: number }[] }[]).map((g) => [
        g.key,
        { open: g.periods[0]?.open, overdue: g.periods[0]?.overdue },
      ]),
    );
    expect(byArea).toEqual({ A: expected.A, B: expected.B });

    // The agenda of the authority's meeting held on the period's last day.
    const meeting = await as.director.send('POST', '/api/v1/meetings', {
      kind: 'area_leads',
      held_on: '2026-10-31',
      period: '2026-10',
    });
    expect(meeting.status).toBe(201);
    const overdue = (meeting.body.agenda as { kind: string; title: string; refs: unknown[] }[]).find(
      (i) => i.kind === 'overdue_challenges',
    );
    expect(overdue?.title).toBe(`Challenges overdue on 2026-10-31 (${expected.authority.overdue})`);
    expect(overdue?.refs).toHaveLength(expected.authority.overdue);

    // The area's pack: the area's column of its summary table.
    const pack = await as.leadA.request('/api/v1/reports/area/A?period=2026-10');
    expect(pack.status).toBe(200);
    const document = parseHTML(await pack.text()).document;
    const areaValue = (name: string) =>
      [...document.querySelectorAll('tr')]
        .find((r) => r.querySelector('th')?.textContent.trim() === name)
        ?.querySelector('td')
        ?.textContent.trim();
    expect(areaValue('Challenges open at period end')).toMatch(new RegExp(`^${expected.A.open}\\b`));
    expect(areaValue('Challenges overdue at period end')).toMatch(new RegExp(`^${expected.A.overdue}\\b`));
  });

  it('attendance for 2026-10 from the raw data values is what the page, the agenda and the pack show', async () => {
    // Straight from the rows: summed sessions over the schools (never a mean of school rates).
    const { rows } = await sql<{ unit: string; rate: number }>`
      select coalesce(area.code, 'T') as unit,
        100.0 * sum(v.value) filter (where e.code = 'sessions_attended')
          / sum(v.value) filter (where e.code = 'sessions_possible') as rate
      from data_value v join data_element e on e.id = v.element_id
      join org_unit s on s.id = v.org_unit_id
      join org_unit area on area.id = s.parent_id
      where v.month = '2026-10-01'
      group by grouping sets ((area.code), ())`.execute(database.db);
    const rate = Object.fromEntries(rows.map((r) => [r.unit, Number(r.rate)]));
    const shown = (value: number) => `${value.toFixed(1)}%`;

    const page = await as.leadA.get('/api/v1/dashboards/areas/A?period=2026-10');
    expect(page.body.area.cells.attendance_rate.value).toBeCloseTo(rate.A as number, 10);
    expect(page.body.authority.cells.attendance_rate.value).toBeCloseTo(rate.T as number, 10);

    const meeting = await as.director.send('POST', '/api/v1/meetings', {
      kind: 'area_leads',
      held_on: '2026-11-10',
      period: '2026-10',
    });
    const summary = (
      meeting.body.agenda as { kind: string; refs: { indicator: string; shown: string }[] }[]
    ).find((i) => i.kind === 'kpi_summary');
    expect(summary?.refs.find((r) => r.indicator === 'attendance_rate')?.shown).toBe(shown(rate.T as number));

    const pack = await as.leadA.request('/api/v1/reports/area/A?period=2026-10');
    const cells = [...parseHTML(await pack.text()).document.querySelectorAll('tr')]
      .find((r) => r.querySelector('th')?.textContent.trim() === 'Pupil attendance rate')
      ?.querySelectorAll('td');
    expect(cells?.[0]?.textContent.trim()).toMatch(
      new RegExp(`^${shown(rate.A as number).replace('.', '\\.')}`),
    );
    expect(cells?.[1]?.textContent.trim()).toBe(shown(rate.T as number));
  });
});
