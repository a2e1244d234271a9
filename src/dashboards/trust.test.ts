import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { apiAs } from '../auth/testing.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../kpi/test-fixtures.ts';

// The tiny authority's October 2026 attendance (sessions attended / possible): S1 950/1000 and S2 50/100
// in area A; S3 380/400 and S4 190/200 in area B; S5 sends nothing. Trust TR holds S2 and S3, across both
// areas; federation FD holds S4 and S5.
const admin = operator('test');
let database: Database;
beforeEach(async () => {
  database = await freshDatabase();
  await loadTinyAuthority(database.db);
  await importFile(
    contextFor(database.db, admin),
    'schools',
    csv('s.csv', [
      'code,name,phase,area_code,trust_code,trust_name,federation_code,federation_name',
      'S2,Small School,primary,A,TR,Cross Trust,,',
      'S3,Third School,primary,B,TR,Cross Trust,,',
      'S4,Fourth School,primary,B,,,FD,Fourth and Fifth Federation',
      'S5,Fifth School,primary,B,,,FD,Fourth and Fifth Federation',
    ]),
  );
});
afterEach(() => database.close());

type Cells = Record<string, { value: number | null; completeness: number | null }>;

describe('the trust overview', () => {
  test('the trust is its schools’ summed sessions, not the mean of their rates, beside its areas and the authority', async () => {
    const { get } = await apiAs(database, 'director', 'TR');
    const { status, body } = await get('/api/v1/dashboards/trusts/TR?period=2026-10');
    expect(status).toBe(200);
    expect(body.trust).toMatchObject({ code: 'TR', name: 'Cross Trust', kind: 'trust' });
    // (50 + 380) / (100 + 400) = 86%; the mean of the schools' 50% and 95% would be 72.5%.
    const trust = (body.trust.cells as Cells).attendance_rate;
    expect(trust?.value).toBeCloseTo((100 * (50 + 380)) / (100 + 400), 10);
    expect(trust?.completeness).toBe(1);
    expect(
      body.schools.map((s: { code: string; area_code: string; cells: Cells }) => [
        s.code,
        s.area_code,
        s.cells.attendance_rate?.value,
      ]),
    ).toEqual([
      ['S2', 'A', 50],
      ['S3', 'B', 95],
    ]);
    // The areas its schools sit in and the authority, to compare with.
    expect(
      body.areas.map((a: { code: string; cells: Cells }) => [a.code, a.cells.attendance_rate?.value]),
    ).toEqual([
      ['A', (100 * 1000) / 1100],
      ['B', 95],
    ]);
    expect((body.authority.cells as Cells).attendance_rate?.value).toBeCloseTo((100 * 1570) / 1700, 10);
    // The same figure as `headway kpi --level trust` (the analytics API at the trust level).
    const analytics = await get('/api/v1/analytics?indicator=attendance_rate&period=2026-10&level=trust');
    expect(analytics.body.results).toHaveLength(1);
    expect(analytics.body.results[0]).toMatchObject({ org_unit: 'TR', numerator: 430, denominator: 500 });
    expect(analytics.body.results[0].value).toBe(trust?.value);
  });

  test('a federation has the same page; a silent school is missing, not zero, with its concern', async () => {
    const { get } = await apiAs(database, 'viewer', 'FD');
    const { status, body } = await get('/api/v1/dashboards/trusts/FD?period=2026-10');
    expect(status).toBe(200);
    expect(body.trust.kind).toBe('federation');
    // Only S4 reported: 190 / 200, from one of two school-months.
    expect(body.trust.cells.attendance_rate).toMatchObject({ value: 95, completeness: 0.5 });
    // In name order; S5 has sent nothing for two months running (and no school of the fixtures has a head).
    expect(
      body.schools.map((s: { code: string; concerns: { kind: string }[] }) => [
        s.code,
        s.concerns.map((c) => c.kind),
      ]),
    ).toEqual([
      ['S5', ['headship_vacant', 'return_missing_two_periods']],
      ['S4', ['headship_vacant']],
    ]);
  });

  test('the whole authority and the trust’s own grantees see it; anyone else gets 404', async () => {
    const expectStatus = async (role: Parameters<typeof apiAs>[1], at: string, status: number) => {
      const { get } = await apiAs(database, role, at);
      expect((await get('/api/v1/dashboards/trusts/TR?period=2026-10')).status, `${role} at ${at}`).toBe(
        status,
      );
    };
    await expectStatus('director', 'T', 200);
    await expectStatus('viewer', 'TR', 200);
    await expectStatus('director', 'FD', 404);
    await expectStatus('area_lead', 'A', 404);
    await expectStatus('headteacher', 'S2', 404);
    const { get } = await apiAs(database, 'director', 'T');
    expect((await get('/api/v1/dashboards/trusts/T99?period=2026-10')).status).toBe(404);
  });

  test('the director’s overview lists every trust; a trust’s chief executive sees only their own', async () => {
    const director = await apiAs(database, 'director', 'T');
    const all = await director.get('/api/v1/dashboards/overview?period=2026-10');
    expect(all.body.trusts).toEqual([
      { code: 'TR', name: 'Cross Trust', kind: 'trust', schools: 2 },
      { code: 'FD', name: 'Fourth and Fifth Federation', kind: 'federation', schools: 2 },
    ]);
    const ceo = await apiAs(database, 'director', 'TR');
    const own = await ceo.get('/api/v1/dashboards/overview?period=2026-10');
    expect(own.body.trusts).toEqual([{ code: 'TR', name: 'Cross Trust', kind: 'trust', schools: 2 }]);
    expect(own.body.areas).toEqual([]);
  });
});
