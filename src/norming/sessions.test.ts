// Norming sessions against the tiny authority with its leads (director P1, area leads P2 Ann Lead and
// P3 Bob Lead, head of S1 P4), on 2026-11-20. Two sessions on the lesson rubric, scored on PLN1 and
// INS1 of three cases. Spring (2026-03-10): Ann gives the master's level every time, Bob one level
// above it where the scale allows (four of six: lenient by 0.67). Autumn (2026-10-01): Ann one level
// below the master every time (harsh by 1, exact 0): her kappa falls, so she drifts and is no longer
// calibrated; Bob matches the master.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../auth/contract.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { type Context, contextFor, defaultSettings } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { listVisits, recordVisit } from '../visits/visits.ts';
import { addLogEntry, developmentLog } from './development-log.ts';
import { normingDrift } from './drift.ts';
import { importSessionScores } from './import-scores.ts';
import { readNormingScores } from './read-scores.ts';
import { sessionReport } from './report.ts';
import { sessionScores } from './session-scores.ts';
import { sessionStatistics } from './session-stats.ts';
import {
  closeSession,
  createSession,
  listSessions,
  scoreCase,
  sessionDetail,
  setMaster,
} from './sessions.ts';

const today = '2026-11-20';
let database: Database;
const as: Record<string, Context> = {};

async function contextAs(role: Role, unit: string, person?: string): Promise<Context> {
  const actor = await actorForToken(database.db, await tokenFor(database.db, role, unit, person));
  if (!actor) throw new Error('no actor');
  return contextFor(database.db, actor, { today });
}

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthorityWithLeads(database);
  as.director = await contextAs('director', 'T', 'P1');
  as.ann = await contextAs('area_lead', 'A', 'P2');
  as.bob = await contextAs('area_lead', 'B', 'P3');
  as.head = await contextAs('headteacher', 'S1', 'P4');
}, 120_000);
afterAll(() => database?.close());

const masters = { 'Case A': [3, 2], 'Case B': [2, 4], 'Case C': [4, 3] } as const;
const caseTitles = Object.keys(masters) as (keyof typeof masters)[];
const ids: Record<string, number> = {};
const scores = (levels: readonly number[]) => ({
  scores: [
    { criterion: 'PLN1', level: levels[0] as number },
    { criterion: 'INS1', level: levels[1] as number },
  ],
});
const director = () => as.director as Context;

async function newSession(title: string, held_on: string): Promise<number> {
  const { id } = await createSession(director(), {
    title,
    held_on,
    rubric: 'LESSON',
    led_by: 'P1',
    raters: ['P2', 'P3'],
    cases: caseTitles.map((t) => ({ title: t, kind: 'lesson_video', link: `https://video.example/${t}` })),
  });
  return id;
}
const caseIds = async (id: number) => (await sessionDetail(director(), id)).cases.map((c) => c.id);

describe('a session, scored independently', () => {
  test('only the director sets one up; a head who rates nothing sees no norming at all', async () => {
    const input = { title: 'x', held_on: '2026-03-10', rubric: 'LESSON', led_by: 'P1', raters: ['P2'] };
    await expect(
      createSession(as.ann as Context, { ...input, cases: [{ title: 'a', kind: 'evidence_pack' }] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    ids.spring = await newSession('Spring norming', '2026-03-10');
    expect((await listSessions(as.head as Context)).sessions).toEqual([]);
    await expect(sessionDetail(as.head as Context, ids.spring)).rejects.toMatchObject({ code: 'not_found' });
    expect(
      (await listSessions(as.ann as Context)).sessions.map((s) => [s.title, s.role, s.cases, s.raters]),
    ).toEqual([['Spring norming', 'rates', 3, 2]]);
  });

  test('a rater sees only their own levels, and no master until the session closes', async () => {
    const [a, b, c] = await caseIds(ids.spring as number);
    for (const [i, caseId] of [a, b, c].entries()) {
      const master = masters[caseTitles[i] as keyof typeof masters];
      await setMaster(director(), ids.spring as number, caseId as number, scores(master));
      await scoreCase(as.ann as Context, ids.spring as number, caseId as number, scores(master));
    }
    await expect(
      setMaster(as.ann as Context, ids.spring as number, a as number, scores([1, 1])),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const ann = await sessionDetail(as.ann as Context, ids.spring as number);
    expect(ann.cases[0]?.mine).toEqual({ PLN1: 3, INS1: 2 });
    expect(ann.cases.every((c) => c.master === null)).toBe(true);
    expect(ann.rater_progress).toEqual([{ code: 'P2', name: 'Ann Lead', scored: 6 }]);
    expect(ann.criteria[0]?.levels).toHaveLength(4);
    const bob = await sessionDetail(as.bob as Context, ids.spring as number);
    expect(bob.cases.every((c) => Object.keys(c.mine).length === 0)).toBe(true);
    const run = await sessionDetail(director(), ids.spring as number);
    expect(run.cases[1]?.master).toEqual({ PLN1: 2, INS1: 4 });
    expect(run.rater_progress.map((r) => [r.code, r.scored])).toEqual([
      ['P2', 6],
      ['P3', 0],
    ]);
  });

  test('an import with problems names each by row and column and writes nothing', async () => {
    const bad = csv('scores.csv', [
      'case,rater,criterion,score',
      'Case A,P3,PLN1,4',
      'Case Z,P3,PLN1,4',
      'Case A,P4,PLN1,4',
      'Case A,P3,NOPE,4',
      'Case B,P3,PLN1,7',
    ]);
    const rejected = await importSessionScores(director(), ids.spring as number, bad).catch((e) => e);
    expect(rejected).toBeInstanceOf(ImportRejected);
    expect((rejected as ImportRejected).problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, 'case', 'is not a case of this session'],
      [4, 'rater', 'is not a rater of this session'],
      [5, 'criterion', 'is not a criterion of the rubric'],
      [6, 'score', 'is not a level of the scale'],
    ]);
    const bob = await sessionDetail(as.bob as Context, ids.spring as number);
    expect(bob.rater_progress[0]?.scored).toBe(0);
    await expect(importSessionScores(as.ann as Context, ids.spring as number, bad)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const good = csv('scores.csv', [
      'case,rater,criterion,score,master',
      ...caseTitles.flatMap((t) => {
        const [p, i] = masters[t];
        return [`${t},P3,PLN1,${Math.min(p + 1, 4)},${p}`, `${t},P3,INS1,${Math.min(i + 1, 4)},${i}`];
      }),
    ]);
    expect(await importSessionScores(director(), ids.spring as number, good)).toEqual({
      scores: 6,
      masters: 6,
    });
  });

  test('the report waits for the close; only who runs it closes it; then scores are fixed', async () => {
    await expect(sessionReport(director(), ids.spring as number)).rejects.toMatchObject({ code: 'conflict' });
    await expect(closeSession(as.ann as Context, ids.spring as number)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const closed = await closeSession(director(), ids.spring as number);
    expect([closed.status, closed.closed_on]).toEqual(['closed', today]);
    const [a] = await caseIds(ids.spring as number);
    await expect(
      scoreCase(as.ann as Context, ids.spring as number, a as number, scores([1, 1])),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await sessionDetail(as.ann as Context, ids.spring as number)).cases[0]?.master).toEqual({
      PLN1: 3,
      INS1: 2,
    });
  });

  test("the director's report: Ann exact, Bob lenient by 4/6 and flagged in words", async () => {
    const report = await sessionReport(director(), ids.spring as number);
    const [ann, bob] = report.statistics.overall;
    expect([ann?.rater, ann?.exact, ann?.bias, ann?.kappa, ann?.flags]).toEqual(['Ann Lead', 1, 0, 1, []]);
    expect(bob?.rater).toBe('Bob Lead');
    expect(bob?.exact).toBeCloseTo(2 / 6, 10);
    expect(bob?.within_one).toBe(1);
    expect(bob?.bias).toBeCloseTo(4 / 6, 10);
    expect(bob?.flags).toContain('lenient by 0.67 levels');
    expect(report.statistics.criteria.map((c) => c.criterion)).toEqual(['INS1', 'PLN1']);
    expect(report.statistics.criteria[0]?.across?.icc2).toBeDefined();
  });

  test('the report equals `headway norming stats --input` on the same scores written as a file', async () => {
    const { scores: long, levels } = await sessionScores(database.db, ids.spring as number);
    const cell = (v: number | null) => (v === null ? '' : String(v));
    const file = csv('long.csv', [
      'case,rater,criterion,score,master',
      ...long.map((s) => [s.case, s.rater, s.criterion, cell(s.score), cell(s.master)].join(',')),
    ]);
    const read = await readNormingScores(file, levels);
    const cli = sessionStatistics(read.scores, read.levels);
    expect((await sessionReport(director(), ids.spring as number)).statistics).toEqual(cli);
  });

  test('a rater sees the raters-together figures and their own agreement, never another rater’s', async () => {
    const report = await sessionReport(as.bob as Context, ids.spring as number);
    expect(report.statistics.overall.map((r) => r.rater)).toEqual(['Bob Lead']);
    expect(report.statistics.criteria.every((c) => c.raters.every((r) => r.rater === 'Bob Lead'))).toBe(true);
    expect(report.raters).toEqual([{ code: 'P3', name: 'Bob Lead' }]);
    await expect(sessionReport(as.head as Context, ids.spring as number)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('calibration and drift', () => {
  test('visits are marked by whether each visitor was calibrated on the day (by hand)', async () => {
    await recordVisit(as.ann as Context, {
      client_id: 'calibration-1',
      school: 'S1',
      visit_on: '2026-06-01',
      visit_type: 'supervision',
      visitors: ['P2', 'P3'],
    });
    await recordVisit(as.ann as Context, {
      client_id: 'calibration-2',
      school: 'S1',
      visit_on: '2026-03-09',
      visit_type: 'supervision',
      visitors: ['P2'],
    });
    const marks = async (context: Context) =>
      (await listVisits(context, { school: 'S1' })).visits.map((v) => [
        v.visit_on,
        v.visitors.map((p) => [p.code, p.calibrated]),
      ]);
    // Ann within tolerance on 2026-03-10: calibrated on 2026-06-01, not the day before the session;
    // Bob was flagged lenient, so never calibrated.
    expect(await marks(director())).toEqual([
      [
        '2026-06-01',
        [
          ['P2', true],
          ['P3', false],
        ],
      ],
      ['2026-03-09', [['P2', false]]],
    ]);
    // With a two-month window 2026-06-01 is past 2026-05-10, the window's end.
    const short = contextFor(database.db, director().actor, {
      today,
      settings: { ...defaultSettings, calibrationMonths: 2 },
    });
    expect((await marks(short))[0]).toEqual([
      '2026-06-01',
      [
        ['P2', false],
        ['P3', false],
      ],
    ]);
  });

  test('Ann harsh in the autumn: drifting, not calibrated, first in the team table; Bob sees only himself', async () => {
    ids.autumn = await newSession('Autumn norming', '2026-10-01');
    for (const [i, caseId] of (await caseIds(ids.autumn)).entries()) {
      const master = masters[caseTitles[i] as keyof typeof masters];
      await setMaster(director(), ids.autumn, caseId, scores(master));
      await scoreCase(as.ann as Context, ids.autumn, caseId, scores(master.map((l) => l - 1)));
      await scoreCase(as.bob as Context, ids.autumn, caseId, scores(master));
    }
    await closeSession(director(), ids.autumn);
    const team = (await normingDrift(director())).raters;
    expect(team.map((r) => [r.rater.code, r.calibrated, r.drifting])).toEqual([
      ['P2', false, true],
      ['P3', true, false],
    ]);
    const ann = team[0];
    expect(ann?.sessions.map((s) => [s.title, s.exact, s.bias])).toEqual([
      ['Spring norming', 1, 0],
      ['Autumn norming', 0, -1],
    ]);
    expect(ann?.drift_reason).toMatch(
      /^weighted kappa fell from 1\.00 \(Spring norming\) to -?\d\.\d\d \(Autumn norming\)$/,
    );
    expect(team[1]?.calibrated_until).toBe('2027-10-01');
    expect((await normingDrift(as.bob as Context)).raters.map((r) => r.rater.code)).toEqual(['P3']);
    expect((await normingDrift(as.head as Context)).raters).toEqual([]);
  });
});

describe('the development log', () => {
  test('a lead reads and writes their own; the director anyone’s; another lead is told it does not exist', async () => {
    await addLogEntry(director(), {
      person: 'P2',
      written_on: '2026-11-02',
      kind: 'retreat_note',
      title: 'Retreat: severity on instruction',
      body: 'Ann to co-observe two lessons with the lead assessor.',
    });
    await addLogEntry(as.ann as Context, {
      person: 'P2',
      written_on: '2026-11-10',
      kind: 'note',
      title: 'Co-observed',
    });
    await expect(
      addLogEntry(as.bob as Context, { person: 'P2', written_on: '2026-11-10', kind: 'note', title: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(developmentLog(as.bob as Context, 'P2')).rejects.toMatchObject({ code: 'not_found' });
    const log = await developmentLog(as.ann as Context, 'P2');
    expect(log.entries.map((e) => [e.written_on, e.kind, e.written_by])).toEqual([
      ['2026-11-10', 'note', 'Ann Lead'],
      ['2026-11-02', 'retreat_note', 'Dee Rector'],
    ]);
    expect(log.history?.sessions).toHaveLength(2);
    expect(log.history?.drifting).toBe(true);
  });
});
