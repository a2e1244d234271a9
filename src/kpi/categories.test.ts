// Categories on data values (issue 25): values kept by option combination with the element's total their
// sum, refusals by name, option operands summed over the combinations containing the option, parity
// indices rolled up as summed girls over summed boys, splits, and exports that carry the options.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor, defaultSettings } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { exportKind, importFile } from '../exchange/exchange.ts';
import { indicatorAnalytics } from './analytics.ts';
import { assignCategoryCombo } from './categories.ts';
import { indicatorBreakdown } from './categories-breakdown.ts';
import { csv, loadTinyAuthority } from './test-fixtures.ts';

const actor = operator('test');
let database: Database;
const context = () => contextFor(database.db, actor, { settings: defaultSettings, today: '2026-10-15' });
const analytics = (indicator: string, q: { level?: 'area' | 'authority'; org_unit?: string } = {}) =>
  indicatorAnalytics(context(), {
    indicator,
    period: '2026-10',
    level: q.level,
    orgUnit: q.org_unit,
  });
const importValues = (lines: string[]) =>
  importFile(
    context(),
    'data-values',
    csv('v.csv', ['school_code,period,element,value,category_option_combo', ...lines]),
  );

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  await assignCategoryCombo(context(), 'pupils_enrolled', { combo: 'sex', aggregation: 'sum' });
});
afterEach(() => database.close());

// October 2026 enrolment by sex. Area A: girls 160 + 40 = 200, boys 150 + 60 = 210; area B: girls
// 100 + 30 + 90 = 220, boys 100 + 20 + 110 = 230. Authority: 420 / 440.
const enrolment = [
  'S1,2026-10,pupils_enrolled,160,FEMALE',
  'S1,2026-10,pupils_enrolled,150,MALE',
  'S2,2026-10,pupils_enrolled,40,FEMALE',
  'S2,2026-10,pupils_enrolled,60,MALE',
  'S3,2026-10,pupils_enrolled,100,FEMALE',
  'S3,2026-10,pupils_enrolled,100,MALE',
  'S4,2026-10,pupils_enrolled,30,FEMALE',
  'S4,2026-10,pupils_enrolled,20,MALE',
  'S5,2026-10,pupils_enrolled,90,FEMALE',
  'S5,2026-10,pupils_enrolled,110,MALE',
];

describe('values by option combination', () => {
  test("the issue's payload imports: enrolment kept by sex, the total their sum", async () => {
    const api = await apiAs(database, 'admin', 'T');
    const payload = {
      dataValues: [
        {
          dataElement: 'pupils_enrolled',
          period: '202610',
          orgUnit: 'S1',
          categoryOptionCombo: 'MALE',
          value: '150',
        },
        {
          dataElement: 'pupils_enrolled',
          period: '202610',
          orgUnit: 'S1',
          categoryOptionCombo: 'FEMALE',
          value: '160',
        },
      ],
    };
    const response = await api.send('POST', '/api/v1/data-values', payload);
    expect(response).toMatchObject({ status: 200, body: { rows: 2, inserted: 2 } });
    const [s1] = await analytics('enrolment', { org_unit: 'S1' });
    expect(s1?.value).toBe(310);
    expect((await analytics('girls_enrolled', { org_unit: 'S1' }))[0]?.value).toBe(160);
    expect((await analytics('boys_enrolled', { org_unit: 'S1' }))[0]?.value).toBe(150);
    const kept = await database.db.selectFrom('data_value_option').select('value').orderBy('value').execute();
    expect(kept.map((k) => k.value)).toEqual([150, 160]);
    // A correction to one option changes the total with it.
    await importValues(['S1,2026-10,pupils_enrolled,140,MALE']);
    expect((await analytics('enrolment', { org_unit: 'S1' }))[0]?.value).toBe(300);
    expect((await analytics('enrolment', { level: 'authority' }))[0]?.value).toBe(300);
  });

  test('a value without options for an element with categories is refused by name; nothing is written', async () => {
    const rejected = importValues([
      'S1,2026-10,pupils_enrolled,160,FEMALE',
      'S1,2026-10,pupils_enrolled,310,',
      'S2,2026-10,pupils_enrolled,40,GIRLS',
      'S1,2026-10,sessions_possible,500,FEMALE',
      'S1,2026-10,pupils_enrolled.FEMALE,160,',
    ]);
    await expect(rejected).rejects.toMatchObject({
      problems: [
        {
          row: 3,
          column: 'category_option_combo',
          message: 'pupils_enrolled has categories sex; this row gives none (one of FEMALE, MALE)',
        },
        {
          row: 4,
          column: 'category_option_combo',
          message: 'GIRLS is not an option combination of pupils_enrolled (one of FEMALE, MALE)',
        },
        {
          row: 5,
          column: 'category_option_combo',
          message: 'sessions_possible has no categories; this row gives FEMALE',
        },
        {
          row: 6,
          column: 'element',
          message: "pupils_enrolled.FEMALE is summed from pupils_enrolled's options and cannot be imported",
        },
      ],
    });
    expect(await database.db.selectFrom('data_value_option').selectAll().execute()).toEqual([]);
  });

  test('the same element, school, month and option twice is a duplicate; two options are not', async () => {
    await expect(
      importValues([
        'S1,2026-10,pupils_enrolled,160,FEMALE',
        'S1,2026-10,pupils_enrolled,150,MALE',
        'S1,2026-10,pupils_enrolled,161,FEMALE',
      ]),
    ).rejects.toMatchObject({
      problems: [{ row: 4, message: expect.stringContaining('pupils_enrolled FEMALE for S1 in 2026-10') }],
    });
  });
});

describe('parity indices roll up as summed girls over summed boys', () => {
  test('enrolment parity for schools, areas and the authority, worked by hand', async () => {
    await importValues(enrolment);
    const byArea = await analytics('gender_parity_enrolment', { level: 'area' });
    expect(byArea.map((r) => [r.org_unit, r.numerator, r.denominator])).toEqual([
      ['A', 200, 210],
      ['B', 220, 230],
    ]);
    expect(byArea[0]?.value).toBeCloseTo(200 / 210, 12);
    // Not the mean of the schools' indices: (160/150 + 40/60) / 2 = 0.8667.
    expect(byArea[0]?.value).not.toBeCloseTo((160 / 150 + 40 / 60) / 2, 3);
    const [authority] = await analytics('gender_parity_enrolment', { level: 'authority' });
    expect(authority?.value).toBeCloseTo(420 / 440, 12);
    expect(authority?.band).toBe('amber'); // 0.9545: below parity (0.97), above 0.9
    const [s2] = await analytics('gender_parity_enrolment', { org_unit: 'S2' });
    expect(s2).toMatchObject({ value: 40 / 60, band: 'red' });
    // Boys behind is as far from parity: S1's 160 / 150 = 1.067 is 0.067 from 1, past 0.03, within 0.1.
    const [s1] = await analytics('gender_parity_enrolment', { org_unit: 'S1' });
    expect(s1).toMatchObject({ value: 160 / 150, band: 'amber' });
    expect((await analytics('enrolment', { level: 'authority' }))[0]?.value).toBe(860);
  });

  test('a parity index imported with thresholds that are no distances from 1 is refused by row and column', async () => {
    const attempt = importFile(
      context(),
      'indicators',
      csv('i.csv', [
        'code,name,numerator,denominator,direction,red,amber',
        'gpi_ok,GPI,#{pupils_enrolled.FEMALE},#{pupils_enrolled.MALE},parity,0.1,0.03',
        'gpi_negative,GPI,#{pupils_enrolled.FEMALE},#{pupils_enrolled.MALE},parity,-0.1,0.03',
        'gpi_inverted,GPI,#{pupils_enrolled.FEMALE},#{pupils_enrolled.MALE},parity,0.03,0.1',
      ]),
    );
    await expect(attempt).rejects.toMatchObject({
      problems: [
        { row: 3, column: 'red', reason: expect.stringContaining('distance from 1') },
        { row: 4, column: 'amber', reason: expect.stringContaining('at or within the red one') },
      ],
    });
    const kept = await database.db
      .selectFrom('indicator')
      .select('code')
      .where('code', 'like', 'gpi_%')
      .execute();
    expect(kept).toEqual([]);
  });

  test("attendance parity is girls' rate over boys' rate, each summed before dividing", async () => {
    for (const element of ['sessions_possible', 'sessions_attended'])
      await assignCategoryCombo(context(), element, { combo: 'sex', aggregation: 'sum' });
    await importValues([
      'S1,2026-10,sessions_possible,500,FEMALE',
      'S1,2026-10,sessions_possible,500,MALE',
      'S1,2026-10,sessions_attended,480,FEMALE',
      'S1,2026-10,sessions_attended,470,MALE',
      'S2,2026-10,sessions_possible,40,FEMALE',
      'S2,2026-10,sessions_possible,60,MALE',
      'S2,2026-10,sessions_attended,20,FEMALE',
      'S2,2026-10,sessions_attended,30,MALE',
    ]);
    // Area A: girls 500 / 540, boys 500 / 560.
    const [a] = await analytics('gender_parity_attendance', { org_unit: 'A' });
    expect(a?.value).toBeCloseTo(500 / 540 / (500 / 560), 12);
    const [girls] = await analytics('girls_attendance_rate', { org_unit: 'A' });
    expect(girls?.value).toBeCloseTo((100 * 500) / 540, 12);
    // The whole is still the sum: 1000 / 1100 as before the values were split.
    expect((await analytics('attendance_rate', { org_unit: 'A' }))[0]?.value).toBeCloseTo(
      (100 * 1000) / 1100,
      12,
    );
    const split = await indicatorBreakdown(context(), {
      indicator: 'attendance_rate',
      period: '2026-10',
      org_unit: 'A',
    });
    expect(split.category).toBe('sex');
    expect(split.options.map((o) => [o.option, o.numerator, o.denominator])).toEqual([
      ['FEMALE', 500, 540],
      ['MALE', 500, 560],
    ]);
    expect(split.total.value).toBeCloseTo((100 * 1000) / 1100, 12);
    await expect(
      indicatorBreakdown(context(), {
        indicator: 'attendance_rate',
        period: '2026-10',
        org_unit: 'A',
        by: 'grade',
      }),
    ).rejects.toThrow('attendance_rate cannot be split by grade: it can be by sex');
  });
});

test('an option in several combinations sums over all of them (#{element.FEMALE} in sex by grade)', async () => {
  await database.db
    .insertInto('data_element')
    .values({ code: 'pupils_by_grade', name: 'Pupils by grade', aggregation: 'last' })
    .execute();
  const assigned = await assignCategoryCombo(context(), 'pupils_by_grade', {
    combo: 'sex_grade',
    aggregation: 'sum',
  });
  expect(assigned.operands).toContain('pupils_by_grade.FEMALE_G1');
  await importValues([
    'S1,2026-10,pupils_by_grade,10,FEMALE_G1',
    'S1,2026-10,pupils_by_grade,12,FEMALE_G2',
    'S1,2026-10,pupils_by_grade,9,MALE_G1',
    'S1,2026-10,pupils_by_grade,11,MALE_G2',
    'S2,2026-10,pupils_by_grade,5,FEMALE_G1',
  ]);
  await importFile(
    context(),
    'indicators',
    csv('i.csv', [
      'code,name,numerator,denominator,direction',
      'girls_by_grade,Girls,#{pupils_by_grade.FEMALE},1,higher',
      'grade_one,Grade 1,#{pupils_by_grade.G1},1,higher',
      'girls_grade_one,Girls in grade 1,#{pupils_by_grade.FEMALE_G1},1,higher',
      'all_by_grade,All,#{pupils_by_grade},1,higher',
    ]),
  );
  const value = async (indicator: string) => (await analytics(indicator, { org_unit: 'A' }))[0]?.value;
  expect(await value('girls_by_grade')).toBe(27); // 10 + 12 + 5
  expect(await value('grade_one')).toBe(24); // 10 + 9 + 5
  expect(await value('girls_grade_one')).toBe(15); // 10 + 5
  expect(await value('all_by_grade')).toBe(47);
  const split = await indicatorBreakdown(context(), {
    indicator: 'all_by_grade',
    period: '2026-10',
    org_unit: 'S1',
    by: 'grade',
  });
  expect(split.categories.map((c) => c.code)).toEqual(['grade', 'sex']);
  expect(split.options.slice(0, 3).map((o) => [o.option, o.value])).toEqual([
    ['G1', 19],
    ['G2', 23],
    ['G3', null],
  ]);
});

test('exports carry the options and import again unchanged', async () => {
  await importValues(enrolment);
  const exported = await exportKind(context(), 'data-values');
  expect(exported.columns).toEqual(['school_code', 'period', 'element', 'value', 'category_option_combo']);
  const s1 = exported.rows.filter((r) => r.school_code === 'S1');
  expect(s1).toEqual([
    {
      school_code: 'S1',
      period: '2026-10',
      element: 'pupils_enrolled',
      category_option_combo: 'FEMALE',
      value: 160,
    },
    {
      school_code: 'S1',
      period: '2026-10',
      element: 'pupils_enrolled',
      category_option_combo: 'MALE',
      value: 150,
    },
    {
      school_code: 'S1',
      period: '2026-10',
      element: 'sessions_attended',
      category_option_combo: null,
      value: 950,
    },
    {
      school_code: 'S1',
      period: '2026-10',
      element: 'sessions_possible',
      category_option_combo: null,
      value: 1000,
    },
  ]);
  const lines = exported.rows.map((r) =>
    [r.school_code, r.period, r.element, r.value, r.category_option_combo ?? ''].join(','),
  );
  expect(await importValues(lines)).toMatchObject({ inserted: 0, updated: 0, unchanged: lines.length });
});

test('an element loses its categories only once no value is kept by option', async () => {
  await importValues(['S1,2026-10,pupils_enrolled,160,FEMALE']);
  await expect(
    assignCategoryCombo(context(), 'pupils_enrolled', { combo: 'default', aggregation: 'sum' }),
  ).rejects.toThrow('pupils_enrolled has 1 values kept by option');
  await expect(
    assignCategoryCombo(context(), 'pupils_enrolled', { combo: 'age', aggregation: 'sum' }),
  ).rejects.toThrow('age is not a category combination');
});
