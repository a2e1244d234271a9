// The stages on the tiny authority with inspections worked by hand: each school's stage per term and
// today with its reasons and since when, the movement against an independent count from the lists, the
// history kept after a rule change (and replaced only by a recompute), stagesOf, and who may change
// the rules.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import type { StageRuleInput } from './contract.ts';
import { getStageRules, saveStageRules } from './definitions.ts';
import { recordStages } from './history.ts';
import { stageMovement } from './movement.ts';
import { defaultStageRules, defaultStages } from './rules.ts';
import { listStages, schoolStage, stagesOf } from './stages.ts';

const actor = operator('test');
let database: Database;
const context = () => contextFor(database.db, actor, { today: '2026-11-15' });
const terms = ['2025-26T1', '2025-26T2', '2025-26T3'];

// By hand. Terms end 2025-12-31, 2026-04-30 and 2026-08-31. No school has a head in post, so each has
// a high attention reason (headship vacant), which keeps a good school secure rather than sustaining.
// S1 good (2025-10-01): secure throughout. S2 special measures (2025-11-01) then requires improvement
// (2026-06-01): intensive support, intensive support, improving. S3 outstanding (2025-09-15) then
// requires improvement (2026-05-01): leading, leading, improving. S4 never inspected: secure (the last
// rule). S5 good (2024-01-01): secure.
const byHand: Record<string, Record<string, string>> = {
  '2025-26T1': { S1: 'secure', S2: 'intensive_support', S3: 'leading', S4: 'secure', S5: 'secure' },
  '2025-26T2': { S1: 'secure', S2: 'intensive_support', S3: 'leading', S4: 'secure', S5: 'secure' },
  '2025-26T3': { S1: 'secure', S2: 'improving', S3: 'improving', S4: 'secure', S5: 'secure' },
};

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  await importFile(
    contextFor(database.db, actor),
    'inspections',
    csv('i.csv', [
      'school_code,inspected_on,overall,leadership,category',
      'S1,2025-10-01,good,good,',
      'S2,2025-11-01,inadequate,inadequate,special_measures',
      'S2,2026-06-01,requires improvement,requires improvement,',
      'S3,2025-09-15,outstanding,outstanding,',
      'S3,2026-05-01,requires improvement,good,',
      'S5,2024-01-01,good,good,',
    ]),
  );
});
afterAll(() => database.close());

const stagesAt = async (term: string) =>
  Object.fromEntries(
    (await listStages(context(), { term, page: 1, page_size: 100 })).schools.map((s) => [
      s.school_code,
      s.stage,
    ]),
  );

describe('the history per term', () => {
  test('each ended term is recorded when first read, as worked by hand', async () => {
    for (const term of terms) expect(await stagesAt(term)).toEqual(byHand[term]);
  });

  test('reasons say the data: the category and since when', async () => {
    const list = await listStages(context(), {
      term: '2025-26T1',
      stage: 'intensive_support',
      page: 1,
      page_size: 10,
    });
    expect(list.schools).toMatchObject([
      {
        school_code: 'S2',
        stage_name: 'Intensive support',
        rule: 1,
        reasons: ['In an inspection category (special measures) since 2025-11-01'],
        may_offer: { practice: true, placements: false },
      },
    ]);
    expect(list.counts.map((c) => [c.code, c.schools])).toEqual([
      ['intensive_support', 1],
      ['improving', 0],
      ['secure', 3],
      ['sustaining', 0],
      ['leading', 1],
    ]);
  });

  test("a school's page: today's stage, since when, and the terms with the change marked", async () => {
    const detail = await schoolStage(context(), 'S2');
    // Today S2 is still requires improvement, and its attendance (50%) is red in October.
    expect(detail.current).toMatchObject({ stage: 'improving', since: '2026-08-31', rule: 3 });
    expect(detail.current.reasons).toEqual(['Judged requires improvement on 2026-06-01']);
    // Reading today records the four ended terms before it: in 2024-25T3 S2 was not yet inspected.
    expect(detail.history.map((h) => [h.term, h.stage, h.changed])).toEqual([
      ['2024-25T3', 'secure', false],
      ['2025-26T1', 'intensive_support', true],
      ['2025-26T2', 'intensive_support', false],
      ['2025-26T3', 'improving', true],
    ]);
  });
});

describe('movement between stages', () => {
  test('the flows and the transition table equal a count made from each term’s list', async () => {
    const movement = await stageMovement(context(), { terms: 3 });
    expect(movement.terms).toEqual(terms);
    // The independent count: pair each school's stage at one term's end with the next's.
    const counted = new Map<string, number>();
    for (let i = 1; i < terms.length; i++) {
      const before = await stagesAt(terms[i - 1] as string);
      const after = await stagesAt(terms[i] as string);
      for (const [school, stage] of Object.entries(before)) {
        const key = `${stage}>${after[school]}`;
        counted.set(key, (counted.get(key) ?? 0) + 1);
      }
    }
    expect(
      Object.fromEntries(movement.transitions.map((t) => [`${t.from_stage}>${t.to_stage}`, t.schools])),
    ).toEqual(Object.fromEntries(counted));
    // And by hand: one school out of intensive support, one slipping from leading, the rest staying.
    expect(movement.transitions).toEqual([
      { from_stage: 'intensive_support', to_stage: 'intensive_support', schools: 1 },
      { from_stage: 'intensive_support', to_stage: 'improving', schools: 1 },
      { from_stage: 'secure', to_stage: 'secure', schools: 6 },
      { from_stage: 'leading', to_stage: 'improving', schools: 1 },
      { from_stage: 'leading', to_stage: 'leading', schools: 1 },
    ]);
    expect(movement.summary).toEqual([
      { from_term: '2025-26T1', to_term: '2025-26T2', up: 0, down: 0, same: 5 },
      { from_term: '2025-26T2', to_term: '2025-26T3', up: 1, down: 1, same: 3 },
    ]);
  });

  test('per area', async () => {
    const movement = await stageMovement(context(), { area: 'A', terms: 3 });
    expect(movement.flows.filter((f) => f.from_term === '2025-26T2')).toEqual([
      {
        from_term: '2025-26T2',
        to_term: '2025-26T3',
        from_stage: 'intensive_support',
        to_stage: 'improving',
        schools: 1,
      },
      { from_term: '2025-26T2', to_term: '2025-26T3', from_stage: 'secure', to_stage: 'secure', schools: 1 },
    ]);
  });
});

describe('a rule change keeps the history', () => {
  test('today follows the new rules; recorded terms do not, until a term is recomputed on purpose', async () => {
    const goodLeads = [
      {
        stage: 'leading',
        conditions: [{ fact: 'overall' as const, op: 'at_least' as const, value: 'good' as const }],
      },
      ...defaultStageRules,
    ];
    await saveStageRules(context(), { stages: defaultStages, rules: goodLeads });
    expect((await stagesOf(context(), { schools: ['S1'] }))[0]).toMatchObject({
      stage: 'leading',
      since: null,
      reasons: ['Judged good on 2025-10-01'],
      may_offer: { practice: true, placements: true },
    });
    expect(await stagesAt('2025-26T3')).toEqual(byHand['2025-26T3']);
    const recorded = await recordStages(context(), { term: '2025-26T3', recompute: true });
    expect(recorded).toEqual({ recorded: [{ term: '2025-26T3', schools: 5, replaced: true }] });
    expect((await stagesAt('2025-26T3')).S1).toBe('leading');
    expect((await stagesAt('2025-26T2')).S1).toBe('secure');
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'entity'])
      .where('entity', 'in', ['stage_rules', 'school_stage'])
      .execute();
    expect(audit).toContainEqual({ action: 'update', entity: 'stage_rules' });
    expect(audit).toContainEqual({ action: 'recompute', entity: 'school_stage' });
    await saveStageRules(context(), { stages: defaultStages, rules: defaultStageRules });
  });

  test('a stage the history holds cannot be removed; a rule naming no stage is refused', async () => {
    const error = await saveStageRules(context(), {
      stages: defaultStages.filter((s) => s.code !== 'leading'),
      rules: defaultStageRules.filter((r) => r.stage !== 'leading'),
    }).catch((e: unknown) => e);
    expect(String(error)).toContain('leading is in the recorded history and cannot be removed');
    expect((await getStageRules(context())).rules).toHaveLength(defaultStageRules.length);
  });

  test('a term that has not ended is not recorded', async () => {
    const error = await recordStages(context(), { term: '2026-27T1', recompute: false }).catch(
      (e: unknown) => e,
    );
    expect(String(error)).toContain('only an ended term is recorded');
  });
});

describe('who may change the rules', () => {
  test('the director may; an area lead reads them but may not change them', async () => {
    const lead = await apiAs(database, 'area_lead', 'A');
    const read = await lead.get('/api/v1/stages/rules');
    expect(read.status).toBe(200);
    expect(read.body.editable).toBe(false);
    expect(read.body.rules[0].words).toBe('Intensive support when in an inspection category');
    const body = { stages: defaultStages, rules: defaultStageRules };
    expect((await lead.send('PUT', '/api/v1/stages/rules', body)).status).toBe(403);
    const director = await apiAs(database, 'director', 'T');
    const saved = await director.send('PUT', '/api/v1/stages/rules', body);
    expect(saved.status).toBe(200);
    expect(saved.body.editable).toBe(true);
    const bad = await director.send('PUT', '/api/v1/stages/rules', {
      ...body,
      rules: body.rules.slice(0, -1),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('the last rule must have no conditions');
  });

  test('an area lead sees their own schools only', async () => {
    const lead = await apiAs(database, 'area_lead', 'A');
    const { body } = await lead.get('/api/v1/stages?term=2025-26T3');
    expect(body.schools.map((s: { school_code: string }) => s.school_code).sort()).toEqual(['S1', 'S2']);
    expect((await lead.get('/api/v1/stages/schools/S3')).status).toBe(404);
  });
});
