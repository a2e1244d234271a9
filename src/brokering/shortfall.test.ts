// The shortfall of a proposal on the tiny authority, checked by hand: P4, head of S1, is its only NLE
// (20 days funded, and 6 as a mentor), and nobody is a professional partner. The NLE need at S1 cannot
// go to S1's own head (excluded); P4's days go to S2, so S3's and S4's NLE needs wait for days; the
// professional partnering has nobody designated to give it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import type { Shortfall } from './shortfall-contract.ts';
import { s1SharesAttendance } from './test-pool.ts';

let database: Database;
let as: Callers;
const load = (kind: string, lines: string[]) =>
  importFile(contextFor(database.db, operator('test')), kind, csv(`${kind}.csv`, lines));

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
  await load('people', ['code,given_name,family_name,email', 'P5,Nia,New,']);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'P4,S1,headteacher,2015-09-01,,1',
    'P5,S2,headteacher,2026-09-01,,1',
  ]);
  await load('designations', [
    'person_code,kind,starts_on,ends_on,days_per_year',
    'P4,nle,2020-01-01,,20',
    'P4,mentor,2020-01-01,,6',
  ]);
  await load('inspections', [
    'school_code,inspected_on,overall,leadership,category',
    'S1,2024-05-01,outstanding,outstanding,',
    'S2,2025-06-01,requires improvement,good,',
  ]);
  // S1 shares its attendance (S2's weak area), so P4's days go to S2 first.
  await s1SharesAttendance(database.db);
  for (const [school, kind] of [
    ['S1', 'nle'],
    ['S3', 'nle'],
    ['S4', 'nle'],
    ['S3', 'professional_partner'],
  ])
    expect(
      (
        await as.director.send('POST', '/api/v1/brokering/needs', {
          school,
          kind,
          evidence: `Support for ${school}`,
        })
      ).status,
    ).toBe(201);
});
afterEach(() => database?.close());

describe('the shortfall of a proposal', () => {
  it('says why each need went unmet and the days that would meet them, by kind and area', async () => {
    const proposal = await as.director.send('POST', '/api/v1/brokering/proposals', {});
    expect(proposal.status).toBe(201);
    const { status, body } = await as.director.get('/api/v1/brokering/shortfall');
    expect(status).toBe(200);
    const shortfall = body as Shortfall;
    expect([shortfall.proposal, shortfall.unit, shortfall.needs, shortfall.matched]).toEqual([
      proposal.body.id,
      'T',
      proposal.body.unmet.length,
      proposal.body.pairs.length,
    ]);
    const reasonOf = (school: string, kind: string) =>
      shortfall.unmet
        .filter((n) => n.school === school && n.kind === kind)
        .map((n) => [n.reason, n.days, n.leaders]);
    // P4 leads S1: nobody else may meet its NLE need.
    expect(reasonOf('S1', 'nle')).toEqual([['excluded', 20, 0]]);
    // P4's 26 days went to S2's pairs: S3's and S4's NLE needs wait for days (P4 would do).
    expect(proposal.body.pairs.every((p: { leader: string }) => p.leader === 'P4')).toBe(true);
    expect(reasonOf('S3', 'nle')).toEqual([['no_days_left', 20, 1]]);
    expect(reasonOf('S4', 'nle')).toEqual([['no_days_left', 20, 1]]);
    // Nobody is a professional partner.
    expect(reasonOf('S3', 'professional_partner')).toEqual([['no_eligible_leader', 6, 0]]);
    // The totals add up, every way they are cut.
    const days = shortfall.unmet.reduce((sum, n) => sum + n.days, 0);
    expect(shortfall.days).toBe(days);
    expect(shortfall.by_reason.reduce((sum, r) => sum + r.days, 0)).toBe(days);
    expect(shortfall.groups.reduce((sum, g) => sum + g.needs, 0)).toBe(shortfall.needs);
    const waiting = shortfall.groups.find(
      (g) => g.kind === 'nle' && g.reason === 'no_days_left' && g.area === 'B',
    );
    expect([waiting?.needs, waiting?.days]).toEqual([2, 40]);
  });

  it("keeps to the caller's scope", async () => {
    const whole = await as.director.send('POST', '/api/v1/brokering/proposals', {});
    expect((await as.leadB.get(`/api/v1/brokering/shortfall?proposal=${whole.body.id}`)).status).toBe(404);
    expect((await as.leadB.get('/api/v1/brokering/shortfall')).status).toBe(404);
    expect((await as.leadB.get('/api/v1/brokering/shortfall?area=A')).status).toBe(404);
    const mine = await as.leadB.send('POST', '/api/v1/brokering/proposals', { area: 'B' });
    const own = await as.leadB.get('/api/v1/brokering/shortfall');
    expect([own.status, own.body.proposal, own.body.unit]).toEqual([200, mine.body.id, 'B']);
    expect(own.body.unmet.every((n: { area: string }) => n.area === 'B')).toBe(true);
  });
});
