// Give and receive on a fixture where every figure is known by hand (test-fixture.ts): each school's
// status, the roll-up by level and as a KPI with its target, the trust's view, the export agreeing
// with the roll-up when read back and counted, and who may see what.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { listIndicators } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { recordSpecialist } from '../specialists/specialists.ts';
import { schoolStage } from '../stages/stages.ts';
import { readCsv, readXlsx, wholeTable } from '../tabular/read.ts';
import { givingRollup, schoolGiving } from './giving.ts';
import { loadGivingFixture } from './test-fixture.ts';
import { trustGiving } from './trust.ts';

let database: Database;
const year = '2026-27';
const context = () => contextFor(database.db, operator('test'), { today: '2026-11-15' });

beforeAll(async () => {
  database = await freshDatabase();
  await loadGivingFixture(database.db);
});
afterAll(() => database?.close());

describe('a school’s year', () => {
  test('each school gave, received, both or neither, with its days', async () => {
    const { schools, top, units } = await givingRollup(context(), { year, level: 'area' });
    const by = Object.fromEntries(schools.map((s) => [s.code, s]));
    expect(Object.fromEntries(schools.map((s) => [s.code, s.status]))).toEqual({
      S1: 'both',
      S2: 'only_received',
      S3: 'only_gave',
      S4: 'neither',
      S5: 'only_received',
    });
    // S1 gave one deployment (1.5 days logged) and received one (2 days).
    expect(by.S1).toMatchObject({
      deployments_given: 1,
      days_given: 1.5,
      deployments_received: 1,
      days_received: 2,
    });
    // S2's own deputy covering it is support within the school: neither given nor received.
    expect(by.S2).toMatchObject({ deployments_given: 0, deployments_received: 1 });
    // S3 led one deployment this year (the one to S4 was last year's) and hosted a placement of 10 days.
    expect(by.S3).toMatchObject({ deployments_given: 1, placements_hosted: 1, days_given: 12 });
    expect(by.S3?.strong).toMatch(/^judged outstanding/);
    expect(by.S4?.strong).toMatch(/^judged good/);
    expect(by.S1?.strong).toBeNull();
    expect(top).toMatchObject({
      code: 'T',
      schools: 5,
      both: 1,
      only_gave: 1,
      only_received: 2,
      neither: 1,
      strong: 2,
      strong_never_gave: 1,
      share_both: 20,
      target: 60,
      // 20% is not beyond the red line of 20, and short of its target: amber.
      band: 'amber',
    });
    expect(units.map((u) => [u.code, u.schools, u.both, u.only_received, u.share_both])).toEqual([
      ['A', 2, 1, 1, 50],
      ['B', 3, 0, 1, 0],
    ]);
  });

  test('a school’s page lists what it gave and received', async () => {
    const s1 = await schoolGiving(context(), 'S1', { year });
    expect(s1.gave.map((f) => [f.received_by, f.days_in_period])).toEqual([['S2', 1.5]]);
    expect(s1.received.map((f) => [f.given_by, f.person])).toEqual([['S3', 'P6']]);
    const s3 = await schoolGiving(context(), 'S3', { year });
    expect(s3.gave.map((f) => [f.source, f.kind])).toEqual([
      ['deployment', 'professional_partner'],
      ['placement', 'npqh_internship'],
    ]);
    // The year before: S3 gave to S4, and S4 received.
    const before = await givingRollup(context(), { year: '2025-26', level: 'area' });
    expect(before.schools.find((s) => s.code === 'S4')?.status).toBe('only_received');
  });

  test('the share is a KPI: the roll-up reads the same figures, with the target', async () => {
    const db = database.db;
    const indicator = (await listIndicators(db)).find((i) => i.code === 'schools_gave_and_received');
    if (!indicator) throw new Error('no indicator');
    const [authority] = await rollupIndicator(db, indicator, { codes: ['T'] }, parsePeriod(year), {
      academicYearStart: 9,
    });
    expect(authority).toMatchObject({ numerator: 1, denominator: 5, value: 20, target: 60 });
    const strong = (await listIndicators(db)).find((i) => i.code === 'strong_schools_never_gave');
    if (!strong) throw new Error('no indicator');
    const [b] = await rollupIndicator(db, strong, { codes: ['B'] }, parsePeriod(year), {
      academicYearStart: 9,
    });
    expect(b).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
  });
});

test('a trust: its schools, needs met within it and from outside, its own leaders', async () => {
  const trust = await trustGiving(context(), 'TA', { year });
  expect(trust.summary).toMatchObject({
    schools: 3,
    both: 1,
    only_received: 1,
    neither: 1,
    strong_never_gave: 1,
  });
  expect([trust.needs_met_within, trust.needs_met_outside, trust.days_within, trust.days_outside]).toEqual([
    1, 1, 1.5, 2,
  ]);
  expect(trust.schools.map((s) => [s.code, s.judgement])).toEqual([
    ['S1', 'requires improvement'],
    ['S4', 'good'],
    ['S2', null],
  ]);
  // Each school's stage is the one its school page gives (src/stages/), and the counts add up to them.
  for (const school of trust.schools) {
    const { current } = await schoolStage(context(), school.code);
    expect([school.code, school.stage, school.stage_reasons]).toEqual([
      school.code,
      current.stage_name,
      current.reasons,
    ]);
  }
  const counted = new Map<string, number>();
  for (const s of trust.schools) counted.set(s.stage ?? '', (counted.get(s.stage ?? '') ?? 0) + 1);
  expect(trust.stages.filter((s) => s.schools > 0).map((s) => [s.stage, s.schools])).toEqual(
    trust.stages.filter((s) => counted.has(s.stage)).map((s) => [s.stage, counted.get(s.stage)]),
  );
  expect(trust.stages.reduce((sum, s) => sum + s.schools, 0)).toBe(3);
  // No specialist works at its schools yet; an outstanding teacher at S4 (TA) is its own, not TB's.
  expect(trust.specialists).toEqual([]);
  await recordSpecialist(context(), {
    person: 'P8',
    kind: 'outstanding_teacher',
    specialisms: ['mathematics'],
    school: 'S4',
    starts_on: '2026-09-01',
  });
  const after = await trustGiving(context(), 'TA', { year });
  expect(after.specialists.map((s) => [s.person, s.school, s.specialism_names])).toEqual([
    ['P8', 'S4', ['Mathematics']],
  ]);
  const tb = await trustGiving(context(), 'TB', { year });
  expect(tb.specialists).toEqual([]);
  expect(tb.leaders).toEqual([
    {
      person: 'P6',
      name: 'Person P6',
      school: 'S3',
      school_name: 'Third School',
      designations: ['lle'],
      deployments: 1,
      days: 2,
    },
  ]);
});

describe('the export agrees with the roll-up', () => {
  /** Each open school's status counted from the exported rows alone. */
  const countFrom = (rows: Record<string, string>[], schools: string[]) => {
    const gave = new Set(rows.map((r) => r.given_by).filter(Boolean));
    const got = new Set(rows.map((r) => r.received_by).filter(Boolean));
    const tally = { both: 0, only_gave: 0, only_received: 0, neither: 0 };
    for (const s of schools) {
      const key =
        gave.has(s) && got.has(s)
          ? 'both'
          : gave.has(s)
            ? 'only_gave'
            : got.has(s)
              ? 'only_received'
              : 'neither';
      tally[key]++;
    }
    return tally;
  };
  const asRecords = (header: string[], rows: { cells: string[] }[]) =>
    rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])));

  for (const format of ['xlsx', 'csv'] as const)
    test(`as ${format}, read back and counted`, async () => {
      const api = await apiAs(database, 'director', 'T');
      const response = await api.request(`/api/v1/giving/support?year=${year}&format=${format}`);
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const table = format === 'xlsx' ? await readXlsx(bytes) : await wholeTable(await readCsv(bytes));
      const rows = asRecords(table.header, table.rows);
      const { body: rollup } = await api.get(`/api/v1/giving?year=${year}&level=area`);
      const counted = countFrom(rows, ['S1', 'S2', 'S3', 'S4', 'S5']);
      expect(counted).toEqual({
        both: rollup.top.both,
        only_gave: rollup.top.only_gave,
        only_received: rollup.top.only_received,
        neither: rollup.top.neither,
      });
      expect(counted).toEqual({ both: 1, only_gave: 1, only_received: 2, neither: 1 });
      for (const [area, schools] of [
        ['A', ['S1', 'S2']],
        ['B', ['S3', 'S4', 'S5']],
      ] as const) {
        const unit = rollup.units.find((u: { code: string }) => u.code === area);
        expect(countFrom(rows, [...schools])).toEqual({
          both: unit.both,
          only_gave: unit.only_gave,
          only_received: unit.only_received,
          neither: unit.neither,
        });
      }
    });
});

describe('access', () => {
  test('an area lead sees their area; another school is "another school"', async () => {
    const lead = await apiAs(database, 'area_lead', 'A');
    const { body } = await lead.get(`/api/v1/giving?year=${year}`);
    expect(body.top).toMatchObject({ code: 'A', schools: 2, both: 1 });
    expect(body.units.map((u: { code: string }) => u.code)).toEqual(['A']);
    expect(body.schools.map((s: { code: string }) => s.code)).toEqual(['S1', 'S2']);
    const s1 = await lead.get(`/api/v1/giving/schools/S1?year=${year}`);
    // S3 (area B) supported S1: named to the director, not to area A's lead.
    expect(s1.body.received[0]).toMatchObject({ given_by: null, given_by_name: null, person: 'P6' });
    expect((await lead.get(`/api/v1/giving/schools/S3?year=${year}`)).status).toBe(404);
    expect((await lead.get(`/api/v1/giving?area=B`)).status).toBe(404);
    expect((await lead.get(`/api/v1/giving/trusts/TA?year=${year}`)).status).toBe(404);
  });

  test('a trust lead sees their trust only', async () => {
    const trustLead = await apiAs(database, 'director', 'TA');
    const { status, body } = await trustLead.get(`/api/v1/giving/trusts/TA?year=${year}`);
    expect(status).toBe(200);
    expect(body.received.find((f: { within: boolean }) => !f.within)).toMatchObject({ given_by: null });
    expect((await trustLead.get(`/api/v1/giving/trusts/TB?year=${year}`)).status).toBe(404);
    const rollup = await trustLead.get(`/api/v1/giving?year=${year}&level=trust`);
    expect(rollup.body.top).toMatchObject({ code: 'TA', schools: 3 });
    expect(rollup.body.units.map((u: { code: string }) => u.code)).toEqual(['TA']);
    expect(rollup.body.schools.map((s: { code: string }) => s.code).sort()).toEqual(['S1', 'S2', 'S4']);
  });
});
