// Inspections on the tiny authority: report cards and legacy grades imported (and refused, naming row,
// column and reason), a school's history as the API gives it and to whom, the one mapping to the legacy
// outcome brokering reads, and the good-or-better shares against figures computed by hand.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { needsOf } from '../brokering/need-rules.ts';
import { schoolFacts } from '../brokering/school-facts.ts';
import { defaultBrokeringSettings } from '../brokering/settings.ts';
import { contextFor, defaultSettings } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { exportKind, importFile, importTable } from '../exchange/exchange.ts';
import { indicatorByCode } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { ofstedLegacy, ofstedReportCard } from './frameworks.ts';
import { isGoodOrBetter, legacyOutcome } from './outcome.ts';

let database: Database;
let as: Callers;
const load = (kind: string, lines: string[]) =>
  importFile(
    contextFor(database.db, operator('test'), { today: '2026-11-27' }),
    kind,
    csv(`${kind}.csv`, lines),
  );

const areas =
  'inclusion,curriculum_and_teaching,achievement,attendance_and_behaviour,personal_development,leadership_and_governance';
const header = `school_code,inspected_on,framework,overall,leadership,category,safeguarding,${areas},early_years,sixth_form`;
const all = (grade: string) => Array(6).fill(grade).join(',');

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
  await load('schools', ['code,name,phase,area_code', 'S5,Fifth School,secondary,B']);
  await load('inspections', [
    header,
    `S1,2020-01-10,ofsted-legacy,good,good,,,${Array(8).fill('').join(',')}`,
    `S1,2026-01-15,ofsted-2025,,,,met,${all('expected standard')},strong standard,`,
    `S2,2019-05-01,,outstanding,,,,${Array(8).fill('').join(',')}`,
    `S2,2026-09-10,ofsted-2025,,,,met,needs attention,${Array(5).fill('strong_standard').join(',')},,`,
    `S3,2026-03-01,ofsted-2025,,,,not met,${all('strong_standard')},,`,
    `S4,2024-01-01,ofsted-legacy,RI,3,,,${Array(8).fill('').join(',')}`,
    `S4,2026-11-20,ofsted-2025,,,,met,${all('3')},,`,
    `S5,2023-05-01,ofsted-legacy,2,,,,${Array(8).fill('').join(',')}`,
  ]);
  await load('data-values', [
    'school_code,period,element,value',
    'S1,2026-10,pupils_enrolled,400',
    'S2,2026-10,pupils_enrolled,100',
    'S3,2026-10,pupils_enrolled,300',
    'S4,2026-10,pupils_enrolled,200',
    'S5,2026-10,pupils_enrolled,1000',
  ]);
});

describe('inspections import', () => {
  it('a legacy file keeps importing as it did, and importing it again changes nothing', async () => {
    const lines = [
      'school_code,inspected_on,overall,leadership,category',
      'S3,2021-02-02,requires improvement,ri,',
    ];
    expect(await load('inspections', lines)).toMatchObject({ inserted: 1, updated: 0 });
    expect(await load('inspections', lines)).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('names the row, column and reason of every bad report card and writes nothing', async () => {
    const before = await database.db.selectFrom('inspection').select('id').execute();
    const error = await load('inspections', [
      `school_code,inspected_on,framework,overall,safeguarding,${areas},sixth_form,culture`,
      `S1,2026-02-01,ofsted-2025,good,met,${all('expected_standard')},,`,
      `S2,2026-02-01,ofsted-2025,,,${all('expected_standard')},,`,
      `S3,2026-02-01,ofsted-2025,,met,brilliant,${Array(5).fill('expected_standard').join(',')},,`,
      `S4,2026-02-01,ofsted-2025,,met,,${Array(5).fill('expected_standard').join(',')},,good`,
      `S5,2026-02-01,ofsted-legacy,,met,${all('')},,`,
      `S5,2026-03-01,ofsted-1999,good,,${all('')},,`,
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [
        2,
        'overall',
        'is not given on a ofsted-2025 report card: grade each evaluation area in its own column',
      ],
      [3, 'safeguarding', 'is required for a ofsted-2025 report card (met or not_met)'],
      [
        4,
        'inclusion',
        '"brilliant" is not a grade of ofsted-2025 (use one of: exceptional, strong_standard, expected_standard, needs_attention, urgent_improvement)',
      ],
      [
        5,
        'culture',
        'is not an evaluation area of ofsted-2025 (use: inclusion, curriculum_and_teaching, achievement, attendance_and_behaviour, personal_development, leadership_and_governance, early_years, sixth_form)',
      ],
      [5, 'inclusion', 'is required for a ofsted-2025 report card (Inclusion)'],
      [
        6,
        'overall',
        'is required for a ofsted-legacy inspection (an overall grade: outstanding, good, satisfactory, requires_improvement, inadequate)',
      ],
      [
        7,
        'framework',
        '"ofsted-1999" is not a framework (use one of: ofsted-2025, ofsted-legacy, or import your own as inspection-frameworks)',
      ],
    ]);
    expect(await database.db.selectFrom('inspection').select('id').execute()).toHaveLength(before.length);
  });

  it('an authority loads its own framework and grades inspections with it', async () => {
    await load('inspection-frameworks', [
      'framework,framework_name,form,leadership_area,safeguarding,part,code,name,optional,good_or_better,legacy,aliases',
      'state-rubric,State school-quality rubric,report_card,leading,no,area,teaching,Teaching,,,,',
      'state-rubric,State school-quality rubric,report_card,leading,no,area,leading,Leading,,,,',
      'state-rubric,State school-quality rubric,report_card,leading,no,grade,high,High,,yes,good,A',
      'state-rubric,State school-quality rubric,report_card,leading,no,grade,low,Low,,no,requires_improvement,B',
    ]);
    await load('inspections', [
      'school_code,inspected_on,framework,teaching,leading',
      'S3,2026-10-01,state-rubric,A,b',
    ]);
    const { body } = await as.director.get('/api/v1/schools/S3/inspections?as_of=2026-10-31');
    expect(body.inspections[0]).toMatchObject({
      framework: 'state-rubric',
      areas: [
        { area: 'teaching', grade_name: 'High', good_or_better: true },
        { area: 'leading', grade_name: 'Low', good_or_better: false },
      ],
      good_or_better: false,
      legacy_overall: 'requires_improvement',
    });
  });
});

describe('the example files', () => {
  it('import in the documented order, legacy grades, report cards and a framework of its own', async () => {
    const fresh = await freshDatabase();
    const context = contextFor(fresh.db, operator('test'), { today: '2026-11-27' });
    const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(`examples/${name}`)) });
    for (const [kind, name, inserted] of [
      ['org-units', 'org-units.csv', undefined],
      ['schools', 'schools.csv', undefined],
      ['inspection-frameworks', 'inspection-frameworks.csv', 1 + 3 + 4],
      ['inspections', 'inspections.csv', undefined],
      ['inspections', 'inspections-report-cards.csv', 3],
    ] as const) {
      const report = await importFile(context, kind, file(name));
      if (inserted !== undefined) expect(report.inserted, name).toBe(inserted);
    }
    const cards = await fresh.db
      .selectFrom('inspection')
      .select('school_id')
      .where('framework', '=', 'ofsted-2025')
      .execute();
    expect(cards).toHaveLength(3);
    // The export is in the import's format: importing it again changes nothing.
    const exported = await exportKind(context, 'inspections');
    expect(exported.columns).toContain('curriculum_and_teaching');
    const table = {
      header: exported.columns,
      rows: exported.rows.map((r, i) => ({
        row: i + 2,
        cells: exported.columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))),
      })),
    };
    expect(await importTable(context, 'inspections', table)).toMatchObject({ inserted: 0, updated: 0 });
    const frameworks = await exportKind(context, 'inspection-frameworks');
    expect(
      await importTable(context, 'inspection-frameworks', {
        header: frameworks.columns,
        rows: frameworks.rows.map((r, i) => ({
          row: i + 2,
          cells: frameworks.columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))),
        })),
      }),
    ).toMatchObject({ inserted: 0, updated: 0 });
    await fresh.close();
  });
});

describe("a school's inspection history", () => {
  it('newest first, each area graded, safeguarding, and the days since the last', async () => {
    const { status, body } = await as.director.get('/api/v1/schools/S1/inspections?as_of=2026-10-31');
    expect(status).toBe(200);
    expect(body.days_since_last).toBe(289); // 15 January to 31 October 2026
    expect(body.inspections.map((i: { inspected_on: string }) => i.inspected_on)).toEqual([
      '2026-01-15',
      '2020-01-10',
    ]);
    const [card, legacy] = body.inspections;
    expect(
      card.areas.map((a: { area_name: string; grade_name: string }) => `${a.area_name}: ${a.grade_name}`),
    ).toEqual([
      'Inclusion: Expected standard',
      'Curriculum and teaching: Expected standard',
      'Achievement: Expected standard',
      'Attendance and behaviour: Expected standard',
      'Personal development and well-being: Expected standard',
      'Leadership and governance: Expected standard',
      'Early years: Strong standard',
    ]);
    expect(card).toMatchObject({
      safeguarding: 'met',
      good_or_better: true,
      overall: null,
      legacy_overall: 'good',
    });
    expect(legacy).toMatchObject({ form: 'overall', overall: 'Good', areas: [], good_or_better: true });
  });

  it('a head sees their own school; another school, or one outside an area lead’s area, is a 404', async () => {
    expect((await as.headS1.get('/api/v1/schools/S1/inspections')).status).toBe(200);
    expect((await as.headS1.get('/api/v1/schools/S2/inspections')).status).toBe(404);
    expect((await as.leadB.get('/api/v1/schools/S1/inspections')).status).toBe(404);
    expect((await as.leadA.get('/api/v1/schools/S2/inspections')).status).toBe(200);
    expect((await as.director.get('/api/v1/schools/A/inspections')).status).toBe(404);
  });
});

describe('the analytics by phase', () => {
  const values = async (query: string) => {
    const { status, body } = await as.director.get(`/api/v1/analytics?${query}&series=false`);
    expect(status).toBe(200);
    return Object.fromEntries(
      body.results.map((r: { org_unit: string; value: number | null }) => [
        r.org_unit,
        r.value === null ? null : Math.round(r.value * 10) / 10,
      ]),
    );
  };

  it('counts only the schools of the phase, and agrees with the phase indicators', async () => {
    expect(
      await values('indicator=good_or_better_schools&period=2026-10&level=authority&phase=primary'),
    ).toEqual({ T: 25 });
    expect(await values('indicator=good_or_better_schools_primary&period=2026-10&level=authority')).toEqual({
      T: 25,
    });
    // Attendance (the fixture's figures): area B's primary schools S3 and S4 give 570/600; its one
    // secondary school, S5, reports nothing, so secondary area B has no value and area A no secondary school.
    expect(await values('indicator=attendance_rate&period=2026-10&level=area&phase=primary')).toEqual({
      A: 90.9,
      B: 95,
    });
    expect(await values('indicator=attendance_rate&period=2026-10&level=area&phase=secondary')).toEqual({
      B: null,
    });
    expect(await values('indicator=attendance_rate&period=2026-10&level=area')).toEqual({ A: 90.9, B: 95 });
  });
});

describe("brokering's rules read report cards as they read legacy grades", () => {
  it('a report card below good is a need for an NLE; safeguarding not met is special measures', async () => {
    const facts = await schoolFacts(database.db, defaultSettings, '2026-10-31');
    const needs = facts.flatMap((f) => needsOf(f, defaultBrokeringSettings)).filter((n) => n.kind === 'nle');
    expect(needs.map((n) => [n.school, n.evidence])).toEqual([
      ['S2', 'Inspected requires improvement on 2026-09-10'],
      ['S3', 'Inspected inadequate on 2026-03-01 (special measures)'],
      ['S4', 'Inspected requires improvement on 2024-01-01'],
    ]);
  });
});

describe('the area pack', () => {
  it("prints each school's latest outcome at the period's end", async () => {
    const response = await as.leadA.request('/api/v1/reports/area/A?period=2026-10&format=html');
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('Inspections: the latest outcome per school');
    expect(html).toContain('1 of 2 inspected schools good or better at the end of 2026-10');
    // S2's report card: the one area below expected standard is named.
    expect(html).toContain('Inclusion: needs attention');
  });
});

describe('what an outcome means, written once', () => {
  const card = (grades: Record<string, string>, safeguarding: 'met' | 'not_met' = 'met') => ({
    framework: 'ofsted-2025',
    overall: null,
    leadership: null,
    category: null,
    grades,
    safeguarding,
  });
  const six = (grade: string) =>
    Object.fromEntries(ofstedReportCard.areas.filter((a) => !a.optional).map((a) => [a.code, grade]));
  it.each([
    [six('exceptional'), 'met', 'outstanding', null, true],
    [six('expected_standard'), 'met', 'good', null, true],
    [
      { ...six('strong_standard'), achievement: 'needs_attention' },
      'met',
      'requires_improvement',
      null,
      false,
    ],
    [
      { ...six('strong_standard'), achievement: 'urgent_improvement' },
      'met',
      'inadequate',
      'serious_weaknesses',
      false,
    ],
    [
      { ...six('strong_standard'), leadership_and_governance: 'urgent_improvement' },
      'met',
      'inadequate',
      'special_measures',
      false,
    ],
    [six('exceptional'), 'not_met', 'inadequate', 'special_measures', false],
  ] as const)(
    'a report card %j with safeguarding %s means %s (%s), good or better: %s',
    (grades, safe, overall, category, good) => {
      const inspection = card(grades, safe);
      expect(legacyOutcome(inspection, ofstedReportCard)).toMatchObject({ overall, category });
      expect(isGoodOrBetter(inspection, ofstedReportCard)).toBe(good);
    },
  );
  it('a legacy grade means itself; leadership comes from the leadership area on a report card', () => {
    const legacy = {
      framework: 'ofsted-legacy',
      overall: 'requires_improvement',
      leadership: 'satisfactory',
      category: null,
      grades: {},
      safeguarding: null,
    };
    expect(legacyOutcome(legacy, ofstedLegacy)).toEqual({
      overall: 'requires_improvement',
      leadership: 'satisfactory',
      category: null,
    });
    expect(isGoodOrBetter({ ...legacy, overall: 'good' }, ofstedLegacy)).toBe(true);
    expect(
      legacyOutcome(
        card({ ...six('exceptional'), leadership_and_governance: 'needs_attention' }),
        ofstedReportCard,
      ).leadership,
    ).toBe('requires_improvement');
  });
});

describe('schools and pupils in schools judged good or better', () => {
  const share = async (code: string, units: { codes: string[] }, month: string) => {
    const results = await rollupIndicator(
      database.db,
      await indicatorByCode(database.db, code),
      units,
      parsePeriod(month),
      {
        academicYearStart: 9,
      },
    );
    return Object.fromEntries(
      results.map((r) => [r.org_unit, r.value === null ? null : Math.round(r.value * 10) / 10]),
    );
  };
  const units = { codes: ['T', 'A', 'B', 'S1', 'S2'] };

  it('a school counts by its latest inspection on or before the month’s end', async () => {
    // October 2026: S1 (report card, all expected, met) and S5 (legacy good) are good or better; S2 (one
    // area needs attention), S3 (safeguarding not met) and S4 (legacy RI; its report card is November's) are not.
    expect(await share('good_or_better_schools', units, '2026-10')).toEqual({
      T: 40,
      A: 50,
      B: 33.3,
      S1: 100,
      S2: 0,
    });
    // November: S4's report card, all expected standard, counts.
    expect((await share('good_or_better_schools', { codes: ['T'] }, '2026-11')).T).toBe(60);
  });

  it('pupils are weighted by pupils enrolled: (400 + 1000) of 2000 in October', async () => {
    expect(await share('good_or_better_pupils', units, '2026-10')).toEqual({
      T: 70,
      A: 80,
      B: 66.7,
      S1: 100,
      S2: 0,
    });
  });

  it('by phase: primary S1 of S1–S4, secondary S5 of S5', async () => {
    expect(await share('good_or_better_schools_primary', { codes: ['T', 'B'] }, '2026-10')).toEqual({
      T: 25,
      B: 0,
    });
    expect(await share('good_or_better_pupils_primary', { codes: ['T'] }, '2026-10')).toEqual({ T: 40 });
    expect(await share('good_or_better_schools_secondary', { codes: ['T', 'A'] }, '2026-10')).toEqual({
      T: 100,
      A: null,
    });
  });
});
