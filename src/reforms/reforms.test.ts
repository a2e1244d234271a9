// Reforms against the tiny authority (T > A {S1, S2}, B {S3, S4, S5}) on 2026-11-20: a reading programme
// covering area A and school S3, four practices, four checks whose shares are worked by hand below.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../auth/contract.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { type Context, contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { listVisits } from '../visits/visits.ts';
import { exportReforms, importReforms } from './checklist-workbook.ts';
import { recordCheck, schoolHistory } from './checks.ts';
import type { FidelityCheckInput, PracticeStatus, ReformInput } from './contract.ts';
import { periodsBetween, reformImplementation } from './implementation.ts';
import { listReforms, reformDetail, saveReform } from './reforms.ts';

const today = '2026-11-20';
let database: Database;
const as: Record<string, Context> = {};

async function contextAs(role: Role, unit: string, person?: string): Promise<Context> {
  const actor = await actorForToken(database.db, await tokenFor(database.db, role, unit, person));
  if (!actor) throw new Error('no actor');
  return contextFor(database.db, actor, { today });
}

const reading: ReformInput = {
  code: 'READ',
  name: 'Reading for all',
  phase: 'rollout',
  starts_on: '2026-09-01',
  units: ['A', 'S3'],
  practices: [
    { code: 'DAILY', name: 'Daily phonics lesson', look_for: 'On every class timetable' },
    { code: 'DECOD', name: 'Decodable books matched to phonics' },
    { code: 'ASSESS', name: 'Half-termly phonics assessment' },
    { code: 'CATCH', name: 'Same-day catch-up' },
  ],
};

const check = (school: string, on: string, visitor: string, found: PracticeStatus[]): FidelityCheckInput => ({
  school,
  checked_on: on,
  visitors: [visitor],
  practices: ['DAILY', 'DECOD', 'ASSESS', 'CATCH'].map((practice, i) => ({
    practice,
    status: found[i] as PracticeStatus,
    evidence: `${practice} seen`,
  })),
});

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthorityWithLeads(database);
  as.director = await contextAs('director', 'T', 'P1');
  as.leadA = await contextAs('area_lead', 'A', 'P2');
  as.leadB = await contextAs('area_lead', 'B', 'P3');
  as.headS1 = await contextAs('headteacher', 'S1', 'P4');
}, 120_000);
afterAll(() => database?.close());

const ctx = (who: string) => as[who] as Context;

describe('a reform and its fidelity checks', () => {
  test('only the whole authority saves a reform; a practice code twice and an unknown unit are named', async () => {
    await expect(saveReform(ctx('leadA'), reading)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      saveReform(ctx('director'), {
        ...reading,
        practices: [...reading.practices, { code: 'DAILY', name: 'Again' }],
      }),
    ).rejects.toThrow('practices[5]: code DAILY is used twice');
    await expect(saveReform(ctx('director'), { ...reading, units: ['A', 'NOPE'] })).rejects.toThrow(
      'units: NOPE is not a unit',
    );
    expect(await saveReform(ctx('director'), reading)).toEqual({
      code: 'READ',
      checklist_version: 1,
      new_version: false,
    });
  });

  test('area leads record checks at their covered schools; others are refused', async () => {
    const s1 = check('S1', '2026-09-15', 'P2', ['in_place', 'partly', 'not_yet', 'not_yet']);
    await expect(recordCheck(ctx('headS1'), 'READ', s1)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordCheck(ctx('leadB'), 'READ', s1)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      recordCheck(
        ctx('leadB'),
        'READ',
        check('S4', '2026-10-01', 'P3', ['in_place', 'in_place', 'in_place', 'in_place']),
      ),
    ).rejects.toThrow('school: S4 is not covered by reform READ');
    await expect(
      recordCheck(ctx('leadA'), 'READ', { ...s1, practices: s1.practices.slice(0, 3) }),
    ).rejects.toThrow('practices: CATCH not checked');
    await expect(
      recordCheck(ctx('leadA'), 'READ', {
        ...s1,
        practices: [...s1.practices, { practice: 'NOPE', status: 'partly' }],
      }),
    ).rejects.toThrow('practices[5]: NOPE is not a practice of READ version 1');
    await recordCheck(ctx('leadA'), 'READ', s1);
    await recordCheck(
      ctx('leadA'),
      'READ',
      check('S2', '2026-10-05', 'P2', ['in_place', 'in_place', 'partly', 'not_yet']),
    );
    await recordCheck(
      ctx('director'),
      'READ',
      check('S3', '2026-10-20', 'P1', ['in_place', 'in_place', 'in_place', 'in_place']),
    );
    await recordCheck(
      ctx('leadA'),
      'READ',
      check('S1', '2026-11-10', 'P2', ['in_place', 'in_place', 'in_place', 'partly']),
    );
    // A check is a visit: the visits list counts it as a reform_fidelity visit.
    const visits = await listVisits(ctx('director'), { visit_type: 'reform_fidelity' });
    expect(visits.visits.map((v) => [v.school.code, v.visit_on])).toEqual([
      ['S1', '2026-11-10'],
      ['S3', '2026-10-20'],
      ['S2', '2026-10-05'],
      ['S1', '2026-09-15'],
    ]);
  });

  test('each school’s latest fidelity, and the list’s share pooled over the latest checks', async () => {
    const detail = await reformDetail(ctx('director'), 'READ');
    expect(detail.school_fidelity.map((s) => [s.code, s.checks, s.latest?.share ?? null])).toEqual([
      ['S1', 2, 75],
      ['S2', 1, 50],
      ['S3', 1, 100],
    ]);
    // Latest checks: S1 3/4, S2 2/4, S3 4/4 in place = 9/12.
    const [listed] = await listReforms(ctx('director'));
    expect(listed).toMatchObject({ code: 'READ', schools: 3, checked: 3, share: 75, practices: 4 });
    const history = await schoolHistory(ctx('headS1'), 'READ', 'S1');
    expect(history.checks.map((c) => [c.checked_on, c.in_place, c.partly, c.not_yet, c.share])).toEqual([
      ['2026-11-10', 3, 1, 0, 75],
      ['2026-09-15', 1, 1, 2, 25],
    ]);
    expect(history.checks[1]?.practices[0]).toEqual({
      code: 'DAILY',
      name: 'Daily phonics lesson',
      status: 'in_place',
      evidence: 'DAILY seen',
    });
    await expect(schoolHistory(ctx('leadB'), 'READ', 'S1')).rejects.toMatchObject({ code: 'not_found' });
  });

  test('implementation by area by month equals the shares worked by hand', async () => {
    const months = await reformImplementation(ctx('director'), 'READ');
    expect(months.periods.map((p) => p.period)).toEqual(['2026-09', '2026-10', '2026-11']);
    const figures = (points: { checked: number; share: number | null }[]) =>
      points.map((p) => [p.checked, p.share]);
    // A: Sep S1 1/4; Oct S1 1/4 + S2 2/4 = 3/8; Nov S1 3/4 + S2 2/4 = 5/8.
    expect(months.areas.map((a) => [a.code, a.schools, figures(a.points)])).toEqual([
      [
        'A',
        2,
        [
          [1, 25],
          [2, 37.5],
          [2, 62.5],
        ],
      ],
      [
        'B',
        1,
        [
          [0, null],
          [1, 100],
          [1, 100],
        ],
      ],
    ]);
    // All: Sep 1/4; Oct (1+2+4)/12; Nov (3+2+4)/12.
    expect(figures(months.all.points)).toEqual([
      [1, 25],
      [3, 58.3],
      [3, 75],
    ]);
    const terms = await reformImplementation(ctx('director'), 'READ', { by: 'term' });
    expect(terms.periods).toEqual([{ period: '2026-09', start: '2026-09-01', end: '2026-11-20' }]);
    expect(figures(terms.all.points)).toEqual([[3, 75]]);
  });

  test('a head sees their own school only; an area lead their area', async () => {
    const head = await reformImplementation(ctx('headS1'), 'READ');
    expect(head.areas.map((a) => [a.code, a.schools])).toEqual([['A', 1]]);
    expect((await reformDetail(ctx('headS1'), 'READ')).school_fidelity.map((s) => s.code)).toEqual(['S1']);
    const leadB = await reformImplementation(ctx('leadB'), 'READ');
    expect(leadB.areas.map((a) => a.code)).toEqual(['B']);
    await expect(reformDetail(ctx('leadB'), 'READ', { area: 'A' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(reformDetail(ctx('leadB'), 'NOPE')).rejects.toMatchObject({ code: 'not_found' });
  });

  test('changing a checklist in use makes a new version; the old checks keep theirs', async () => {
    const changed = {
      ...reading,
      practices: [...reading.practices, { code: 'LIB', name: 'Library time weekly' }],
    };
    expect(await saveReform(ctx('director'), changed)).toEqual({
      code: 'READ',
      checklist_version: 2,
      new_version: true,
    });
    // Saving the same again changes nothing.
    expect(await saveReform(ctx('director'), changed)).toEqual({
      code: 'READ',
      checklist_version: 2,
      new_version: false,
    });
    const detail = await reformDetail(ctx('director'), 'READ');
    expect(detail.checklist.map((p) => p.code)).toEqual(['DAILY', 'DECOD', 'ASSESS', 'CATCH', 'LIB']);
    const history = await schoolHistory(ctx('director'), 'READ', 'S1');
    expect(history.checks.map((c) => c.checklist_version)).toEqual([1, 1]);
    await expect(
      recordCheck(
        ctx('leadA'),
        'READ',
        check('S2', '2026-11-19', 'P2', ['in_place', 'in_place', 'in_place', 'in_place']),
      ),
    ).rejects.toThrow('practices: LIB not checked');
  });

  test('the checklist workbook round-trips, and a bad one is refused naming row and column', async () => {
    const bytes = await exportReforms(ctx('director'));
    expect(await importReforms(ctx('director'), { name: 'reforms.xlsx', bytes })).toEqual([
      { code: 'READ', checklist_version: 2, new_version: false },
    ]);
    const bad = Buffer.from(
      [
        'reform_code,reform_name,phase,starts_on,units,practice_code,practice_name',
        'MATHS,Maths mastery,rollout,2026-09-01,A,M1,Number talks',
        'MATHS,Maths mastery,launch,2026-09-01,A,M2,Bar models',
        'MATHS,Maths mastery,rollout,2026-09-01,A,,Fluency',
        'SCI,Science,rollout,2026-09-31,B,S1,Practicals',
      ].join('\n'),
    );
    const rejected = await importReforms(ctx('director'), { name: 'bad.csv', bytes: bad }).catch((e) => e);
    expect(rejected).toBeInstanceOf(ImportRejected);
    expect((rejected as ImportRejected).report.listed.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, 'phase', "differs from row 2's for reform MATHS (the reform's columns must agree)"],
      [4, 'practice_code', 'is empty'],
      [5, 'starts_on', 'reform SCI: is not a date (use YYYY-MM-DD)'],
    ]);
    expect((await listReforms(ctx('director'))).map((r) => r.code)).toEqual(['READ']);
    expect(periodsBetween('2026-08-20', '2027-01-10', 'term', 9).map((p) => [p.start, p.end])).toEqual([
      ['2026-04-01', '2026-08-31'],
      ['2026-09-01', '2026-12-31'],
      ['2027-01-01', '2027-01-10'],
    ]);
  });
});
