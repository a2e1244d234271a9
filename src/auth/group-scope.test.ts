import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';
import { operator } from './actor.ts';
import { actorForUser } from './scope.ts';
import { apiAs } from './testing.ts';
import { addUser, listUsers, revokeRole, userByEmail } from './users.ts';

// The tiny authority (areas A and B, schools S1-S5), with a cluster C in area B and a trust that cuts
// across both areas: TR holds S2 (area A) and S3 (cluster C of area B); OT holds S4.
const admin = operator('test');
let database: Database;
beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  await importFile(
    contextFor(database.db, admin),
    'org-units',
    csv('o.csv', ['code,name,level,parent_code', 'C,Cluster C,cluster,B']),
  );
  await importFile(
    contextFor(database.db, admin),
    'schools',
    csv('s.csv', [
      'code,name,phase,area_code,cluster_code,trust_code,trust_name',
      'S2,Small School,primary,A,,TR,Cross Trust',
      'S3,Third School,primary,B,C,TR,Cross Trust',
      'S4,Fourth School,primary,B,,OT,Other Trust',
    ]),
  );
});
afterEach(() => database.close());

describe('a role held at a trust', () => {
  test('a director at a trust sees exactly its member schools by name, and no others', async () => {
    const { get } = await apiAs(database, 'director', 'TR');
    const list = await get('/api/v1/schools?page_size=100');
    expect(list.status).toBe(200);
    expect(list.body.schools.map((s: { code: string; name: string }) => [s.code, s.name])).toEqual([
      ['S2', 'Small School'],
      ['S3', 'Third School'],
    ]);
    expect((await get('/api/v1/schools/S2')).status).toBe(200);
    expect((await get('/api/v1/dashboards/schools/S3?period=2026-10')).status).toBe(200);
    for (const other of ['S1', 'S4', 'S5']) {
      expect((await get(`/api/v1/schools/${other}`)).status).toBe(404);
      expect((await get(`/api/v1/dashboards/schools/${other}?period=2026-10`)).status).toBe(404);
    }
  });

  test('the areas, cluster and authority above its schools are comparisons: aggregates, never their schools', async () => {
    const { get } = await apiAs(database, 'director', 'TR');
    // Aggregates of the units above the trust's schools are there to compare with.
    const areas = await get('/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=area');
    expect(areas.body.results.map((r: { org_unit: string }) => r.org_unit)).toEqual(['A', 'B']);
    expect((await get('/api/v1/org-units/C')).status).toBe(200);
    // ... but not by name: an area's page and its schools' list are not the trust's to see.
    expect((await get('/api/v1/dashboards/areas/A?period=2026-10')).status).toBe(404);
    const schools = await get('/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=school');
    const named = schools.body.results.filter((r: { org_unit: string }) => r.org_unit !== '');
    expect(named.map((r: { org_unit: string }) => r.org_unit).sort()).toEqual(['S2', 'S3']);
    expect(schools.body.results).toHaveLength(5);
  });

  test('the actor carries the trust it leads, its schools as scope and the units above as comparisons', async () => {
    await addUser(contextFor(database.db, admin), {
      email: 'ceo@tr.example',
      role: 'director',
      orgUnit: 'TR',
    });
    const user = await userByEmail(database.db, 'ceo@tr.example');
    const actor = await actorForUser(database.db, user as { id: number; email: string; name: string });
    expect(actor.grants).toEqual([{ role: 'director', org_unit: 'TR', group: 'trust' }]);
    expect(actor.scope.all).toBe(false);
    expect([...actor.scope.units].sort()).toEqual(['S2', 'S3']);
    expect([...actor.scope.comparisons].sort()).toEqual(['A', 'B', 'C', 'T']);
    expect([...actor.scope.groups]).toEqual(['TR']);
  });
});

describe('adding a user at a trust', () => {
  test('user add resolves a trust’s code, the listing shows it, and revoke takes it away', async () => {
    const added = await addUser(contextFor(database.db, admin), {
      email: 'ceo@tr.example',
      role: 'director',
      orgUnit: 'TR',
    });
    expect(added).toMatchObject({ created: true });
    await addUser(contextFor(database.db, admin), { email: 'ceo@tr.example', role: 'viewer', orgUnit: 'OT' });
    const everyone = { page: 1, page_size: 50 };
    const { users } = await listUsers(contextFor(database.db, admin), everyone);
    expect(users.find((u) => u.email === 'ceo@tr.example')?.roles).toMatchObject([
      { role: 'director', org_unit: 'TR', group: 'trust' },
      { role: 'viewer', org_unit: 'OT', group: 'trust' },
    ]);
    await revokeRole(contextFor(database.db, admin), 'ceo@tr.example', 'viewer', 'OT');
    expect(
      (await listUsers(contextFor(database.db, admin), everyone)).users.find(
        (u) => u.email === 'ceo@tr.example',
      )?.roles,
    ).toMatchObject([{ role: 'director', org_unit: 'TR', group: 'trust' }]);
    // The change is in the audit trail, row and all.
    const changes = await database.db
      .selectFrom('audit_change')
      .select(['operation', 'after'])
      .where('table_name', '=', 'role_grant')
      .orderBy('id')
      .execute();
    expect(changes[0]).toMatchObject({ operation: 'insert', after: { role: 'director', org_unit_id: null } });
    expect((changes[0]?.after as { org_group_id?: number } | undefined)?.org_group_id).toBeGreaterThan(0);
  });

  test('a headteacher role at a trust is refused by name; an unknown code is not found', async () => {
    await expect(
      addUser(contextFor(database.db, admin), {
        email: 'head@tr.example',
        role: 'headteacher',
        orgUnit: 'TR',
      }),
    ).rejects.toThrow(
      'The role headteacher cannot be held at a trust (TR); the roles held at a trust or federation are director, viewer, analyst',
    );
    await expect(
      addUser(contextFor(database.db, admin), { email: 'x@tr.example', role: 'director', orgUnit: 'T03' }),
    ).rejects.toThrow('Org unit, trust or federation T03 was not found');
    expect(await userByEmail(database.db, 'head@tr.example')).toBeUndefined();
  });

  test('the admin API adds a director at a trust, and refuses an area lead there', async () => {
    const { send, get } = await apiAs(database, 'admin', 'T');
    const ok = await send('POST', '/api/v1/users', {
      email: 'ceo@tr.example',
      role: 'director',
      org_unit: 'TR',
    });
    expect(ok.status).toBe(200);
    const refused = await send('POST', '/api/v1/users', {
      email: 'al@tr.example',
      role: 'area_lead',
      org_unit: 'TR',
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('The role area_lead cannot be held at a trust (TR)');
    const users = await get('/api/v1/users');
    expect(users.body.users.find((u: { email: string }) => u.email === 'ceo@tr.example').roles).toMatchObject(
      [{ role: 'director', org_unit: 'TR', group: 'trust' }],
    );
  });

  test('the database itself refuses a grant at both a unit and a group, and a head at a group', async () => {
    const db = database.db;
    await addUser(contextFor(db, admin), { email: 'ceo@tr.example', role: 'director', orgUnit: 'TR' });
    const user = await userByEmail(db, 'ceo@tr.example');
    const tr = await db
      .selectFrom('org_group')
      .select('id')
      .where('code', '=', 'TR')
      .executeTakeFirstOrThrow();
    const a = await db.selectFrom('org_unit').select('id').where('code', '=', 'A').executeTakeFirstOrThrow();
    const insert = (values: { role: string; org_unit_id: number | null; org_group_id: number | null }) =>
      db
        .insertInto('role_grant')
        .values({ user_id: user?.id as number, ...values })
        .execute();
    await expect(insert({ role: 'viewer', org_unit_id: a.id, org_group_id: tr.id })).rejects.toThrow();
    await expect(insert({ role: 'viewer', org_unit_id: null, org_group_id: null })).rejects.toThrow();
    await expect(insert({ role: 'headteacher', org_unit_id: null, org_group_id: tr.id })).rejects.toThrow();
  });
});
