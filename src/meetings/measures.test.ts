// Time to resolution and the other challenge measures on a hand-made log, every figure worked out by
// hand below; read as KPI indicators (area, authority, month, term) and by owner and category.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { indicatorByCode } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { dimensionMeasuresQuery, unitMeasuresQuery } from './measures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from './test-fixtures.ts';

let database: Database;
let as: Callers;

/**
 * The log. Days to resolution are resolved_on - raised_on.
 *   c1 A   raised 01-10, due 02-10, in progress 01-15, resolved 03-05 (54 days, late)
 *   c2 A   raised 02-01, due 03-31, resolved 03-11 (38 days, on time)
 *   c3 A   raised 03-01, due 03-20, resolved 03-21 (20 days, a day late)
 *   c4 A   raised 03-02, due 03-15, still open (overdue from 03-16)
 *   c5 A   raised 03-10, no due date, closed won't fix 03-25
 *   c6 B   raised 02-20, due 04-30, resolved 03-30 (38 days)
 *   c7 S1  raised 03-05, due 03-06, resolved 03-07 (2 days, late)
 */
const log = [
  {
    units: ['A'],
    raised_on: '2025-01-10',
    due_on: '2025-02-10',
    owner: 'P2',
    category: 'staffing_gap',
    moves: [
      ['in_progress', '2025-01-15'],
      ['resolved', '2025-03-05'],
    ],
  },
  {
    units: ['A'],
    raised_on: '2025-02-01',
    due_on: '2025-03-31',
    owner: 'P2',
    category: 'staffing_gap',
    moves: [
      ['in_progress', '2025-02-02'],
      ['resolved', '2025-03-11'],
    ],
  },
  {
    units: ['A'],
    raised_on: '2025-03-01',
    due_on: '2025-03-20',
    owner: 'P2',
    category: 'infrastructure',
    moves: [
      ['in_progress', '2025-03-01'],
      ['resolved', '2025-03-21'],
    ],
  },
  {
    units: ['A'],
    raised_on: '2025-03-02',
    due_on: '2025-03-15',
    owner: 'P1',
    category: 'infrastructure',
    moves: [],
  },
  {
    units: ['A'],
    raised_on: '2025-03-10',
    due_on: null,
    owner: 'P2',
    category: 'data',
    moves: [['closed', '2025-03-25']],
  },
  {
    units: ['B'],
    raised_on: '2025-02-20',
    due_on: '2025-04-30',
    owner: 'P3',
    category: 'staffing_gap',
    moves: [
      ['in_progress', '2025-02-21'],
      ['resolved', '2025-03-30'],
    ],
  },
  {
    units: ['S1'],
    raised_on: '2025-03-05',
    due_on: '2025-03-06',
    owner: 'P2',
    category: 'infrastructure',
    moves: [
      ['in_progress', '2025-03-05'],
      ['resolved', '2025-03-07'],
    ],
  },
] as const;

beforeAll(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
  for (const [i, c] of log.entries()) {
    const { moves, ...body } = c;
    const raised = await as.director.send('POST', '/api/v1/challenges', {
      ...body,
      title: `c${i + 1}`,
      priority: 'medium',
    });
    expect(raised.status).toBe(201);
    for (const [to, on] of moves) {
      const moved = await as.director.send('POST', `/api/v1/challenges/${raised.body.id}/status`, {
        to,
        on,
        resolution: 'done',
        reason: 'not ours to fix',
      });
      expect(moved.status).toBe(200);
    }
  }
});
afterAll(() => database?.close());

async function indicator(code: string, period: string, units: string[]) {
  const results = await rollupIndicator(
    database.db,
    await indicatorByCode(database.db, code),
    { codes: units },
    parsePeriod(period),
    { academicYearStart: 9 },
  );
  return Object.fromEntries(results.map((r) => [r.org_unit, r.value]));
}

describe('challenge measures as indicators', () => {
  it('counts raised, open and overdue at the month’s end for the area, its school’s challenges included', async () => {
    expect(await indicator('challenges_raised', '2025-03', ['A', 'B', 'T', 'S1'])).toEqual({
      A: 4,
      B: 0,
      T: 4,
      S1: 1,
    });
    expect(await indicator('challenges_open', '2025-03', ['A', 'B', 'T'])).toEqual({ A: 1, B: 0, T: 1 });
    expect(await indicator('challenges_overdue', '2025-03', ['A', 'B', 'T'])).toEqual({ A: 1, B: 0, T: 1 });
    // End of February: c1 (in progress, due 02-10) and c2 open in A, c1 overdue; c6 open in B.
    expect(await indicator('challenges_open', '2025-02', ['A', 'B', 'T'])).toEqual({ A: 2, B: 1, T: 3 });
    expect(await indicator('challenges_overdue', '2025-02', ['A', 'B', 'T'])).toEqual({ A: 1, B: 0, T: 1 });
  });

  it('gives the median and 90th percentile of days to resolution (linear interpolation)', async () => {
    // A resolved 2, 20, 38, 54 in March: median (20+38)/2 = 29; p90 at 0.9 x 3 = 2.7: 38 + 0.7 x 16 = 49.2.
    // The authority adds c6's 38: 2, 20, 38, 38, 54: median 38; p90 at 3.6: 38 + 0.6 x 16 = 47.6.
    const median = await indicator('challenge_days_median', '2025-03', ['A', 'B', 'T']);
    expect(median).toEqual({ A: 29, B: 38, T: 38 });
    const p90 = await indicator('challenge_days_p90', '2025-03', ['A', 'B', 'T']);
    expect(p90.A).toBeCloseTo(49.2, 10);
    expect(p90.B).toBe(38);
    expect(p90.T).toBeCloseTo(47.6, 10);
    // Nothing was resolved in February: no median, not zero.
    expect(await indicator('challenge_days_median', '2025-02', ['A'])).toEqual({ A: null });
  });

  it('gives the share of challenges due in the period that were resolved by their due date', async () => {
    // Due in March in A: c2 (met), c3 (a day late), c4 (open), c7 (late) = 1 of 4. B: c6 is due in April.
    expect(await indicator('challenges_on_time_rate', '2025-03', ['A', 'B', 'T'])).toEqual({
      A: 25,
      B: null,
      T: 25,
    });
    // The term January-March: c1 (late) joins, 1 of 5; six raised in A; c1..c4 and c7 resolved or not.
    expect(await indicator('challenges_on_time_rate', '2024-25T2', ['A'])).toEqual({ A: 20 });
    expect(await indicator('challenges_raised', '2024-25T2', ['A'])).toEqual({ A: 6 });
    expect(await indicator('challenge_days_median', '2024-25T2', ['A'])).toEqual({ A: 29 });
  });

  it('never expects the computed elements to be imported, and refuses a file that tries', async () => {
    const [result] = await rollupIndicator(
      database.db,
      await indicatorByCode(database.db, 'challenges_open'),
      { codes: ['A'] },
      parsePeriod('2025-03'),
      { academicYearStart: 9 },
    );
    expect(result?.completeness.rate).toBeNull();
    const attempt = importFile(
      contextFor(database.db, operator('test')),
      'data-values',
      csv('v.csv', ['school_code,period,element,value', 'S1,2025-03,challenges_open,3']),
    );
    await expect(attempt).rejects.toBeInstanceOf(ImportRejected);
    await expect(attempt).rejects.toMatchObject({
      problems: [
        {
          row: 2,
          column: 'element',
          message: 'challenges_open is computed from the challenges log and cannot be imported',
        },
      ],
    });
  });
});

describe('measures by owner and category', () => {
  it('gives the same figures grouped another way, over the periods asked for', async () => {
    const { body } = await as.director.get('/api/v1/challenges/measures?by=owner&period=2025-03&periods=2');
    expect(body.periods).toEqual(['2025-02', '2025-03']);
    const march = (key: string) =>
      body.groups
        .find((g: { key: string }) => g.key === key)
        .periods.find((p: { period: string }) => p.period === '2025-03');
    // P2 owns c1, c2, c3, c5, c7: resolved 54, 38, 20, 2 in March; due c2, c3, c7, 1 met.
    expect(march('P2')).toMatchObject({
      raised: 3,
      open: 0,
      resolved: 4,
      median_days: 29,
      due: 3,
      due_met: 1,
    });
    expect(march('P1')).toMatchObject({
      raised: 1,
      open: 1,
      overdue: 1,
      resolved: 0,
      median_days: null,
      due: 1,
      due_met: 0,
    });
    expect(body.groups.map((g: { name: string }) => g.name)).toEqual(['Ann Lead', 'Bob Lead', 'Dee Rector']);
    const byCategory = (
      await as.director.get('/api/v1/challenges/measures?by=category&period=2024-25T2&periods=1')
    ).body;
    const infrastructure = byCategory.groups.find((g: { key: string }) => g.key === 'infrastructure')
      .periods[0];
    // c3 (20 days), c4 (open), c7 (2 days): median 11.
    expect(infrastructure).toMatchObject({ raised: 3, open: 1, resolved: 2, median_days: 11 });
    const byArea = (await as.leadB.get('/api/v1/challenges/measures?by=area&period=2025-03&periods=1')).body;
    expect(byArea.groups.map((g: { key: string }) => g.key)).toEqual(['B']);
  });

  it('ages what is still open by area', async () => {
    const { body } = await as.director.get('/api/v1/challenges/ageing?by=area');
    expect(body.groups).toEqual([
      expect.objectContaining({
        key: 'A',
        open: 1,
        overdue: 1,
        bands: expect.objectContaining({ 'over 180': 1 }),
      }),
    ]);
  });
});

describe('the measures statement', () => {
  // Committed, so a change to the SQL the roll-up and the board run shows in review.
  const periods = [parsePeriod('2025-02'), parsePeriod('2024-25T2')];

  it('for units and trusts, as the KPI roll-up reads it', async () => {
    const units = {
      units: [
        { code: 'A', name: 'Area A', level: 'area' },
        { code: 'T', name: 'Trust T', level: 'trust' },
      ],
      unitCodes: ['T', 'T'],
      schoolIds: [11, 12],
    };
    await expect(sqlSnapshot(unitMeasuresQuery(units, periods).compile(database.db))).toMatchFileSnapshot(
      './__snapshots__/challenge-unit-measures.sql',
    );
  });

  it('by area, as the challenges board reads it', async () => {
    await expect(
      sqlSnapshot(dimensionMeasuresQuery('area', [1, 2, 3], ['A', 'B'], periods).compile(database.db)),
    ).toMatchFileSnapshot('./__snapshots__/challenge-measures-by-area.sql');
  });
});
