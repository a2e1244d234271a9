// The needs list at an authority's scale, checked against counts made by hand on eight needs across the
// tiny authority's five schools: each filter, the counts per group (every filter but the group's own),
// sorting with its tie-breaks, paging, the caller's scope, and callers that still ask for every need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { today } from '../clock.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import type { NeedCount, NeedPage } from './need-contract.ts';
import { needCountsQuery, needPageQuery } from './need-queries.ts';

let database: Database;
let as: Callers;
const daysAgo = (days: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

// school, kind, rule, figures, age in days, status: severity, inspection outcome and area by hand below.
const fixture = [
  ['S1', 'practice', 'red_indicator', {}, 10, 'open'], // 1: medium, outstanding, A
  ['S2', 'nle', 'inspection_category', { overall: 'requires_improvement', category: null }, 45, 'open'], // 2: medium, RI, A
  ['S2', 'mentor', 'first_year_head', {}, 75, 'open'], // 3: low, RI, A
  ['S3', 'nle', 'inspection_category', { overall: 'inadequate', category: 'special_measures' }, 100, 'open'], // 4: critical, inadequate, B
  ['S3', 'headship_cover', 'headship_vacant', {}, 45, 'open'], // 5: high, inadequate, B
  ['S4', 'practice', 'va_below', {}, 10, 'open'], // 6: high, none, B
  ['S5', 'lle', 'manual', {}, 100, 'withdrawn'], // 7: medium, none, B
  ['S4', 'mentor', 'first_year_head', {}, 75, 'supported'], // 8: low, none, B
] as const;
const ids: number[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
  await importFile(
    contextFor(database.db, operator('test')),
    'inspections',
    csv('i.csv', [
      'school_code,inspected_on,overall,leadership,category',
      'S1,2024-05-01,outstanding,outstanding,',
      'S2,2025-06-01,requires improvement,good,',
      'S3,2025-03-01,inadequate,inadequate,special_measures',
    ]),
  );
  const schools = await database.db.selectFrom('org_unit').select(['id', 'code']).execute();
  for (const [school, kind, rule, figures, age, status] of fixture) {
    const row = await database.db
      .insertInto('support_need')
      .values({
        school_id: schools.find((s) => s.code === school)?.id as number,
        kind,
        rule,
        indicator: null,
        evidence: `${rule} at ${school}`,
        figures: JSON.stringify(figures),
        days: 5,
        status,
        raised_on: daysAgo(age),
        raised_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
});
afterAll(() => database?.close());

const page = async (query: string, who: keyof Callers = 'director'): Promise<NeedPage> => {
  const { status, body } = await as[who].get(`/api/v1/brokering/needs?${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
};
/** Fixture numbers (1-based) of the needs on a page, in order. */
const numbers = (p: NeedPage) => p.needs.map((n) => ids.indexOf(n.id) + 1);
const asObject = (counts: NeedCount[]) => Object.fromEntries(counts.map((c) => [c.value, c.count]));

describe('the needs list', () => {
  it('counts every group by hand, with no filter', async () => {
    const all = await page('');
    expect(all.total).toBe(8);
    expect(all.needs).toHaveLength(8);
    expect(asObject(all.counts.severity)).toEqual({ critical: 1, high: 2, medium: 3, low: 2 });
    expect(asObject(all.counts.kind)).toEqual({ practice: 2, nle: 2, mentor: 2, headship_cover: 1, lle: 1 });
    expect(asObject(all.counts.area)).toEqual({ A: 3, B: 5 });
    expect(asObject(all.counts.inspection)).toEqual({
      outstanding: 1,
      requires_improvement: 2,
      inadequate: 2,
      none: 3,
    });
    expect(asObject(all.counts.status)).toEqual({ open: 6, supported: 1, withdrawn: 1 });
    expect(asObject(all.counts.older_than)).toEqual({ '30': 6, '60': 4, '90': 2 });
    const four = all.needs.find((n) => n.id === ids[3]);
    expect([four?.severity, four?.inspection, four?.area, four?.age_days]).toEqual([
      'critical',
      'inadequate',
      'B',
      100,
    ]);
  });

  it("counts each group with the other filters applied, not the group's own", async () => {
    const b = await page('status=open&area=B&sort=severity');
    expect(b.total).toBe(3);
    expect(numbers(b)).toEqual([4, 5, 6]);
    expect(asObject(b.counts.severity)).toEqual({ critical: 1, high: 2 });
    expect(asObject(b.counts.area)).toEqual({ A: 3, B: 3 });
    expect(asObject(b.counts.status)).toEqual({ open: 3, supported: 1, withdrawn: 1 });
  });

  it('filters by severity, inspection, age and school name', async () => {
    expect(numbers(await page('severity=low,high&sort=school'))).toEqual([6, 8, 3, 5]);
    expect(numbers(await page('inspection=none&status=open'))).toEqual([6]);
    expect(numbers(await page('older_than=60&sort=age'))).toEqual([4, 7, 8, 3]);
    expect(numbers(await page('q=third'))).toHaveLength(2);
  });

  it('sorts with stable tie-breaks and pages through the result', async () => {
    // Oldest first; equal ages by severity (5 high before 2 medium; 6 high before 1 medium).
    expect(numbers(await page('status=open&sort=age'))).toEqual([4, 3, 5, 2, 6, 1]);
    expect(numbers(await page('status=open&sort=age&order=asc'))).toEqual([6, 1, 5, 2, 3, 4]);
    const second = await page('status=open&sort=age&page=2&page_size=2');
    expect([second.total, second.page, second.page_size, numbers(second)]).toEqual([6, 2, 2, [5, 2]]);
    expect(numbers(await page('status=open&sort=age&page=4&page_size=2'))).toEqual([]);
    expect(numbers(await page('status=open&sort=school'))).toEqual([1, 6, 2, 3, 4, 5]);
  });

  it('exports every selected need, unpaged, in the order asked for', async () => {
    const response = await as.director.request(
      '/api/v1/brokering/needs?status=open&sort=age&page_size=2&format=csv',
    );
    expect(response.headers.get('content-type')).toContain('text/csv');
    const [header, ...lines] = (await response.text()).trim().split('\n');
    expect(header?.split(',').slice(0, 7)).toEqual([
      'id',
      'school',
      'school_name',
      'area',
      'kind',
      'indicator',
      'severity',
    ]);
    expect(lines.map((l) => ids.indexOf(Number(l.split(',')[0])) + 1)).toEqual([4, 3, 5, 2, 6, 1]);
  });

  it("keeps to the caller's scope", async () => {
    const a = await page('', 'leadA');
    expect([a.total, asObject(a.counts.area)]).toEqual([3, { A: 3 }]);
    expect((await as.leadA.get('/api/v1/brokering/needs?area=B')).status).toBe(404);
    expect((await as.leadA.get('/api/v1/brokering/needs?page_size=0')).status).toBe(400);
  });
});

describe("the needs list's SQL", () => {
  const selection = {
    scope: ['A', 'S1', 'S2'],
    today: '2026-11-01',
    status: ['open' as const],
    severity: ['high' as const],
    olderThan: 30,
  };
  it('a page of needs, filtered and sorted', async () => {
    await expect(
      sqlSnapshot(needPageQuery(selection, { sort: 'age', limit: 50, offset: 50 }).compile(compilingDb)),
    ).toMatchFileSnapshot('./__snapshots__/need-page.sql');
  });
  it('the counts per group', async () => {
    await expect(sqlSnapshot(needCountsQuery(selection).compile(compilingDb))).toMatchFileSnapshot(
      './__snapshots__/need-counts.sql',
    );
  });
});
