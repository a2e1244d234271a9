import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor, defaultSettings } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { indicatorAnalytics, schoolsCausingConcern } from './analytics.ts';
import { csv, loadTinyAuthority } from './test-fixtures.ts';

const actor = operator('test');
const settings = defaultSettings;
let database: Database;
beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
});
afterEach(() => database.close());

const context = () => contextFor(database.db, actor, { settings, today: '2026-10-15' });
const analytics = (q: Parameters<typeof indicatorAnalytics>[1]) => indicatorAnalytics(context(), q);

describe('an indicator at a higher level', () => {
  test('an area is the ratio of summed sessions, not the mean of school rates', async () => {
    const [a, b] = await analytics({ indicator: 'attendance_rate', period: '2026-10', level: 'area' });
    // Area A: (950 + 50) / (1000 + 100) = 90.909...%; the mean of 95% and 50% would be 72.5%.
    expect(a).toMatchObject({ org_unit: 'A', numerator: 1000, denominator: 1100 });
    expect(a?.value).toBeCloseTo((100 * 1000) / 1100, 10);
    expect(a?.band).toBe('amber');
    // Area B: S5 is missing, not zero: (380 + 190) / (400 + 200) = 95%, from 2 of 3 school-months.
    expect(b?.value).toBeCloseTo(95, 10);
    expect(b?.completeness).toEqual({ reported: 2, expected: 3, rate: 2 / 3 });
    const [authority] = await analytics({
      indicator: 'attendance_rate',
      period: '2026-10',
      level: 'authority',
    });
    expect(authority?.value).toBeCloseTo((100 * 1570) / 1700, 10);
    expect(authority?.completeness).toEqual({ reported: 4, expected: 5, rate: 0.8 });
  });

  test('a trust is the ratio of its member schools’ sums', async () => {
    await importFile(
      contextFor(database.db, actor),
      'schools',
      csv('t.csv', [
        'code,name,phase,area_code,trust_code,trust_name',
        'S2,Small School,primary,A,TR,Tiny Trust',
        'S3,Third School,primary,B,TR,',
      ]),
    );
    const [trust] = await analytics({ indicator: 'attendance_rate', period: '2026-10', level: 'trust' });
    expect(trust).toMatchObject({ org_unit: 'TR', level: 'trust', numerator: 430, denominator: 500 });
  });

  test('a school with no data has no value, and completeness says why', async () => {
    const [s5] = await analytics({ indicator: 'attendance_rate', period: '2026-10', orgUnit: 'S5' });
    expect(s5).toMatchObject({
      value: null,
      band: null,
      numerator: null,
      completeness: { reported: 0, expected: 1, rate: 0 },
    });
  });
});

describe('aggregation over time', () => {
  test('over a term, stocks take their latest month and flows are summed', async () => {
    await importFile(
      contextFor(database.db, actor),
      'data-values',
      csv('t.csv', [
        'school_code,period,element,value',
        'S1,2026-09,pupils_enrolled,200',
        'S1,2026-10,pupils_enrolled,210',
        'S1,2026-11,pupils_enrolled,205',
        'S1,2026-09,sessions_possible,800',
        'S1,2026-09,sessions_attended,700',
        'S1,2026-09,teachers_in_post,10',
        'S1,2026-12,teachers_in_post,8',
      ]),
    );
    // Autumn term 2026-27T1 is September to December; S1 reported no enrolment in December.
    const [enrolment] = await analytics({ indicator: 'enrolment', period: '2026-27T1', orgUnit: 'S1' });
    expect(enrolment?.value).toBe(205);
    const [attendance] = await analytics({
      indicator: 'attendance_rate',
      period: '2026-27T1',
      orgUnit: 'S1',
    });
    expect(attendance).toMatchObject({ numerator: 950 + 700, denominator: 1000 + 800 });
    const [ratio] = await analytics({ indicator: 'pupil_teacher_ratio', period: '2026-27T1', orgUnit: 'S1' });
    expect(ratio?.value).toBe(205 / 8);
    expect(attendance?.completeness).toEqual({ reported: 2, expected: 4, rate: 0.5 });
  });
});

describe('bands, targets and trends', () => {
  test('band edges: exactly on the red line is amber, just below is red', async () => {
    await importFile(
      contextFor(database.db, actor),
      'data-values',
      csv('e.csv', [
        'school_code,period,element,value',
        'S1,2026-11,sessions_possible,1000',
        'S1,2026-11,sessions_attended,900',
        'S2,2026-11,sessions_possible,10000',
        'S2,2026-11,sessions_attended,8999',
        'S3,2026-11,sessions_possible,100',
        'S3,2026-11,sessions_attended,94',
      ]),
    );
    const results = await analytics({ indicator: 'attendance_rate', period: '2026-11', level: 'school' });
    const band = (code: string) => results.find((r) => r.org_unit === code)?.band;
    expect([band('S1'), band('S2'), band('S3'), band('S4')]).toEqual(['amber', 'red', 'green', null]);
  });

  test('targets come from the unit or else its nearest ancestor, for the academic year of the period', async () => {
    await importFile(
      contextFor(database.db, actor),
      'targets',
      csv('t.csv', [
        'indicator,org_unit_code,academic_year,value',
        'attendance_rate,T,2026-27,95',
        'attendance_rate,B,2026-27,96',
        'attendance_rate,A,2025-26,90',
      ]),
    );
    const results = await analytics({ indicator: 'attendance_rate', period: '2026-10', level: 'area' });
    expect(results.map((r) => [r.org_unit, r.target])).toEqual([
      ['A', 95],
      ['B', 96],
    ]);
  });

  test('falling absence is improving; too few months is insufficient data', async () => {
    const lines = ['school_code,period,element,value'];
    // S1's attended sessions rise each month from May: absence falls from 12% to 5%.
    const attended = { '2026-05': 880, '2026-06': 900, '2026-07': 920, '2026-08': 930, '2026-09': 940 };
    for (const [month, value] of Object.entries(attended))
      lines.push(`S1,${month},sessions_possible,1000`, `S1,${month},sessions_attended,${value}`);
    await importFile(contextFor(database.db, actor), 'data-values', csv('trend.csv', lines));
    const [absence] = await analytics({ indicator: 'absence_rate', period: '2026-10', orgUnit: 'S1' });
    // Absence by month: 12, 10, 8, 7, 6, 5. The 15 pairwise slopes, sorted: -2, -2, -2, -5/3, -1.5,
    // -1.5, -1.4, -4/3, -1.25 and six of -1; Theil-Sen takes the median, the 8th: -4/3.
    // Falling (▼) and, lower being better, improving: the arrow and the word from one rule.
    expect(absence?.trend).toMatchObject({ direction: 'improving', arrow: '▼', points: 6, periods: 6 });
    expect(absence?.trend.slope).toBeCloseTo(-4 / 3, 10);
    const [attendance] = await analytics({ indicator: 'attendance_rate', period: '2026-10', orgUnit: 'S1' });
    expect(attendance?.trend).toMatchObject({ direction: 'improving', arrow: '▲' });
    const [s2] = await analytics({ indicator: 'attendance_rate', period: '2026-10', orgUnit: 'S2' });
    expect(s2?.trend).toEqual({
      direction: 'insufficient data',
      arrow: null,
      slope: null,
      points: 1,
      periods: 6,
    });
  });
});

describe('causes for concern', () => {
  test('red two months running fires; red once does not; two silent months is missing data', async () => {
    await importFile(
      contextFor(database.db, actor),
      'data-values',
      csv('c.csv', [
        'school_code,period,element,value',
        'S2,2026-09,sessions_possible,100',
        'S2,2026-09,sessions_attended,60', // red in September and October
        'S3,2026-09,sessions_possible,100',
        'S3,2026-09,sessions_attended,60', // red in September only
      ]),
    );
    const concerns = await schoolsCausingConcern(context(), { period: '2026-10' });
    const summary = concerns.map((c) => [c.school, c.rule, c.indicator]);
    expect(summary).toContainEqual(['S2', 'red_two_periods', 'attendance_rate']);
    expect(summary).toContainEqual(['S2', 'red_two_periods', 'absence_rate']);
    expect(summary.filter(([school]) => school === 'S3')).toEqual([]);
    expect(summary).toContainEqual(['S5', 'missing_data', null]);
    const red = concerns.find((c) => c.school === 'S2' && c.indicator === 'attendance_rate');
    expect(red?.reason).toBe('Pupil attendance rate red in 2026-09 (60.0%) and 2026-10 (50.0%)');
    // In area A only S2 is of concern.
    const inA = await schoolsCausingConcern(context(), { area: 'A', period: '2026-10' });
    expect(new Set(inA.map((c) => c.school))).toEqual(new Set(['S2']));
  });

  test('a steep decline fires; a small one does not', async () => {
    const lines = ['school_code,period,element,value'];
    const s1 = [960, 955, 950, 948, 951]; // S1 Oct is 950: a small wobble
    const s4 = [990, 980, 970, 960, 950]; // S4 Oct is 190/200 = 95%: falling 1 point a month
    ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09'].forEach((month, i) => {
      lines.push(`S1,${month},sessions_possible,1000`, `S1,${month},sessions_attended,${s1[i]}`);
      lines.push(`S4,${month},sessions_possible,1000`, `S4,${month},sessions_attended,${s4[i]}`);
    });
    await importFile(context(), 'data-values', csv('d.csv', lines));
    const concerns = await schoolsCausingConcern(context(), { period: '2026-10' });
    const declining = concerns.filter((c) => c.rule === 'declining' && c.indicator === 'attendance_rate');
    expect(declining.map((c) => c.school)).toEqual(['S4']);
    expect(declining[0]?.figures).toMatchObject({
      slope_per_period: -1,
      periods: 6,
      drop: 5,
      concern_drop: 2,
    });
  });
});
