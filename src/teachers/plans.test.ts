// Redeployment plans on the tiny authority with October's teachers and coordinates (test-plan-fixture.ts
// works each school's norm, gap and distance by hand):
// the moves and their reasons, the recruits, the figures before and after, accepting and rejecting,
// raising the accepted moves as a "teacher deployment" challenge's actions, the workbook, whether the
// gap closed the next month, and who may do what.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { challengeDetail } from '../meetings/challenges.ts';
import { readXlsxSheets } from '../tabular/read.ts';
import type { TeacherPlan } from './plan-contract.ts';
import { planWorkbook } from './plan-workbook.ts';
import { decideMove, makePlan, planDetail, raisePlan } from './plans.ts';
import { loadStaffedTinyAuthority } from './test-plan-fixture.ts';

const actor = operator('test');
let database: Database;
const context = () => contextFor(database.db, actor, { today: '2026-11-15' });

beforeAll(async () => {
  database = await freshDatabase();
  await loadStaffedTinyAuthority(database.db);
});
afterAll(() => database.close());

describe('a plan for the whole authority', () => {
  let plan: TeacherPlan;
  beforeAll(async () => {
    plan = await makePlan(context(), { max_km: 25, max_moves_out: 3, recruits: 2 });
  });

  test('moves the most teachers within the limits, nearest first, with the reason in words', () => {
    // S3 may give 3 (4 over, 3 out at most); S2 is out of reach. Of the plans that move 3, the one that
    // travels least sends 2 to S5 (7.2 km) and 1 to S1 (14.5 km).
    expect(plan.moves.map((m) => [m.from.code, m.to.code, m.teachers, m.km])).toEqual([
      ['S3', 'S1', 1, 14.5],
      ['S3', 'S5', 2, 7.2],
    ]);
    expect(plan.moves[1]?.reason).toBe(
      'from S3 Third School, 4 over the norm, to S5 Fifth School, 2 under, 7.2 km',
    );
    expect([plan.objective, plan.bound, plan.optimal, plan.km]).toEqual([3, 3, true, 28.9]);
    expect(plan.unlocated).toEqual([]); // S4 has no coordinates, but is at its norm
  });

  test('recruits go to the largest gap left, and the figures before and after agree with a hand count', () => {
    // After the moves S1 lacks 2 and S2 1: the first recruit to S1, then S1 and S2 tie at 1 and S1 has
    // more pupils a teacher (410/10 against 30/1), so S1 again.
    expect(plan.recruits).toEqual([{ school: { code: 'S1', name: expect.any(String) }, teachers: 2 }]);
    expect(plan.before).toMatchObject({ gap: 6, surplus: 4, schoolsAboveMaxRatio: 2 }); // S1 51.3, S5 50
    // After: S1 11, S2 1, S3 6, S4 3, S5 8: only S2 lacks one; S3 is 1 over; none above 40 a teacher.
    expect(plan.after).toMatchObject({ gap: 1, surplus: 1, schoolsAboveMaxRatio: 0 });
  });

  test('moves are accepted or rejected, and the accepted raised as actions of a teacher deployment challenge', async () => {
    const [toS1, toS5] = plan.moves as [TeacherPlan['moves'][number], TeacherPlan['moves'][number]];
    // The decided move comes back with its receiving school's gap (S5: 8 required, 6 in post).
    expect(await decideMove(context(), plan.id, toS5.id, { decision: 'accepted' })).toMatchObject({
      id: toS5.id,
      to: { code: 'S5' },
      decision: 'accepted',
      to_gap_then: 2,
      to_gap_now: 2,
    });
    await decideMove(context(), plan.id, toS1.id, { decision: 'rejected' });
    const raised = await raisePlan(context(), plan.id, { due_on: '2026-12-31' });
    expect(raised.actions).toBe(1);
    const challenge = await challengeDetail(context(), raised.challenge_id);
    expect(challenge.category).toBe('teacher_deployment');
    expect(challenge.actions.map((a) => a.title)).toEqual([
      `Move 2 teachers from ${toS5.from.name} (S3) to ${toS5.to.name} (S5), 7.2 km`,
    ]);
    // Nothing more to raise; a raised move cannot be rejected behind the meeting's back.
    await expect(raisePlan(context(), plan.id, {})).rejects.toThrow(/no accepted move waiting/);
    await expect(decideMove(context(), plan.id, toS5.id, { decision: 'rejected' })).rejects.toThrow(
      /already action/,
    );
    // Accepting the other later raises just that one, under the same challenge.
    await decideMove(context(), plan.id, toS1.id, { decision: 'accepted' });
    expect(await raisePlan(context(), plan.id, {})).toEqual({
      challenge_id: raised.challenge_id,
      actions: 1,
    });
  });

  test('the workbook carries the moves, recruits, figures and limits', async () => {
    const sheets = await readXlsxSheets(await planWorkbook(context(), plan.id));
    expect(sheets.map((s) => s.name)).toEqual(['moves', 'recruits', 'figures', 'limits']);
    const moves = sheets[0]?.table;
    expect(moves?.header).toEqual([
      'from_code',
      'from_school',
      'to_code',
      'to_school',
      'teachers',
      'km',
      'reason',
      'decision',
    ]);
    expect(moves?.rows.map((r) => [r.cells[0], r.cells[2], r.cells[4], r.cells[7]])).toEqual([
      ['S3', 'S1', '1', 'accepted'],
      ['S3', 'S5', '2', 'accepted'],
    ]);
    expect(sheets[2]?.table.rows[0]?.cells).toEqual(['Teachers lacking against the norm', '6', '1']);
  });

  test('the next month shows whether each receiving school’s gap closed', async () => {
    await importFile(
      context(),
      'data-values',
      csv('nov.csv', [
        'school_code,period,element,value',
        'S5,2026-11,pupils_enrolled,300',
        'S5,2026-11,teachers_in_post,8',
        'S1,2026-11,pupils_enrolled,410',
        'S1,2026-11,teachers_in_post,8',
      ]),
    );
    const later = await planDetail(context(), plan.id);
    expect(later.latest_month).toBe('2026-11');
    expect(later.moves.map((m) => [m.to.code, m.to_gap_then, m.to_gap_now])).toEqual([
      ['S1', 3, 3],
      ['S5', 2, 0],
    ]);
  });
});

describe('who may plan', () => {
  test('an area lead plans their own area only; a head may not plan; an analyst reads', async () => {
    const leadA = await apiAs(database, 'area_lead', 'A');
    const mine = await leadA.send('POST', '/api/v1/teachers/plans', { area: 'A', max_km: 200 });
    expect(mine.status).toBe(201);
    // A's schools both lack teachers: nothing to move, and the bound says no plan could.
    expect([mine.body.moves.length, mine.body.objective, mine.body.bound]).toEqual([0, 0, 0]);
    expect((await leadA.send('POST', '/api/v1/teachers/plans', { area: 'B' })).status).toBe(404);
    expect((await leadA.send('POST', '/api/v1/teachers/plans', {})).status).toBe(400);
    const leadB = await apiAs(database, 'area_lead', 'B');
    expect((await leadB.get(`/api/v1/teachers/plans/${mine.body.id}`)).status).toBe(404);
    const listed = (await leadB.get('/api/v1/teachers/plans')).body.plans as { unit: { code: string } }[];
    expect(listed.map((p) => p.unit.code)).not.toContain('A');
    const head = await apiAs(database, 'headteacher', 'S1');
    expect((await head.send('POST', '/api/v1/teachers/plans', { area: 'A' })).status).toBe(403);
    const analyst = await apiAs(database, 'analyst', 'T');
    expect((await analyst.get(`/api/v1/teachers/plans/${mine.body.id}`)).status).toBe(200);
    expect((await analyst.send('POST', '/api/v1/teachers/plans', {})).status).toBe(403);
    const bad = await leadA.send('POST', '/api/v1/teachers/plans', { area: 'A', max_moves_out: 0 });
    expect(bad.status).toBe(400);
  });
});
