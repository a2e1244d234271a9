// Value added by stage on hand-made cohorts: an all-through school with pupils in two stages, whose
// figures roll up only within their stage; value added against a national reference worked out by hand;
// a stage's model published with its own bands; and fits kept until the pupils change.
import fs from 'node:fs';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { ImportRejected } from '../tabular/importer.ts';
import { fitCohort } from './value-added.ts';

const actor = operator('test');
let database: Database;

// S1 is all-through: pupils in both stages. Areas: A = S1, S2; B = S3, S4, S5.
// Stage P progress: prior 1 mean 102, prior 2 mean 110. S1: -2, +2, 0; S2: 0, -2; S3: +2.
// Stage Q progress: prior 1 mean 42, prior 2 mean 148/3. S1: -2, +2/3, +8/3; S4: +2, -10/3.
const pupils = csv('two-stages.csv', [
  'pupil_id,school_code,academic_year,stage,outcome,prior_attainment',
  'P1,S1,2025-26,P,100,1',
  'P2,S1,2025-26,P,104,1',
  'P3,S1,2025-26,P,110,2',
  'P4,S2,2025-26,P,102,1',
  'P5,S2,2025-26,P,108,2',
  'P6,S3,2025-26,P,112,2',
  'P7,S3,2025-26,P,100,',
  'Q1,S1,2025-26,Q,40,1',
  'Q2,S1,2025-26,Q,50,2',
  'Q5,S1,2025-26,Q,52,2',
  'Q3,S4,2025-26,Q,44,1',
  'Q4,S4,2025-26,Q,46,2',
]);

// Pupils nationally: prior below 1.5 reach 101, from 1.5 reach 109. Stage P's differences:
// S1: -1, +3, +1 (3 over 3); S2: +1, -1 (0 over 2); S3: +3 (P7 has no prior: unmatched).
const reference = csv('national.csv', [
  'reference,stage,academic_year,prior_from,prior_to,expected_outcome',
  'National P 2026,P,2025-26,0,1.5,101',
  'National P 2026,P,2025-26,1.5,,109',
]);

beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  await importFile(contextFor(database.db, actor), 'pupil-results', pupils);
  return () => database.close();
});

async function valuesOf(indicator: string, level: string): Promise<Record<string, number>> {
  const api = await apiAs(database, 'director', 'T');
  const { status, body } = await api.get(
    `/api/v1/analytics?indicator=${indicator}&period=2026-07&level=${level}`,
  );
  expect(status).toBe(200);
  return Object.fromEntries(
    body.results
      .filter((r: { value: number | null }) => r.value !== null)
      .map((r: { org_unit: string; value: number }) => [r.org_unit, r.value]),
  );
}

describe('each stage rolls up on its own', () => {
  it('an area’s progress for one stage counts only that stage’s pupils, the all-through school’s included', async () => {
    expect(await valuesOf('progress_score_p', 'area')).toEqual({ A: expect.closeTo(-2 / 5, 12), B: 2 });
    expect(await valuesOf('progress_score_q', 'area')).toEqual({
      A: expect.closeTo(4 / 9, 12),
      B: expect.closeTo(-2 / 3, 12),
    });
    expect(await valuesOf('progress_score_p', 'school')).toEqual({
      S1: expect.closeTo(0, 12),
      S2: -1,
      S3: 2,
    });
    // Both stages' figures for S1, side by side, never one blend.
    expect(await valuesOf('progress_score_q', 'school')).toEqual({
      S1: expect.closeTo(4 / 9, 12),
      S4: expect.closeTo(-2 / 3, 12),
    });
  });

  it('the mixed indicators are gone; each stage’s are named with their stage, only those it publishes', async () => {
    const codes = await database.db
      .selectFrom('indicator')
      .select(['code', 'name'])
      .orderBy('code')
      .execute();
    expect(codes.map((c) => c.code)).not.toContain('value_added');
    expect(codes.map((c) => c.code)).not.toContain('progress_score');
    expect(codes).toContainEqual({ code: 'value_added_p', name: 'Contextual value added, P' });
    expect(codes).toContainEqual({ code: 'progress_score_q', name: 'Progress score, Q' });
    // No leavers' destinations and no national reference here: no NEET or national indicator to show empty.
    expect(codes.map((c) => c.code)).not.toContain('neet_rate_p');
    expect(codes.map((c) => c.code)).not.toContain('national_value_added_p');
  });

  it('value added by area is the pupil-weighted mean of that stage’s school effects only', async () => {
    const fit = await fitCohort(database.db, {
      stage: 'P',
      academicYear: '2025-26',
      covariates: ['prior_attainment'],
    });
    const api = await apiAs(database, 'director', 'T');
    expect(
      (await api.send('PUT', '/api/v1/value-added/models/P', { covariates: ['prior_attainment'] })).status,
    ).toBe(200);
    const weighted = (codes: string[]) => {
      const schools = fit.model.schools.filter((s) => codes.includes(s.school));
      return schools.reduce((t, s) => t + s.effect * s.n, 0) / schools.reduce((t, s) => t + s.n, 0);
    };
    expect(await valuesOf('value_added_p', 'area')).toEqual({
      A: expect.closeTo(weighted(['S1', 'S2']), 9),
      B: expect.closeTo(weighted(['S3']), 9),
    });
  });
});

describe('against the national reference', () => {
  it('each school’s, area’s and the authority’s difference from the national expectation, the reference named', async () => {
    await importFile(contextFor(database.db, actor), 'national-reference', reference);
    const api = await apiAs(database, 'director', 'T');
    const { body } = await api.get('/api/v1/value-added?stage=P&year=2025-26&covariates=prior_attainment');
    expect(body.national).toMatchObject({
      reference: 'National P 2026',
      unmatched: 1,
      authority: { n: 5 + 1, score: 1 },
    });
    expect(
      body.national.schools.map((s: { school: string; n: number; score: number }) => [
        s.school,
        s.n,
        s.score,
      ]),
    ).toEqual([
      ['S1', 3, 1],
      ['S2', 2, 0],
      ['S3', 1, 3],
    ]);
    expect(await valuesOf('national_value_added_p', 'area')).toEqual({ A: expect.closeTo(3 / 5, 12), B: 3 });
    expect(await valuesOf('national_value_added_p', 'authority')).toEqual({ T: 1 });
    // Stage Q has no reference: no national figure, and nothing invented.
    const q = await api.get('/api/v1/value-added?stage=Q&year=2025-26&covariates=prior_attainment');
    expect(q.body.national).toBeNull();
  });

  it('a head sees the reference’s figure for their school and the authority, others without codes', async () => {
    await importFile(contextFor(database.db, actor), 'national-reference', reference);
    const head = await apiAs(database, 'headteacher', 'S2');
    const { body } = await head.get('/api/v1/value-added?stage=P&year=2025-26&covariates=prior_attainment');
    expect(body.national.schools.map((s: { school: string }) => s.school)).toEqual(['S2', '', '']);
  });

  it('the README’s example file imports; importing it again changes nothing, and a shorter file drops bands', async () => {
    const example = {
      name: 'national-reference.csv',
      bytes: fs.readFileSync('examples/national-reference.csv'),
    };
    const first = await importFile(contextFor(database.db, actor), 'national-reference', example);
    expect(first).toMatchObject({ rows: 7, inserted: 7 });
    expect(await importFile(contextFor(database.db, actor), 'national-reference', example)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 7,
    });
    const lines = fs.readFileSync('examples/national-reference.csv', 'utf8').trim().split('\n');
    await importFile(
      contextFor(database.db, actor),
      'national-reference',
      csv('short.csv', lines.slice(0, 3)),
    );
    const bands = await database.db
      .selectFrom('national_expectation')
      .select('prior_from')
      .orderBy('prior_from')
      .execute();
    expect(bands.map((b) => b.prior_from)).toEqual([-1000, 90]);
  });

  it('overlapping bands are refused by row and nothing is written', async () => {
    const bad = csv('bad.csv', [
      'reference,stage,academic_year,prior_from,prior_to,expected_outcome',
      'R,P,2025-26,0,2,100',
      'R,P,2025-26,1.5,,110',
      'R,Q,2025-26,3,2.5,110',
    ]);
    const rejected = await importFile(contextFor(database.db, actor), 'national-reference', bad).catch(
      (e) => e,
    );
    expect(rejected).toBeInstanceOf(ImportRejected);
    expect((rejected as ImportRejected).problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'prior_from'],
      [4, 'prior_to'],
    ]);
    const { count } = await database.db
      .selectFrom('national_expectation')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(0);
  });
});

describe('the stage’s model, as the authority specifies it', () => {
  it('a preview fits both specifications and counts the schools that change band; publishing re-bands the KPI', async () => {
    const director = await apiAs(database, 'director', 'T');
    const spec = { covariates: [], red: -2, amber: -0.5, outcome_label: 'test points' };
    const preview = await director.send('POST', '/api/v1/value-added/models/P/preview', spec);
    expect(preview.status).toBe(200);
    const before = await fitCohort(database.db, { stage: 'P', academicYear: '2025-26' });
    const after = await fitCohort(database.db, { stage: 'P', academicYear: '2025-26', covariates: [] });
    const changed = after.model.schools.filter(
      (s) => before.model.schools.find((b) => b.school === s.school)?.band !== s.band,
    ).length;
    expect(preview.body).toMatchObject({
      academicYear: '2025-26',
      published: { covariates: before.covariates },
      proposed: { covariates: [], schools: 3 },
      changes: { schools: changed },
    });
    expect(
      (await (await apiAs(database, 'area_lead', 'A')).send('PUT', '/api/v1/value-added/models/P', spec))
        .status,
    ).toBe(403);
    const published = await director.send('PUT', '/api/v1/value-added/models/P', spec);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ republished: ['2025-26'], model: { covariates: [], red: -2 } });
    const indicator = await database.db
      .selectFrom('indicator')
      .select(['red', 'amber', 'name'])
      .where('code', '=', 'value_added_p')
      .executeTakeFirstOrThrow();
    expect(indicator).toEqual({ red: -2, amber: -0.5, name: 'Contextual value added, P, test points' });
    // Estimates name the outcome as the specification does.
    const estimates = await director.get('/api/v1/value-added/estimates?stage=P&year=2025-26&percentile=20');
    expect(estimates.body).toMatchObject({
      outcome: 'outcome',
      outcome_label: 'test points',
      covariates: [],
    });
    const audit = await database.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'publish_value_added_model')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      stage: 'P',
      before: { covariates: null },
      after: { covariates: [] },
    });
  });

  it('a fit is kept until the pupils change', async () => {
    await fitCohort(database.db, { stage: 'P', academicYear: '2025-26' });
    // Mark the kept fit: served again as kept, it shows the mark.
    await sql`update cohort_fit set fit = jsonb_set(fit::jsonb, '{outcome}', '"kept"')::json where stage = 'P'`.execute(
      database.db,
    );
    expect((await fitCohort(database.db, { stage: 'P', academicYear: '2025-26' })).outcome).toBe('kept');
    await importFile(
      contextFor(database.db, actor),
      'pupil-results',
      csv('one.csv', [
        'pupil_id,school_code,academic_year,stage,outcome,prior_attainment',
        'P8,S2,2025-26,P,105,1',
      ]),
    );
    const refitted = await fitCohort(database.db, { stage: 'P', academicYear: '2025-26' });
    expect(refitted.outcome).toBe('outcome');
    expect(refitted.model.pupils).toBe(6 + 1);
  });
});
