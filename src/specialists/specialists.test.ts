// Specialists end to end on the tiny authority (T > A {S1, S2}, B {S3, S4, S5}): an area lead records
// one at a school of their area (and not elsewhere), the list filters by specialism, area and days
// free, a need asking for the specialism is proposed to them with the reason, and a specialism nobody
// holds leaves its need unmet saying so. The list's SQL is a committed snapshot.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { specialistsQuery } from './queries.ts';
import { specialistsOf } from './specialists.ts';

let database: Database;
let as: Record<'director' | 'leadA' | 'leadB' | 'head', Awaited<ReturnType<typeof apiAs>>>;

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  as = {
    director: await apiAs(database, 'director', 'T'),
    leadA: await apiAs(database, 'area_lead', 'A'),
    leadB: await apiAs(database, 'area_lead', 'B'),
    head: await apiAs(database, 'headteacher', 'S1'),
  };
});
afterAll(() => database?.close());

const maths = {
  new_person: { given_name: 'Maya', family_name: 'Maths' },
  kind: 'sle',
  specialisms: ['mathematics'],
  school: 'S1',
  days_per_year: 20,
  accredited_on: '2025-07-01',
};

describe('specialists', () => {
  let id = 0;
  let person = '';

  test('an area lead records a specialist at a school of their area; elsewhere it is not found, a head may not', async () => {
    const made = await as.leadA.send('POST', '/api/v1/specialists', maths);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      person_name: 'Maya Maths',
      kind: 'sle',
      specialism_names: ['Mathematics'],
      school: 'S1',
      area: 'A',
      days_per_year: 20,
      funded: 20,
      committed: 0,
      free: 20,
      accredited_on: '2025-07-01',
    });
    id = made.body.id;
    person = made.body.person;
    expect(person).toMatch(/^SP\d{6}$/);
    expect((await as.leadB.send('POST', '/api/v1/specialists', maths)).status).toBe(404);
    expect((await as.head.send('POST', '/api/v1/specialists', maths)).status).toBe(403);
  });

  test('a specialism must be in the catalogue, not retired, and of the designation’s family', async () => {
    const unknown = await as.leadA.send('POST', '/api/v1/specialists', {
      ...maths,
      specialisms: ['juggling'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/"juggling" is not in the specialisms catalogue/);
    const support = await as.leadA.send('POST', '/api/v1/specialists', {
      ...maths,
      specialisms: ['estates'],
    });
    expect(support.status).toBe(400);
    expect(support.body.error.message).toBe(
      'specialisms: Estates is a support specialism; this designation lists teaching ones',
    );
  });

  test('the list filters by specialism, area and days free, within the caller’s scope', async () => {
    const count = async (who: keyof typeof as, query: string) =>
      (await as[who].get(`/api/v1/specialists?${query}`)).body.total;
    expect(await count('director', 'specialism=mathematics')).toBe(1);
    expect(await count('director', 'specialism=english')).toBe(0);
    expect(await count('director', 'area=A&min_free=20')).toBe(1);
    expect(await count('director', 'min_free=20.5')).toBe(0);
    expect(await count('director', 'kind=support_staff_leader')).toBe(0);
    expect(await count('leadB', '')).toBe(0);
    expect(await count('head', '')).toBe(1);
  });

  test('a need asking for the specialism is proposed to its holder; one nobody holds is unmet, saying so', async () => {
    const need = await as.director.send('POST', '/api/v1/brokering/needs', {
      school: 'S2',
      kind: 'practice',
      specialism: 'mathematics',
      evidence: 'Year 6 mathematics well below the area',
    });
    expect(need.status).toBe(201);
    expect(need.body).toMatchObject({ specialism: 'mathematics', specialism_name: 'Mathematics' });
    const nobody = await as.director.send('POST', '/api/v1/brokering/needs', {
      school: 'S2',
      kind: 'practice',
      specialism: 'it_network',
      evidence: 'The network fails most mornings',
    });
    expect(nobody.status).toBe(201);
    const listed = await as.director.get('/api/v1/brokering/needs?specialism=any');
    expect(listed.body.needs.map((n: { id: number }) => n.id).sort()).toEqual(
      [need.body.id, nobody.body.id].sort(),
    );
    const proposal = await as.director.send('POST', '/api/v1/brokering/proposals', { area: 'A' });
    expect(proposal.status).toBe(201);
    const pair = proposal.body.pairs.find((p: { need: number }) => p.need === need.body.id);
    expect(pair.leader).toBe(person);
    // No school in the tiny authority has a location.
    expect(pair.reasons[0]).toBe(
      'Specialist leader of education (SLE): Mathematics, 20 of 20 days free, distance unknown',
    );
    expect(proposal.body.unmet.find((u: { need: number }) => u.need === nobody.body.id).why).toBe(
      'No leader in the pool holds the IT network specialism for practice sharing',
    );
  });

  test('an edit changes the days, seen in days free; outside the scope it is not found', async () => {
    expect((await as.leadB.send('PATCH', `/api/v1/specialists/${id}`, { days_per_year: 12 })).status).toBe(
      404,
    );
    const changed = await as.leadA.send('PATCH', `/api/v1/specialists/${id}`, {
      days_per_year: 12,
      specialisms: ['mathematics', 'science'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      funded: 12,
      free: 12,
      specialism_names: ['Mathematics', 'Science'],
    });
  });

  test("specialistsOf gives a trust's or an area's specialists", async () => {
    const context = contextFor(database.db, operator('test'));
    // The tiny authority has no trusts: S1 joins one for this.
    await sql`insert into org_group (kind, code, name) values ('trust', 'TA', 'Trust A');
      insert into org_group_member (group_id, org_unit_id) select g.id, o.id from org_group g, org_unit o
      where g.code = 'TA' and o.code = 'S1'`.execute(database.db);
    expect((await specialistsOf(context, { trust: 'TA' })).map((s) => s.person)).toEqual([person]);
    expect((await specialistsOf(context, { area: 'A' })).map((s) => s.person)).toEqual([person]);
    expect(await specialistsOf(context, { trust: 'TB' })).toEqual([]);
    expect(await specialistsOf(context, { area: 'B' })).toEqual([]);
  });

  test('the list’s SQL', async () => {
    const query = specialistsQuery({
      scope: ['A', 'S1'],
      today: '2026-11-28',
      specialism: 'early_reading',
      area: 'A',
      trust: 'TA',
      kind: 'sle',
      minFree: 5,
      q: 'ma',
      sort: 'free',
      descending: true,
      limit: 50,
      offset: 0,
    });
    await expect(sqlSnapshot(query.compile(compilingDb))).toMatchFileSnapshot(
      './__snapshots__/specialists.sql',
    );
  });
});
