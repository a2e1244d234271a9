// Strengths on the tiny authority (T > A {S1, S2}, B {S3, S4, S5}), each source worked by hand: S3's
// attendance green and rising month on month while it is in special measures; S1's KS4 value added lifted
// well above the rest; S2's curriculum scored 4 and 3 at a visit; S4's legacy leadership judged good under
// an inadequate overall grade; S5's attendance declared by its head and confirmed by area B's lead. Then
// the declare/decide flow and who may do what, and S3's head matched to S2's attendance need.
import { beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { matchNeeds } from '../brokering/match.ts';
import { matchInputs, openNeeds } from '../brokering/proposals.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { seededRandom } from '../random.ts';
import { simulateCohort } from '../value-added/simulate.ts';
import { fiveSchoolModel } from '../value-added/test-fixtures.ts';
import { fitCohort } from '../value-added/value-added.ts';
import type { DeclaredStrength, StrengthPage } from './contract.ts';
import {
  confirmedDeclaredQuery,
  inspectionStrengthsQuery,
  openSchoolsQuery,
  rubricStrengthsQuery,
} from './queries.ts';
import { schoolStrengths } from './strengths.ts';

const today = '2026-11-27';
let database: Database;
let as: Callers;
const operatorContext = () => contextFor(database.db, operator('test'), { today });
const load = (kind: string, lines: string[]) =>
  importFile(operatorContext(), kind, csv(`${kind}.csv`, lines));

const areas =
  'inclusion,curriculum_and_teaching,achievement,attendance_and_behaviour,personal_development,leadership_and_governance';

async function loadStrengths() {
  // S3: 360, 366, 370, 374, 378 of 400 from May to September, and 380 in October (the fixture's):
  // 90% rising to 95%, green (94 and above) and improving.
  const rising = [360, 366, 370, 374, 378];
  await load('data-values', [
    'school_code,period,element,value',
    ...rising.flatMap((attended, i) => [
      `S3,2026-0${i + 5},sessions_possible,400`,
      `S3,2026-0${i + 5},sessions_attended,${attended}`,
    ]),
    // S2's attendance is red (50%) in October: a practice need in attendance.
  ]);
  await load('people', ['code,given_name,family_name,email', 'P5,Sal,Three,', 'P6,Tam,Two,', 'P7,Fay,Five,']);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'P4,S1,headteacher,2015-09-01,,1',
    'P6,S2,headteacher,2016-09-01,,1',
    'P5,S3,headteacher,2017-09-01,,1',
    'P7,S5,headteacher,2019-09-01,,1',
  ]);
  await load('inspections', [
    `school_code,inspected_on,framework,overall,leadership,category,safeguarding,${areas},early_years,sixth_form`,
    // S3: a report card in special measures (urgent improvement in achievement), strong in attendance and behaviour.
    `S3,2026-03-01,ofsted-2025,,,special_measures,met,expected_standard,expected_standard,urgent_improvement,strong_standard,expected_standard,needs_attention,,`,
    // S4: legacy inadequate overall, leadership good: a strength in leadership alone.
    `S4,2025-06-01,ofsted-legacy,inadequate,good,serious_weaknesses,,,,,,,,,`,
    // S1: legacy outstanding overall with no leadership grade: the overall grade is no strength.
    `S1,2024-01-10,ofsted-legacy,outstanding,,,,,,,,,,,`,
  ]);
  // KS4 pupils, S1's lifted by 12 points: its value added is significantly above, the others' not.
  const lines = ['pupil_id,school_code,academic_year,stage,outcome,prior_attainment'];
  simulateCohort(
    seededRandom(24),
    fiveSchoolModel,
    (i) => `S${i + 1}`,
    (p) => {
      lines.push(
        [p.pupil, p.school, '2025-26', 'KS4', p.outcome + (p.school === 'S1' ? 12 : 0), p.prior].join(','),
      );
    },
  );
  await load('pupil-results', lines);
  // S2: a recorded leadership visit scoring curriculum 4 and 3 (3.5 of 4), vision 3 and 3 (3.0: not a strength).
  const db = database.db;
  const rubric = await db
    .selectFrom('rubric')
    .select('id')
    .where('code', '=', 'LEADERSHIP')
    .executeTakeFirstOrThrow();
  const s2 = await db.selectFrom('org_unit').select('id').where('code', '=', 'S2').executeTakeFirstOrThrow();
  const visit = await db
    .insertInto('visit')
    .values({
      client_id: 'strengths-test',
      school_unit_id: s2.id,
      visit_on: '2026-10-14',
      visit_type: 'supervision',
      status: 'recorded',
      rubric_id: rubric.id,
      purpose: 'Termly supervision',
      strengths: '',
      development: '',
      recorded_by: 'test',
      created_on: '2026-10-14',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criteria = await db
    .selectFrom('rubric_criterion as c')
    .innerJoin('rubric_section as s', 's.id', 'c.section_id')
    .select(['c.id', 'c.code'])
    .where('s.rubric_id', '=', rubric.id)
    .where('c.code', 'in', ['CUR1', 'CUR2', 'VIS1', 'VIS2'])
    .execute();
  const levels: Record<string, number> = { CUR1: 4, CUR2: 3, VIS1: 3, VIS2: 3 };
  await db
    .insertInto('visit_score')
    .values(
      criteria.map((c) => ({
        visit_id: visit.id,
        criterion_id: c.id,
        level: levels[c.code] as number,
        evidence: 'seen',
      })),
    )
    .execute();
}

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
  await loadStrengths();
});

describe('strengths found from the data', () => {
  it('finds each source by hand, naming its practice area and evidence, never from an overall grade', async () => {
    const fit = await fitCohort(database.db, { stage: 'KS4', academicYear: '2025-26' });
    const above = fit.model.schools.filter((s) => s.lower > 0).map((s) => s.school);
    expect(above).toEqual(['S1']);
    const s1 = fit.model.schools.find((s) => s.school === 'S1');
    const found = await schoolStrengths(operatorContext(), { on: today });
    const bySchool = Object.fromEntries(found.map((s) => [s.school, s.strengths]));
    expect(bySchool).toEqual({
      S1: [
        {
          practice_area: 'progress',
          source: 'value_added',
          measure: 'KS4',
          evidence: `Value added significantly above in KS4 2025-26: ${s1?.effect.toFixed(2)} (95% interval ${s1?.lower.toFixed(2)} to ${s1?.upper.toFixed(2)})`,
        },
      ],
      S2: [
        {
          practice_area: 'curriculum',
          source: 'visit',
          measure: 'LEADERSHIP/CUR',
          evidence:
            'Visits: Curriculum leadership scored 3.5 of 4 on average (2 scores, 1 visit on 2026-10-14)',
        },
      ],
      S3: [
        // Absence is attendance's mirror: both speak for attendance, each with its own figure.
        {
          practice_area: 'attendance',
          source: 'indicator',
          measure: 'absence_rate',
          evidence:
            'Pupil absence rate 5.0% in 2026-10, green and improving over 6 months (from 10.0% in 2026-05)',
        },
        {
          practice_area: 'attendance',
          source: 'indicator',
          measure: 'attendance_rate',
          evidence:
            'Pupil attendance rate 95.0% in 2026-10, green and improving over 6 months (from 90.0% in 2026-05)',
        },
        {
          practice_area: 'attendance',
          source: 'inspection',
          measure: 'attendance_and_behaviour',
          evidence: 'Inspected on 2026-03-01: attendance and behaviour strong standard',
        },
        {
          practice_area: 'behaviour',
          source: 'inspection',
          measure: 'attendance_and_behaviour',
          evidence: 'Inspected on 2026-03-01: attendance and behaviour strong standard',
        },
      ],
      S4: [
        {
          practice_area: 'leadership',
          source: 'inspection',
          measure: 'leadership',
          evidence: 'Inspected on 2025-06-01: leadership good',
        },
      ],
    });
    // A visit score a year and a day old no longer counts.
    const later = await schoolStrengths(operatorContext(), { on: '2027-10-15' });
    expect(later.find((s) => s.school === 'S2')).toBeUndefined();
  });

  it('a rubric section is a strength at the configured share of the top level', async () => {
    const strict = contextFor(database.db, operator('test'), {
      today,
      settings: { academicYearStart: 9, chromiumPath: '', strengthRubricShare: 0.9 },
    });
    const found = await schoolStrengths(strict, { on: today });
    expect(found.find((s) => s.school === 'S2')).toBeUndefined();
  });

  it('the list filters by school, area and practice area, counts per practice area, and keeps to scope', async () => {
    const all = (await as.director.get(`/api/v1/strengths?on=${today}`)).body as StrengthPage;
    expect(all).toMatchObject({ total: 7, schools: 4 });
    expect(all.by_practice_area).toEqual({
      progress: 1,
      curriculum: 1,
      attendance: 3,
      behaviour: 1,
      leadership: 1,
    });
    const attendance = (await as.director.get(`/api/v1/strengths?on=${today}&practice_area=attendance`))
      .body as StrengthPage;
    expect(attendance.rows.map((r) => [r.school, r.source])).toEqual([
      ['S3', 'indicator'],
      ['S3', 'indicator'],
      ['S3', 'inspection'],
    ]);
    expect(attendance.by_practice_area).toEqual(all.by_practice_area);
    const areaA = (await as.leadA.get(`/api/v1/strengths?on=${today}`)).body as StrengthPage;
    expect(areaA.rows.map((r) => r.school)).toEqual(['S1', 'S2']);
    expect((await as.leadA.get('/api/v1/strengths?school=S3')).status).toBe(404);
    expect((await as.leadA.get('/api/v1/strengths?area=B')).status).toBe(404);
    const own = (await as.headS1.get(`/api/v1/strengths?on=${today}`)).body as StrengthPage;
    expect(own.rows.map((r) => r.school)).toEqual(['S1']);
  });
});

describe('declared strengths', () => {
  it('a head declares for their own school, the area lead confirms, and only then is it offered', async () => {
    const headS5 = await apiAs(database, 'headteacher', 'S5', 'P7');
    const evidence = 'First-day calls and a breakfast club took attendance from 91% to 96% in two years.';
    const declared = await headS5.send('POST', '/api/v1/strengths/declared', {
      school: 'S5',
      practice_area: 'attendance',
      evidence,
    });
    expect(declared.status).toBe(201);
    const row = declared.body as DeclaredStrength;
    expect(row).toMatchObject({ school: 'S5', status: 'awaiting', practice_area_name: 'Attendance' });
    // Not for another school, not twice, not without evidence.
    expect(
      (
        await headS5.send('POST', '/api/v1/strengths/declared', {
          school: 'S4',
          practice_area: 'attendance',
          evidence,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await headS5.send('POST', '/api/v1/strengths/declared', {
          school: 'S5',
          practice_area: 'attendance',
          evidence,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await headS5.send('POST', '/api/v1/strengths/declared', {
          school: 'S5',
          practice_area: 'behaviour',
          evidence: 'good',
        })
      ).status,
    ).toBe(400);
    // An area lead declares nothing; the head decides nothing.
    expect(
      (
        await as.leadB.send('POST', '/api/v1/strengths/declared', {
          school: 'S5',
          practice_area: 'behaviour',
          evidence,
        })
      ).status,
    ).toBe(403);
    expect(
      (await headS5.send('POST', `/api/v1/strengths/declared/${row.id}/decision`, { decision: 'confirm' }))
        .status,
    ).toBe(403);
    // Awaiting: in the queue, not offered.
    const queue = (await as.leadB.get('/api/v1/strengths/declared?status=awaiting')).body;
    expect(queue.declared.map((d: DeclaredStrength) => d.id)).toEqual([row.id]);
    expect((await as.leadA.get('/api/v1/strengths/declared?status=awaiting')).body.declared).toEqual([]);
    expect(
      (await as.leadA.send('POST', `/api/v1/strengths/declared/${row.id}/decision`, { decision: 'confirm' }))
        .status,
    ).toBe(404);
    const before = (await as.leadB.get(`/api/v1/strengths?school=S5&on=${today}`)).body as StrengthPage;
    expect(before.total).toBe(0);
    const confirmed = await as.leadB.send('POST', `/api/v1/strengths/declared/${row.id}/decision`, {
      decision: 'confirm',
      reason: 'Seen at the October visit',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', reason: 'Seen at the October visit' });
    expect(
      (
        await as.leadB.send('POST', `/api/v1/strengths/declared/${row.id}/decision`, {
          decision: 'decline',
          reason: 'no',
        })
      ).status,
    ).toBe(409);
    const after = (await as.leadB.get('/api/v1/strengths?school=S5')).body as StrengthPage;
    expect(after.rows).toEqual([
      expect.objectContaining({
        practice_area: 'attendance',
        source: 'declared',
        measure: String(row.id),
        evidence: `Declared, confirmed on ${confirmed.body.decided_on}: ${evidence}`,
      }),
    ]);
    // Audited: the declaration and the decision, each with the row's change.
    const events = await database.db
      .selectFrom('audit_event')
      .select(['action', 'entity'])
      .where('entity', '=', 'declared-strength')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['declare', 'confirm']);
    const changes = await database.db
      .selectFrom('audit_change')
      .select('operation')
      .where('table_name', '=', 'declared_strength')
      .execute();
    expect(changes).toHaveLength(2);
  });

  it('a trust lead declares for the trust’s schools; declining needs a reason and offers nothing', async () => {
    await load('schools', [
      'code,name,phase,area_code,trust_code,trust_name',
      'S4,Fourth School,primary,B,TR1,One Trust',
    ]);
    const trustLead = await apiAs(database, 'director', 'TR1');
    const evidence = 'Our behaviour policy is used across the trust and exclusions have halved.';
    const declared = await trustLead.send('POST', '/api/v1/strengths/declared', {
      school: 'S4',
      practice_area: 'behaviour',
      evidence,
    });
    expect(declared.status).toBe(201);
    expect(
      (
        await trustLead.send('POST', '/api/v1/strengths/declared', {
          school: 'S3',
          practice_area: 'behaviour',
          evidence,
        })
      ).status,
    ).toBe(404);
    // The trust's lead does not confirm its own schools' strengths.
    expect(
      (
        await trustLead.send('POST', `/api/v1/strengths/declared/${declared.body.id}/decision`, {
          decision: 'confirm',
        })
      ).status,
    ).toBe(403);
    const path = `/api/v1/strengths/declared/${declared.body.id}/decision`;
    expect((await as.leadB.send('POST', path, { decision: 'decline' })).status).toBe(400);
    const declined = await as.leadB.send('POST', path, {
      decision: 'decline',
      reason: 'No evidence beyond the policy yet',
    });
    expect(declined.body).toMatchObject({ status: 'declined', reason: 'No evidence beyond the policy yet' });
    const s4 = (await as.director.get('/api/v1/strengths?school=S4')).body as StrengthPage;
    expect(s4.rows.map((r) => r.source)).toEqual(['inspection']);
    // Declined, it may be declared again.
    expect(
      (
        await trustLead.send('POST', '/api/v1/strengths/declared', {
          school: 'S4',
          practice_area: 'behaviour',
          evidence,
        })
      ).status,
    ).toBe(201);
  });
});

describe('any school offers', () => {
  it('S3, in special measures with green improving attendance, is matched to S2’s attendance need', async () => {
    const context = contextFor(database.db, operator('test'), { today });
    const inputs = await matchInputs(context, today, { refresh: true });
    const needs = (await openNeeds(context, inputs, undefined)).filter(
      (n) => n.kind === 'practice' && n.indicator === 'attendance_rate',
    );
    expect(needs.map((n) => n.school.code)).toEqual(['S2']);
    const host = inputs.leaders.find((l) => l.code === 'P5');
    expect(host).toMatchObject({ host: true, roles: ['practice'] });
    expect(host?.school?.inspections[0]?.category).toBe('special_measures');
    const result = await matchNeeds(needs, inputs.leaders, inputs.settings);
    expect(result.pairs.map((p) => [p.school, p.leader])).toEqual([['S2', 'P5']]);
    expect(result.pairs[0]?.reasons).toContain(
      'Own school strong in attendance where this one is weak: Pupil attendance rate 95.0% in 2026-10, green and improving over 6 months (from 90.0% in 2026-05)',
    );
  });
});

describe('the SQL, as committed snapshots', () => {
  it('rubric sections, inspection areas, confirmed declarations and open schools', async () => {
    await expect(
      sqlSnapshot(rubricStrengthsQuery('2026-11-27', 0.85).compile(compilingDb)),
    ).toMatchFileSnapshot('./__snapshots__/rubric-strengths.sql');
    await expect(
      sqlSnapshot(inspectionStrengthsQuery('2026-11-27').compile(compilingDb)),
    ).toMatchFileSnapshot('./__snapshots__/inspection-strengths.sql');
    await expect(sqlSnapshot(confirmedDeclaredQuery('2026-11-27').compile(compilingDb))).toMatchFileSnapshot(
      './__snapshots__/confirmed-declared.sql',
    );
    await expect(sqlSnapshot(openSchoolsQuery('2026-11-27').compile(compilingDb))).toMatchFileSnapshot(
      './__snapshots__/strength-schools.sql',
    );
  });
});
