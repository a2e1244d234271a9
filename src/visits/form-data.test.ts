// The offline form's data on the tiny authority (T > A {S1, S2}, B {S3, S4, S5}; director P1, area
// leads P2 and P3, the head of S1 P4): area A's lead gets A's two schools only, the people who record
// visits (and post holders at its schools, as action owners), and both shipped rubrics whole; a head is refused.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Role } from '../auth/contract.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { type Context, contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { visitFormData } from './form-data.ts';

let database: Database;
async function contextAs(role: Role, unit: string, person?: string): Promise<Context> {
  const actor = await actorForToken(database.db, await tokenFor(database.db, role, unit, person));
  if (!actor) throw new Error('no actor');
  return contextFor(database.db, actor, { today: '2026-11-20' });
}

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthorityWithLeads(database);
}, 120_000);
afterAll(() => database?.close());

test('an area lead gets their schools, the visitors and post holders, and the current rubrics whole', async () => {
  const leadA = await contextAs('area_lead', 'A', 'P2');
  await contextAs('director', 'T', 'P1');
  await contextAs('headteacher', 'S1', 'P4');
  const data = await visitFormData(leadA);
  expect(data.schools.map((s) => s.code).sort()).toEqual(['S1', 'S2']);
  // The fixture gives nobody a post: the people are the three holders of a role that records visits,
  // and S1's head (an account at S1), who may own an action but is no visitor.
  expect(data.people.map((p) => [p.code, p.name, p.visitor, p.schools])).toEqual([
    ['P4', 'Hal Head', false, ['S1']],
    ['P2', 'Ann Lead', true, []],
    ['P3', 'Bob Lead', true, []],
    ['P1', 'Dee Rector', true, []],
  ]);
  expect(data.rubrics.map((r) => [r.code, r.sections.length])).toEqual([
    ['LEADERSHIP', 7],
    ['LESSON', 4],
  ]);
  expect(data.rubrics[0]?.sections[0]?.criteria[0]?.levels).toHaveLength(4);
});

test('a head, who does not record visits, is refused', async () => {
  const head = await contextAs('headteacher', 'S1', 'P4');
  await expect(visitFormData(head)).rejects.toThrow(/visits/);
});
