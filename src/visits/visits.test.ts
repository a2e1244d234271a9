// Visits against the tiny authority (T > A {S1, S2}, B {S3, S4, S5}) with its leads (director P1, area
// leads P2 and P3, the head of S1 P4), on 2026-11-20: the autumn term began 2026-09-01, the month
// 2026-11-01, and with the default 8 weeks a school last visited before 2026-09-25 is overdue.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import type { Role } from '../auth/contract.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { type Context, contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { indicatorByCode } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { listActions } from '../meetings/actions.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import type { RubricInput } from './contract.ts';
import { termStart, visitCoverage } from './coverage.ts';
import { listRubrics, rubricDetail, saveRubric } from './rubrics.ts';
import { listVisits, recordVisit, updateVisit, visitDetail } from './visits.ts';

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
  as.leadA = await contextAs('area_lead', 'A', 'P2');
  as.leadB = await contextAs('area_lead', 'B', 'P3');
  as.headS1 = await contextAs('headteacher', 'S1', 'P4');
  as.headS3 = await contextAs('headteacher', 'S3');
}, 120_000);
afterAll(() => database?.close());

const ids: Record<string, number> = {};

describe('rubrics', () => {
  test('the two defaults ship: leadership supervision (seven sections) and lesson observation', async () => {
    const rubrics = await listRubrics(as.headS1 as Context);
    expect(rubrics.map((r) => [r.code, r.version, r.scale_max, r.criteria, r.visits])).toEqual([
      ['LEADERSHIP', 1, 4, 14, 0],
      ['LESSON', 1, 4, 6, 0],
    ]);
    const leadership = await rubricDetail(as.leadA as Context, 'LEADERSHIP');
    expect(leadership.sections.map((s) => s.name)).toEqual([
      'Vision',
      'Curriculum leadership',
      'Teaching quality oversight',
      'Data use',
      'Staff development',
      'Safeguarding',
      'Community',
    ]);
    const first = leadership.sections[0]?.criteria[0];
    expect(first?.code).toBe('VIS1');
    expect(first?.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    expect(first?.evidence_prompt).toMatch(/three staff/);
  });

  test('only a role for the whole authority edits rubrics, and a descriptor per level is required', async () => {
    const lesson = await rubricDetail(as.director as Context, 'LESSON');
    const input: RubricInput = {
      code: 'LESSON',
      name: 'Lesson observation',
      scale_max: 4,
      visit_types: ['coaching', 'monitoring'],
      sections: lesson.sections.map((s) => ({
        code: s.code,
        name: s.name,
        criteria: s.criteria.map((c) => ({
          code: c.code,
          name: c.name,
          evidence_prompt: c.evidence_prompt,
          levels: c.levels.map((l) => l.descriptor),
        })),
      })),
    };
    await expect(saveRubric(as.leadA as Context, input)).rejects.toThrow(/whole authority/);
    await expect(saveRubric(as.director as Context, { ...input, scale_max: 5 })).rejects.toThrow(
      /criterion PLN1: has 4 level descriptors; the scale 1–5 needs 5/,
    );
    // Not yet used by a visit: changed in place, still version 1.
    const saved = await saveRubric(as.director as Context, { ...input, name: 'Lesson observation (2026)' });
    expect(saved).toMatchObject({ version: 1, new_version: false });
    expect((await rubricDetail(as.director as Context, 'LESSON')).name).toBe('Lesson observation (2026)');
  });
});

describe('recording visits', () => {
  test('an area lead records a scored visit to one of their schools with an agreed action', async () => {
    const recorded = await recordVisit(as.leadA as Context, {
      client_id: 'device-1-0001',
      school: 'S1',
      visit_on: '2026-11-10',
      visit_type: 'supervision',
      visitors: ['P2'],
      rubric: { code: 'LEADERSHIP' },
      strengths: 'Clear vision, known by staff',
      development: 'Improvement plan not tied to data',
      scores: [
        { criterion: 'VIS1', level: 3, evidence: 'Three staff named the same two aims' },
        { criterion: 'VIS2', level: 2 },
        { criterion: 'DAT1', level: 1, evidence: 'No list of pupils behind' },
      ],
      actions: [{ title: 'Tie the plan’s priorities to the autumn data', owner: 'P4', due_on: '2026-12-15' }],
    });
    expect(recorded.created).toBe(true);
    ids.s1 = recorded.id;
    const visit = await visitDetail(as.leadA as Context, recorded.id);
    expect(visit.school).toEqual({ code: 'S1', name: 'Big School' });
    expect(visit.visitors).toEqual([{ code: 'P2', name: 'Ann Lead', calibrated: false }]); // no norming session yet
    expect(visit.rubric).toEqual({ code: 'LEADERSHIP', version: 1, name: 'Leadership supervision' });
    expect(visit.mean_level).toBe(2); // (3 + 2 + 1) / 3
    expect(visit.scores.map((s) => [s.section, s.criterion, s.level])).toEqual([
      ['Vision', 'VIS1', 3],
      ['Vision', 'VIS2', 2],
      ['Data use', 'DAT1', 1],
    ]);
    expect(visit.scores[0]?.descriptor).toMatch(/^Secure/);
    expect(visit.actions).toEqual([
      expect.objectContaining({ owner: 'Hal Head', due_on: '2026-12-15', status: 'open' }),
    ]);
  });

  test('the agreed action is in the meetings’ actions list, the owner’s own list among them', async () => {
    const mine = await listActions(as.headS1 as Context, { mine: true });
    expect(mine).toEqual([
      expect.objectContaining({
        title: 'Tie the plan’s priorities to the autumn data',
        unit: 'S1',
        meeting: null,
        challenge: null,
        visit: { id: ids.s1, visit_on: '2026-11-10' },
      }),
    ]);
  });

  test('the same client_id posted again (the offline form retrying) records nothing new', async () => {
    const again = await recordVisit(as.leadA as Context, {
      client_id: 'device-1-0001',
      school: 'S1',
      visit_on: '2026-11-10',
      visit_type: 'supervision',
      visitors: ['P2'],
    });
    expect(again).toEqual({ id: ids.s1, created: false });
    expect((await listVisits(as.director as Context)).total).toBe(1);
  });

  test('bad scores are refused naming the score and the reason, and write nothing', async () => {
    const base = {
      school: 'S2',
      visit_on: '2026-09-15',
      visit_type: 'supervision' as const,
      visitors: ['P2'],
      rubric: { code: 'LEADERSHIP' },
    };
    await expect(
      recordVisit(as.leadA as Context, { ...base, scores: [{ criterion: 'VIS1', level: 5 }] }),
    ).rejects.toThrow('scores[1] (criterion VIS1): level 5 is above the scale 1–4');
    await expect(
      recordVisit(as.leadA as Context, { ...base, scores: [{ criterion: 'XX9', level: 2 }] }),
    ).rejects.toThrow('scores[1] (criterion XX9): not a criterion of LEADERSHIP version 1');
    await expect(
      recordVisit(as.leadA as Context, { ...base, rubric: { code: 'LESSON' }, scores: [] }),
    ).rejects.toThrow('rubric: LESSON is for coaching, monitoring visits, not supervision');
    await expect(recordVisit(as.leadA as Context, { ...base, visitors: ['P9'] })).rejects.toThrow(
      'not people in the registry: P9',
    );
    expect((await listVisits(as.director as Context)).total).toBe(1);
    ids.s2 = (
      await recordVisit(as.leadA as Context, { ...base, scores: [{ criterion: 'VIS1', level: 4 }] })
    ).id;
  });

  test('another area’s lead cannot record or read a visit to S1; a head records none', async () => {
    const visit = { school: 'S1', visit_on: '2026-11-12', visit_type: 'coaching' as const, visitors: ['P3'] };
    await expect(recordVisit(as.leadB as Context, visit)).rejects.toMatchObject({ code: 'not_found' });
    await expect(visitDetail(as.leadB as Context, ids.s1 as number)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(recordVisit(as.headS1 as Context, visit)).rejects.toThrow(
      'Your role (headteacher) does not let you plan or record supervision visits',
    );
  });

  test('a head sees the visits to their own school, not another school’s', async () => {
    const own = await listVisits(as.headS1 as Context);
    expect(own.visits.map((v) => v.school.code)).toEqual(['S1']);
    expect((await visitDetail(as.headS1 as Context, ids.s1 as number)).strengths).toMatch(/Clear vision/);
    expect((await listVisits(as.headS3 as Context)).total).toBe(0);
    await expect(visitDetail(as.headS3 as Context, ids.s1 as number)).rejects.toMatchObject({
      code: 'not_found',
    });
    const areaA = await listVisits(as.director as Context, { area: 'A' });
    expect(areaA.visits.map((v) => [v.school.code, v.visit_on])).toEqual([
      ['S1', '2026-11-10'],
      ['S2', '2026-09-15'],
    ]);
    expect((await listVisits(as.director as Context, { from: '2026-11-01' })).total).toBe(1);
  });

  test('a change made on an older version is refused as a conflict, never overwriting', async () => {
    const edit = {
      version: 1,
      visit_on: '2026-09-15',
      visit_type: 'supervision' as const,
      visitors: ['P2'],
      rubric: { code: 'LEADERSHIP' },
      scores: [{ criterion: 'VIS1', level: 3 }],
    };
    expect(await updateVisit(as.leadA as Context, ids.s2 as number, edit)).toEqual({ version: 2 });
    await expect(updateVisit(as.leadA as Context, ids.s2 as number, edit)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await visitDetail(as.director as Context, ids.s2 as number)).scores[0]?.level).toBe(3);
  });
});

describe('versioning', () => {
  test('editing a rubric in use makes a new version; scored visits keep theirs', async () => {
    const current = await rubricDetail(as.director as Context, 'LEADERSHIP');
    const saved = await saveRubric(as.director as Context, {
      code: 'LEADERSHIP',
      name: current.name,
      scale_max: 4,
      visit_types: current.visit_types,
      sections: current.sections.map((s) => ({
        code: s.code,
        name: s.name,
        criteria: s.criteria.map((c) => ({
          code: c.code,
          name: c.code === 'VIS1' ? 'A vision staff and pupils can state' : c.name,
          evidence_prompt: c.evidence_prompt,
          levels: c.levels.map((l) => l.descriptor),
        })),
      })),
    });
    expect(saved).toMatchObject({ version: 2, new_version: true });
    expect((await listRubrics(as.director as Context)).map((r) => [r.code, r.version])).toEqual([
      ['LEADERSHIP', 2],
      ['LESSON', 1],
    ]);
    expect(
      (await listRubrics(as.director as Context, true)).map((r) => [
        r.code,
        r.version,
        r.superseded,
        r.visits,
      ]),
    ).toEqual([
      ['LEADERSHIP', 1, true, 2],
      ['LEADERSHIP', 2, false, 0],
      ['LESSON', 1, false, 0],
    ]);
    const visit = await visitDetail(as.director as Context, ids.s1 as number);
    expect(visit.rubric?.version).toBe(1);
    expect(visit.scores[0]?.name).not.toBe('A vision staff and pupils can state');
    expect(
      (await rubricDetail(as.director as Context, 'LEADERSHIP', 1)).sections[0]?.criteria[0]?.name,
    ).toMatch(/^A shared vision/);
  });
});

describe('coverage', () => {
  test('terms start in September, January and April', () => {
    expect(termStart('2026-11-20', 9)).toBe('2026-09-01');
    expect(termStart('2027-02-03', 9)).toBe('2027-01-01');
    expect(termStart('2027-08-31', 9)).toBe('2027-04-01');
    expect(termStart('2026-09-01', 9)).toBe('2026-09-01');
  });

  test('per area, by hand: A has S1 visited this month and both this term; S2 is overdue', async () => {
    // A planned visit does not count until it is recorded.
    await recordVisit(as.leadB as Context, {
      school: 'S3',
      visit_on: '2026-11-25',
      visit_type: 'supervision',
      status: 'planned',
      visitors: ['P3'],
    });
    const coverage = await visitCoverage(as.director as Context);
    expect(coverage).toMatchObject({ on: today, month_from: '2026-11-01', term_from: '2026-09-01' });
    const [a, b] = coverage.areas;
    expect(a).toMatchObject({
      code: 'A',
      schools: 2,
      visited_month: 1,
      visited_term: 2,
      visits_term: 2,
      expected_term: 2,
      share_month: 0.5,
      share_term: 1,
      overdue: [{ code: 'S2', name: 'Small School', last_visit_on: '2026-09-15' }],
    });
    expect(a?.leads).toEqual(['Ann Lead']);
    expect(b).toMatchObject({ code: 'B', schools: 3, visited_month: 0, visited_term: 0, share_term: 0 });
    expect(b?.overdue.map((s) => s.code)).toEqual(['S3', 'S4', 'S5']);
    const own = await visitCoverage(as.leadA as Context);
    expect(own.areas.map((x) => x.code)).toEqual(['A']);
    expect((await visitCoverage(as.headS1 as Context)).areas).toEqual([]);
  });

  test('a visit recorded as made cannot be dated after today; a planned one can', async () => {
    const visit = { school: 'S1', visit_type: 'supervision' as const, visitors: ['P2'] };
    await expect(
      recordVisit(as.leadA as Context, { ...visit, visit_on: '2027-05-01', status: 'recorded' }),
    ).rejects.toThrow('visit_on: 2027-05-01 is after today');
    const planned = await recordVisit(as.leadA as Context, {
      ...visit,
      visit_on: '2027-05-01',
      status: 'planned',
    });
    expect(planned.created).toBe(true);
  });

  test('a school in a cluster counts in its area, and so does its visit', async () => {
    const context = contextFor(database.db, operator('test'));
    await importFile(
      context,
      'org-units',
      csv('o.csv', ['code,name,level,parent_code', 'A-C1,Cluster one,cluster,A']),
    );
    await importFile(
      context,
      'schools',
      csv('s.csv', ['code,name,phase,area_code,cluster_code', 'S6,Cluster School,primary,A,A-C1']),
    );
    // Recorded by the operator: the callers' scopes were read before S6 existed.
    await recordVisit(context, {
      school: 'S6',
      visit_on: '2026-11-20',
      visit_type: 'supervision',
      status: 'recorded',
      visitors: ['P2'],
    });
    const [a] = (await visitCoverage(as.director as Context)).areas;
    expect(a).toMatchObject({ code: 'A', schools: 3, visited_month: 2, visited_term: 3 });
  });
});

describe('scores as KPI indicators', () => {
  const means = async (code: string, period: string) => {
    const results = await rollupIndicator(
      database.db,
      await indicatorByCode(database.db, code),
      { codes: ['T', 'A', 'B', 'S1', 'S2'] },
      parsePeriod(period),
      { academicYearStart: 9 },
    );
    return Object.fromEntries(
      results.map((r) => [r.org_unit, r.value === null ? null : Math.round(r.value * 100) / 100]),
    );
  };

  test('the mean level by school, area and authority, by hand from the scores recorded', async () => {
    // November: S1's visit (VIS1 3, VIS2 2, DAT1 1). The autumn term adds S2's (VIS1 3, after its edit).
    expect(await means('visit_mean_leadership', '2026-11')).toEqual({ T: 2, A: 2, B: null, S1: 2, S2: null });
    expect(await means('visit_mean_leadership', '2026-27T1')).toEqual({
      T: 2.25,
      A: 2.25,
      B: null,
      S1: 2,
      S2: 3,
    });
    expect(await means('visit_mean_leadership_vis', '2026-27T1')).toEqual({
      T: 2.67, // (3 + 2 + 3) / 3
      A: 2.67,
      B: null,
      S1: 2.5,
      S2: 3,
    });
  });
});
