// The attention model on the tiny authority: each school's reasons from its real rows, the watchlist's
// order and counts, what a head sees of their own school, and each caller's scope.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { schoolsNeedingAttention } from './attention.ts';

let database: Database & { url: string };
const today = '2026-11-27';

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  await loadTinyAuthority(db);
  const load = async (kind: string, lines: string[]) => {
    const report = await importFile(
      contextFor(db, operator('test'), { today }),
      kind,
      csv(`${kind}.csv`, lines),
    );
    expect(report.inserted).toBe(lines.length - 1);
  };
  await load('people', [
    'code,given_name,family_name,email',
    'P1,Ann,One,',
    'P2,Bo,Two,',
    'P3,Cy,Three,',
    'P4,Di,Four,',
  ]);
  // S1, S2 and S4 have long-serving heads; S3's head started in September, her first headship; S5 has none.
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'P1,S1,headteacher,2015-09-01,,1',
    'P2,S2,headteacher,2016-09-01,,1',
    'P3,S3,headteacher,2026-09-01,,1',
    'P4,S4,headteacher,2017-09-01,,1',
  ]);
  // S3 requires improvement; S4 is good (no reason); S1's inspection after October does not count yet.
  await load('inspections', [
    'school_code,inspected_on,overall,leadership,category',
    'S3,2025-05-01,requires improvement,requires improvement,',
    'S4,2024-03-01,good,good,',
    'S1,2026-11-20,inadequate,inadequate,sm',
  ]);
});
afterAll(() => database.close());

const kindsOf = (answer: Awaited<ReturnType<typeof schoolsNeedingAttention>>) =>
  Object.fromEntries(answer.schools.map((s) => [s.code, s.reasons.map((r) => r.kind)]));

describe('the attention model on the tiny authority', () => {
  test('each school’s reasons, ranked by severity, and the near misses that give none', async () => {
    const answer = await schoolsNeedingAttention(contextFor(database.db, operator('test'), { today }), {
      period: '2026-10',
    });
    expect(answer.as_of).toBe('2026-10-31');
    // S2: 50/100 attended in October (its only month), red; attendance and absence are one reason.
    // S5: no head, and nothing sent for September or October. S3: requires improvement, with a new head.
    expect(kindsOf(answer)).toEqual({
      S5: ['headship_vacant', 'return_missing_two_periods'],
      S2: ['indicator_red'],
      S3: ['requires_improvement', 'first_year_head'],
    });
    expect(answer.schools.map((s) => [s.code, s.rank, s.severity])).toEqual([
      ['S5', 1, 'high'],
      ['S3', 2, 'medium'],
      ['S2', 3, 'medium'],
    ]);
    // Area B: S3, S4 and S5, two needing attention; S5's October return is the one missing of three.
    expect(answer.areas.find((a) => a.code === 'B')).toMatchObject({
      schools: 3,
      needing_attention: 2,
      red_indicators: 0,
      late_returns: 1,
      completeness: 2 / 3,
    });
    expect(answer.areas.find((a) => a.code === 'A')).toMatchObject({
      needing_attention: 1,
      red_indicators: 1,
    });
    expect(answer.totals).toMatchObject({ schools: 5, needing_attention: 3, late_returns: 1 });
  });

  test('in November S1’s special measures count, most severe of all', async () => {
    const answer = await schoolsNeedingAttention(contextFor(database.db, operator('test'), { today }), {
      period: '2026-11',
    });
    expect(answer.schools[0]?.code).toBe('S1');
    expect(answer.schools[0]?.reasons[0]).toMatchObject({
      kind: 'special_measures',
      severity: 'critical',
      evidence: 'Inspected inadequate on 2026-11-20 (special measures)',
    });
  });

  test('a head sees their own school only, and is told their return is missing', async () => {
    const head = await apiAs(database, 'headteacher', 'S5');
    const watch = await head.get('/api/v1/attention?period=2026-10');
    expect(watch.status).toBe(200);
    expect(watch.body.schools.map((s: { code: string }) => s.code)).toEqual(['S5']);
    expect(watch.body.areas).toEqual([]);
    const profile = await head.get('/api/v1/dashboards/schools/S5?period=2026-10');
    expect(profile.body.attention.reasons.map((r: { evidence: string }) => r.evidence)).toContain(
      'No data return for 2026-09 or 2026-10',
    );
    expect((await head.get('/api/v1/attention?period=2026-10&area=A')).status).toBe(404);
  });
});
