import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { csv, loadTinyAuthority } from './test-fixtures.ts';

let database: Database;
let request: Awaited<ReturnType<typeof apiAs>>['request'];
let get: Awaited<ReturnType<typeof apiAs>>['get'];
beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  ({ request, get } = await apiAs(database, 'analyst', 'T'));
});
afterEach(() => database.close());
const post = async (path: string, body: unknown) => {
  const response = await request(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, body: await response.json() };
};

describe('analytics API', () => {
  test('one row per area with the ratio of sums, band, completeness and trend', async () => {
    const { status, body } = await get(
      '/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=area',
    );
    expect(status).toBe(200);
    expect(
      body.results.map((r: { org_unit: string; numerator: number; denominator: number; band: string }) => [
        r.org_unit,
        r.numerator,
        r.denominator,
        r.band,
      ]),
    ).toEqual([
      ['A', 1000, 1100, 'amber'],
      ['B', 570, 600, 'green'],
    ]);
    expect(body.results[1].completeness).toEqual({ reported: 2, expected: 3, rate: 2 / 3 });
    expect(body.results[0].trend.direction).toBe('insufficient data');
    expect(body.results[0].series).toHaveLength(6);

    // Without the series: the same figures, none of the trend window's rows.
    const lean = await get(
      '/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=area&series=false',
    );
    expect(lean.body.results.map((r: { series: unknown[] }) => r.series)).toEqual([[], []]);
    expect(lean.body.results.map((r: { value: number }) => r.value)).toEqual(
      body.results.map((r: { value: number }) => r.value),
    );
  });

  test('org_unit with children gives the units directly under it', async () => {
    const { body } = await get(
      '/api/v1/analytics?indicator=attendance_rate&period=2026-10&org_unit=B&children=true',
    );
    expect(
      body.results.map((r: { org_unit: string; value: number | null }) => [r.org_unit, r.value]),
    ).toEqual([
      ['S5', null],
      ['S4', 95],
      ['S3', 95],
    ]);
  });

  test('unknown indicators, org units and periods are explained', async () => {
    expect((await get('/api/v1/analytics?indicator=nope&period=2026-10')).status).toBe(404);
    expect((await get('/api/v1/analytics?indicator=attendance_rate&period=2026-10&org_unit=ZZ')).status).toBe(
      404,
    );
    const bad = await get('/api/v1/analytics?indicator=attendance_rate&period=October');
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid' } } });
    expect(bad.body.error.message).toContain('"October" is not a period');
  });

  test('as CSV, a school name a spreadsheet would run is quoted; a negative figure stays a plain number', async () => {
    const { importFile } = await import('../exchange/exchange.ts');
    const { operator } = await import('../auth/actor.ts');
    const { csv } = await import('./test-fixtures.ts');
    await importFile(
      contextFor(database.db, operator('test')),
      'schools',
      csv('s.csv', ['code,name,phase,area_code', 'S1,-Minus School,primary,A', 'S2,@SUM(1),primary,A']),
    );
    // Sessions missed, as a negative count: S1 attended 950 of 1000, S2 50 of 100.
    const indicator = {
      code: 'sessions_short',
      name: 'Sessions short',
      numerator: '#{sessions_attended} - #{sessions_possible}',
      direction: 'higher',
    };
    expect((await post('/api/v1/indicators', [indicator])).status).toBe(200);
    const response = await request(
      '/api/v1/analytics?indicator=sessions_short&period=2026-10&org_unit=A&children=true&format=csv',
    );
    expect(response.status).toBe(200);
    const [header = [], ...rows] = parse(await response.text()) as string[][];
    const column = (name: string) => rows.map((r) => r[header.indexOf(name)]);
    expect(column('org_unit')).toEqual(['S1', 'S2']);
    expect(column('name')).toEqual(["'-Minus School", "'@SUM(1)"]);
    expect(column('value')).toEqual(['-50', '-50']);
    expect(column('numerator')).toEqual(['-50', '-50']);
  });

  test("a school's monthly series, and concerns", async () => {
    const { body } = await get('/api/v1/schools/S2/indicators?from=2026-09&to=2026-10');
    const attendance = body.indicators.find((i: { indicator: string }) => i.indicator === 'attendance_rate');
    expect(attendance.values).toEqual([
      { period: '2026-09', value: null, numerator: null, denominator: null },
      { period: '2026-10', value: 50, numerator: 50, denominator: 100 },
    ]);
    expect((await get('/api/v1/schools/A/indicators?from=2026-09&to=2026-10')).status).toBe(404);
    const concerns = await get('/api/v1/concerns?area=B&period=2026-10');
    expect(concerns.status).toBe(200);
    // S5 sent nothing for September or October; S3 and S4 reported in October.
    expect(concerns.body.concerns.map((c: { school: string; rule: string }) => [c.school, c.rule])).toEqual([
      ['S5', 'missing_data'],
    ]);
  });
});

describe('pushing data values', () => {
  test('DHIS2 dataValueSets: periods like 202611 and codes; re-sending changes nothing', async () => {
    const payload = {
      dataValues: [
        { dataElement: 'sessions_possible', period: '202611', orgUnit: 'S5', value: '300' },
        { dataElement: 'sessions_attended', period: '202611', orgUnit: 'S5', value: '270' },
      ],
    };
    expect(await post('/api/v1/data-values', payload)).toEqual({
      status: 200,
      body: { kind: 'data-values', rows: 2, inserted: 2, updated: 0, unchanged: 0, dryRun: false },
    });
    expect((await post('/api/v1/data-values', payload)).body).toMatchObject({ inserted: 0, unchanged: 2 });
    const { body } = await get('/api/v1/analytics?indicator=attendance_rate&period=2026-11&org_unit=S5');
    expect(body.results[0].value).toBe(90);
  });

  test("Headway's own rows; any bad value rejects the whole request", async () => {
    const response = await post('/api/v1/data-values', [
      { school_code: 'S1', period: '2026-11', element: 'sessions_possible', value: 10 },
      { school_code: 'A', period: '2026-11', element: 'sessions_possible', value: 10 },
      { school_code: 'S1', period: '2026-11', element: 'pupils_happy', value: 10 },
      { school_code: 'S1', period: '2026-11', element: 'sessions_attended', value: 'ten' },
    ]);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe(
      'The data-values request was not imported: 3 problems found, nothing was written',
    );
    expect(response.body.error.details.map((d: { text: string }) => d.text)).toEqual([
      'row 2, column school_code: A is an area: data values are entered for schools',
      expect.stringMatching(
        /^row 3, column element: pupils_happy is not a data element \(known: sessions_possible, /,
      ),
      'row 4, column value: "ten" is not a number',
    ]);
    const november = await database.db
      .selectFrom('data_value')
      .select('value')
      .where('month', '=', '2026-11-01')
      .execute();
    expect(november).toEqual([]);
    expect((await post('/api/v1/data-values', { rows: 'nope' })).status).toBe(400);
  });

  test('a count below 0 is refused by row and column; 0 itself is a count', async () => {
    const response = await post('/api/v1/data-values', [
      { school_code: 'S1', period: '2026-11', element: 'sessions_possible', value: 0 },
      { school_code: 'S1', period: '2026-11', element: 'sessions_attended', value: -5 },
    ]);
    expect(response.status).toBe(422);
    expect(response.body.error.details.map((d: { text: string }) => d.text)).toEqual([
      'row 2, column value: -5 is below the smallest sessions_attended can be (0)',
    ]);
    const zero = await post('/api/v1/data-values', [
      { school_code: 'S1', period: '2026-11', element: 'sessions_attended', value: 0 },
    ]);
    expect(zero.status).toBe(200);
  });
});

describe('a data-values file with thousands of bad rows', () => {
  /** Row i (0-based) of the file: bad in one of five ways, in uneven shares; each month is its row's own. */
  function badRow(i: number): { line: string; column: string; reason: string } {
    const month = `${1800 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        return {
          line: `Z${i},${month},sessions_possible,1`,
          column: 'school_code',
          reason: 'is not a school in Headway',
        };
      case 4:
      case 5:
        return { line: `S1,${month},sessions_possible,n/a`, column: 'value', reason: 'is not a number' };
      case 6:
      case 7:
        return { line: `S2,${month},pupils_${i},1`, column: 'element', reason: 'is not a data element' };
      case 8:
        return {
          line: `S3,${i}-13,sessions_possible,1`,
          column: 'period',
          reason: "is not a month (use YYYY-MM, or DHIS2's YYYYMM)",
        };
      default:
        return {
          line: `A,${month},sessions_possible,1`,
          column: 'school_code',
          reason: 'is an area: data values are entered for schools',
        };
    }
  }
  const rows = Array.from({ length: 2500 }, (_, i) => badRow(i));

  /** The rows after the first 1,000, counted by column and reason, most first (then by column, reason). */
  function expectedMore() {
    const counts = new Map<string, { column: string; reason: string; count: number }>();
    for (const { column, reason } of rows.slice(1000)) {
      const key = `${column}|${reason}`;
      const count = counts.get(key) ?? { column, reason, count: 0 };
      count.count++;
      counts.set(key, count);
    }
    return [...counts.values()].sort(
      (a, b) => b.count - a.count || a.column.localeCompare(b.column) || a.reason.localeCompare(b.reason),
    );
  }

  test('lists the first 1,000 problems, counts the other 1,500 by column and reason, and writes nothing', async () => {
    const before = await database.db
      .selectFrom('data_value')
      .selectAll()
      .orderBy(['org_unit_id', 'element_id'])
      .execute();
    const form = new FormData();
    const text = ['school_code,period,element,value', ...rows.map((r) => r.line)].join('\n');
    form.append('file', new File([text], 'values.csv'));
    const response = await request('/api/v1/imports/data-values', { method: 'POST', body: form });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error.message).toBe(
      'The data-values file was not imported: 2,500 problems found, nothing was written. ' +
        'The first 1,000 are listed; the other 1,500 are counted by column and reason',
    );
    // One problem a row: the listed ones are rows 2 to 1001 of the spreadsheet, in order.
    expect(error.details).toHaveLength(1000);
    expect(error.details.map((d: { row: number }) => d.row)).toEqual(
      rows.slice(0, 1000).map((_, i) => i + 2),
    );
    expect(error.details.map((d: { column: string; reason: string }) => [d.column, d.reason])).toEqual(
      rows.slice(0, 1000).map((r) => [r.column, r.reason]),
    );
    expect(error.details[0]).toEqual({
      row: 2,
      column: 'school_code',
      message: 'Z0 is not a school in Headway',
      reason: 'is not a school in Headway',
      text: 'row 2, column school_code: Z0 is not a school in Headway',
    });
    expect(error.problems).toEqual({ total: 2500, listed: 1000, more: expectedMore() });
    const after = await database.db
      .selectFrom('data_value')
      .selectAll()
      .orderBy(['org_unit_id', 'element_id'])
      .execute();
    expect(after).toEqual(before);
    expect(after).toHaveLength(8);
  });

  test('DHIS2 JSON is capped the same way', async () => {
    const dataValues = Array.from({ length: 1200 }, (_, i) => ({
      dataElement: 'sessions_possible',
      period: '202611',
      orgUnit: `Z${i}`,
      value: '1',
    }));
    const { status, body } = await post('/api/v1/data-values', { dataValues });
    expect(status).toBe(422);
    expect(body.error.details).toHaveLength(1000);
    expect(body.error.details.at(-1).text).toBe(
      'row 1000, column school_code: Z999 is not a school in Headway',
    );
    expect(body.error.problems).toEqual({
      total: 1200,
      listed: 1000,
      more: [{ column: 'school_code', reason: 'is not a school in Headway', count: 200 }],
    });
  });
});

describe('indicators', () => {
  test('the catalogue lists the defaults; editing a threshold changes the band', async () => {
    const { body } = await get('/api/v1/indicators');
    expect(body.indicators.map((i: { code: string }) => i.code)).toEqual([
      'attendance_rate',
      'absence_rate',
      'teacher_attendance_rate',
      'lesson_completion_rate',
      'expected_standard_rate',
      'enrolment',
      'pupil_teacher_ratio',
      'challenges_raised',
      'challenges_open',
      'challenges_overdue',
      'challenge_days_median',
      'challenge_days_p90',
      'challenges_on_time_rate',
      'good_or_better_schools',
      'good_or_better_pupils',
      'good_or_better_schools_primary',
      'good_or_better_pupils_primary',
      'good_or_better_schools_secondary',
      'good_or_better_pupils_secondary',
      'visit_mean_leadership',
      'visit_mean_leadership_vis',
      'visit_mean_leadership_cur',
      'visit_mean_leadership_tqo',
      'visit_mean_leadership_dat',
      'visit_mean_leadership_stf',
      'visit_mean_leadership_saf',
      'visit_mean_leadership_com',
      'leaders_grown_rate',
      'governor_vacancy_rate',
      'succession_plan_rate',
      'governor_training_rate',
      'applications_per_headship_round',
      'applications_per_headship_vacancy',
      'headships_filled_first_time_rate',
      'headship_fill_days_median',
      'schools_interim_led',
      'schools_interim_led_rate',
      'schools_above_max_ratio',
      'pupils_above_max_ratio',
      'teachers_in_deficit',
      'teachers_in_surplus',
      'ptr_p10',
      'ptr_median',
      'ptr_p90',
      'ptr_spread',
      'teacher_allocation_randomness',
      'schools_gave_and_received',
      'schools_only_received',
      'schools_only_gave',
      'schools_neither_gave_nor_received',
      'strong_schools_never_gave',
      'gender_parity_enrolment',
      'gender_parity_attendance',
      'girls_attendance_rate',
      'boys_attendance_rate',
      'girls_enrolled',
      'boys_enrolled',
    ]);
    expect(
      await post('/api/v1/indicators', [
        {
          code: 'attendance_rate',
          red: 92,
          amber: 96,
          direction: 'higher',
          name: 'Pupil attendance rate',
          numerator: '#{sessions_attended}',
        },
      ]),
    ).toMatchObject({
      status: 200,
      body: { updated: 1 },
    });
    const { body: after } = await get(
      '/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=area',
    );
    expect(after.results.map((r: { band: string }) => r.band)).toEqual(['red', 'amber']);

    // Area A's 90.9% is above both thresholds but short of the 95% target: amber, unless the
    // catalogue says the target is an aspiration ("thresholds"). Area B's 95.0% meets it: green.
    const { importFile } = await import('../exchange/exchange.ts');
    const { operator } = await import('../auth/actor.ts');
    await importFile(
      contextFor(database.db, operator('test')),
      'targets',
      csv('t.csv', ['indicator,org_unit_code,academic_year,value', 'attendance_rate,T,2026-27,95']),
    );
    const bands = async (below_target: string) => {
      const edit = await post('/api/v1/indicators', [
        {
          code: 'attendance_rate',
          name: 'Pupil attendance rate',
          numerator: '#{sessions_attended}',
          denominator: '#{sessions_possible}',
          direction: 'higher',
          red: 85,
          amber: 90,
          below_target,
        },
      ]);
      expect(edit.status).toBe(200);
      const { body } = await get('/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=area');
      return body.results.map((r: { org_unit: string; band: string; target: number }) => [
        r.org_unit,
        r.band,
        r.target,
      ]);
    };
    expect(await bands('amber')).toEqual([
      ['A', 'amber', 95],
      ['B', 'green', 95],
    ]);
    expect(await bands('thresholds')).toEqual([
      ['A', 'green', 95],
      ['B', 'green', 95],
    ]);
    const bad = await post('/api/v1/indicators', [
      {
        code: 'attendance_rate',
        name: 'Pupil attendance rate',
        numerator: '1',
        direction: 'higher',
        below_target: 'sometimes',
      },
    ]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('below_target');
  });

  test('a new indicator from the YAML example works at once; a bad expression is refused', async () => {
    const { importFile } = await import('../exchange/exchange.ts');
    const { operator } = await import('../auth/actor.ts');
    await importFile(contextFor(database.db, operator('test')), 'indicators', {
      name: 'indicators.yaml',
      bytes: fs.readFileSync('examples/indicators.yaml'),
    });
    const bad = await post('/api/v1/indicators', [
      { code: 'x', name: 'X', numerator: '#{sessions_attended} +', direction: 'higher' },
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].text).toBe(
      'row 1, column numerator: "#{sessions_attended} +": ends too soon',
    );
    const thresholds = await post('/api/v1/indicators', [
      { code: 'y', name: 'Y', numerator: '1', direction: 'lower', red: 5, amber: 10 },
    ]);
    expect(thresholds.body.error.details[0].text).toBe(
      'row 1, column amber: when lower is better the amber threshold must be at or below red (5)',
    );
  });
});
