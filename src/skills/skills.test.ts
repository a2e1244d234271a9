// The skills audit against the small audit of test-fixture.ts, every figure worked out by hand there.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor, defaultSettings } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { auditLeaders } from './audits.ts';
import { heatmap } from './heatmap.ts';
import { importRatings } from './import.ts';
import { recommendations } from './recommend.ts';
import { fixtureDay, loadSkillsFixture } from './test-fixture.ts';

let database: Database;
const context = (settings = defaultSettings) =>
  contextFor(database.db, operator('test'), { today: fixtureDay, settings });
const cell = (map: Awaited<ReturnType<typeof heatmap>>, row: string, competency: string) =>
  map.rows.find((r) => r.code === row)?.cells.find((c) => c.competency === competency);

beforeAll(async () => {
  database = await freshDatabase();
  await loadSkillsFixture(database.db);
}, 120_000);
afterAll(() => database?.close());

describe('the heat map', () => {
  test('by area: mean of validated, else self, with the count behind it; small cells suppressed', async () => {
    const map = await heatmap(context(), { by: 'area' });
    expect(map.min_cell).toBe(3);
    // Area A: H1 validated 2, H2 self 3, D1 validated 1 → 6 / 3 = 2, two of three validated.
    expect(cell(map, 'A', 'data_literacy')).toEqual({
      competency: 'data_literacy',
      leaders: 3,
      validated: 2,
      mean: 2,
      suppressed: false,
    });
    // Area B: H3 3 and H4 4: two leaders, fewer than three.
    expect(cell(map, 'B', 'data_literacy')).toMatchObject({ leaders: 2, mean: null, suppressed: true });
    // The authority: 2 + 3 + 1 + 3 + 4 = 13 over 5.
    expect(cell(map, 'all', 'data_literacy')).toMatchObject({ leaders: 5, validated: 4, mean: 2.6 });
    // Self-evaluation: H1 alone.
    expect(cell(map, 'A', 'self_evaluation')).toMatchObject({ leaders: 1, suppressed: true, mean: null });
    expect(map.competencies).toHaveLength(8);
  });

  test('heads only: area A has two heads (suppressed), the authority 2, 3, 3, 4', async () => {
    const map = await heatmap(context(), { by: 'area', role: 'headteacher' });
    expect(cell(map, 'A', 'data_literacy')).toMatchObject({ leaders: 2, suppressed: true });
    expect(cell(map, 'all', 'data_literacy')).toMatchObject({ leaders: 4, mean: 3 });
  });

  test('by cohort: NPQH-26 is D1 1, H2 3 (self), H3 3; NPQH-24 is H1 alone', async () => {
    const map = await heatmap(context(), { by: 'cohort' });
    expect(cell(map, 'NPQH-26', 'data_literacy')).toMatchObject({ leaders: 3, validated: 2, mean: 2.33 });
    expect(cell(map, 'NPQH-24', 'data_literacy')).toMatchObject({ leaders: 1, suppressed: true });
  });

  test('a smaller minimum cell shows area B', async () => {
    const map = await heatmap(context({ ...defaultSettings, skillsMinCell: 2 }), { by: 'area' });
    expect(cell(map, 'B', 'data_literacy')).toMatchObject({ leaders: 2, mean: 3.5, suppressed: false });
  });
});

describe('recommendations', () => {
  test('H1: self-evaluation (1) then data literacy (2); only programmes not completed with a cohort to join', async () => {
    const answer = await recommendations(context(), { person: 'H1' });
    expect(answer.weak_below).toBe(3);
    // NPQH is completed, new heads' induction has no cohort, aspiring leaders' only cohort is over.
    expect(answer.weaknesses.map((w) => [w.competency, w.rating, w.programmes.map((p) => p.code)])).toEqual([
      ['self_evaluation', 1, ['good_to_outstanding']],
      ['data_literacy', 2, ['good_to_outstanding']],
    ]);
    expect(answer.weaknesses[0]?.programmes[0]?.cohort?.code).toBe('G2O-27');
  });

  test('D1 is on NPQH-26 now: it is not recommended to them again', async () => {
    const answer = await recommendations(context(), { person: 'D1' });
    expect(answer.weaknesses.map((w) => [w.competency, w.programmes.map((p) => p.code)])).toEqual([
      ['data_literacy', ['good_to_outstanding']],
    ]);
  });

  test('area A: data literacy, validated mean (2 + 1) / 2, with every programme and its next cohort', async () => {
    const answer = await recommendations(context({ ...defaultSettings, skillsMinCell: 2 }), { area: 'A' });
    expect(answer.weaknesses.map((w) => [w.competency, w.rating, w.weak_leaders])).toEqual([
      ['data_literacy', 1.5, 2],
    ]);
    expect(answer.weaknesses[0]?.programmes.map((p) => [p.code, p.cohort?.code ?? null])).toEqual([
      ['aspiring_leaders', null],
      ['npqh', 'NPQH-26'],
      ['good_to_outstanding', 'G2O-27'],
    ]);
    // With the default of three validated leaders, area A's two are too few to show.
    expect((await recommendations(context(), { area: 'A' })).weaknesses).toEqual([]);
  });
});

describe('the ratings file', () => {
  const file = (lines: string[]) => ({ name: 'r.csv', bytes: new TextEncoder().encode(lines.join('\n')) });
  test('every problem by row and column, and nothing written', async () => {
    const bad = file([
      'audit,person,competency,self,validated,validator,evidence',
      'AUD-26,H5,data_literacy,5,,,',
      'NOPE,H5,data_literacy,2,,,',
      'AUD-26,L1,data_literacy,2,,,',
      'AUD-26,H5,no_such,2,,,',
      'AUD-26,H5,safeguarding_leadership,,3,,',
      'AUD-26,H5,self_evaluation,2,3,H5,SEF',
    ]);
    const error = await importRatings(context(), bad).catch((e) => e);
    expect(error.details.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual([
      '2:self',
      '3:audit',
      '4:person',
      '5:competency',
      '6:evidence',
      '7:validator',
    ]);
    const leaders = await auditLeaders(context(), 'AUD-26');
    expect(leaders.leaders.find((l) => l.person === 'H5')).toMatchObject({ self_rated: 0, validated: 0 });
  });

  test('a rating the file gives as it is stored is counted unchanged, and only a changed side is written', async () => {
    // The fixture's own rows: H3's data literacy 3 self, 3 validated by L1 on "SEF".
    const same = file([
      'audit,person,competency,self,validated,validator,evidence',
      'AUD-26,H3,data_literacy,3,3,L1,SEF',
    ]);
    expect(await importRatings(context(), same, { dryRun: true })).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    const newEvidence = file([
      'audit,person,competency,self,validated,validator,evidence',
      'AUD-26,H3,data_literacy,3,3,L1,SEF and book look',
    ]);
    expect(await importRatings(context(), newEvidence, { dryRun: true })).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 0,
    });
  });
});

describe('access', () => {
  test('a leader rates themselves; a head of another school cannot see them; an area lead validates in their area only', async () => {
    const h1 = await apiAs(database, 'headteacher', 'S1', 'H1');
    const self = {
      audit: 'AUD-26',
      person: 'H1',
      competency: 'managing_people',
      rating: 4,
      note: 'Staff survey',
    };
    expect((await h1.send('PUT', '/api/v1/skills/ratings/self', self)).body).toMatchObject({
      self: 4,
      gap: null,
    });
    // H1 may not validate their own, nor their deputy (a head does not validate).
    const validation = { ...self, rating: 2, evidence: 'Appraisal records' };
    expect((await h1.send('PUT', '/api/v1/skills/ratings/validated', validation)).status).toBe(403);
    expect(
      (await h1.send('PUT', '/api/v1/skills/ratings/validated', { ...validation, person: 'D1' })).status,
    ).toBe(403);
    const h3 = await apiAs(database, 'headteacher', 'S3', 'H3');
    expect((await h3.get('/api/v1/skills/ratings?audit=AUD-26&person=H1')).status).toBe(404);
    expect((await h3.send('PUT', '/api/v1/skills/ratings/self', self)).status).toBe(404);
    const leadB = await apiAs(database, 'area_lead', 'B');
    expect((await leadB.send('PUT', '/api/v1/skills/ratings/validated', validation)).status).toBe(404);
    const leadA = await apiAs(database, 'area_lead', 'A', 'L1');
    const validated = await leadA.send('PUT', '/api/v1/skills/ratings/validated', validation);
    expect(validated.body).toMatchObject({ self: 4, validated: 2, gap: 2, evidence: 'Appraisal records' });
    const ratings = await h1.get('/api/v1/skills/ratings?audit=AUD-26&person=H1');
    expect(ratings.body).toMatchObject({ may_rate_self: true, may_validate: false });
    // Area A's lead sees area A's three leaders by name, and H1's over-rating: (4-2 + 3-1 + 3-3 + 4-2) / 4 = 1.5.
    const list = await leadA.get('/api/v1/skills/audits/AUD-26/leaders');
    expect(list.body.leaders.map((l: { person: string }) => l.person).sort()).toEqual(['D1', 'H1', 'H2']);
    expect(list.body.leaders.find((l: { person: string }) => l.person === 'H1').gap).toBe(1.5);
  });

  test('the analyst reads the heat map but no leader by name', async () => {
    const analyst = await apiAs(database, 'analyst', 'T');
    expect((await analyst.get('/api/v1/skills/heatmap')).status).toBe(200);
    expect((await analyst.get('/api/v1/skills/audits/AUD-26/leaders')).status).toBe(403);
    expect((await analyst.get('/api/v1/skills/ratings?audit=AUD-26&person=H1')).status).toBe(403);
    expect((await analyst.get('/api/v1/skills/recommendations?person=H1')).status).toBe(403);
    expect((await analyst.get('/api/v1/skills/recommendations?area=A')).status).toBe(200);
  });

  test('a head of area B sees area B and the authority in the heat map, not area A', async () => {
    const h3 = await apiAs(database, 'headteacher', 'S3', 'H3');
    const { body } = await h3.get('/api/v1/skills/heatmap');
    expect(body.rows.map((r: { code: string }) => r.code)).toEqual(['B', 'all']);
  });
});
