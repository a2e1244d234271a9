// The role catalogue through the API on the tiny authority (T > A {S1, S2}, B {S3, S4, S5}): shipped as
// the authority's catalogue defines the roles; edited by a whole-authority broker, validated and audited;
// a designation without days takes its role's funded days; the match gives an interim head one vacancy
// and may propose an executive head; an accreditation is imported with its date.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { loadTinyPool } from './test-pool.ts';

let database: Database;
let as: Callers;
const asOf = '2026-11-01';
const load = (kind: string, lines: string[]) =>
  importFile(contextFor(database.db, operator('test')), kind, csv(`${kind}.csv`, lines));

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
  await loadTinyPool(database.db, { people: [] });
});
afterEach(() => database?.close());

interface Role {
  code: string;
  funded_days: number;
  max_schools: number;
  meets: string[];
  own_school_at_least: string | null;
  judged_on: string;
  serving_head: boolean;
  accreditation: string | null;
  no_acting_capacity: boolean;
  holder_rules: string;
}

const roles = async (): Promise<Role[]> => (await as.director.get('/api/v1/brokering/roles')).body.roles;
const leaders = async (): Promise<{ code: string; funded: number }[]> =>
  (await as.director.get(`/api/v1/brokering/leaders?as_of=${asOf}`)).body.leaders;

describe('the role catalogue', () => {
  it('ships the roles as the catalogue defines them', async () => {
    const byCode = new Map((await roles()).map((r) => [r.code, r]));
    expect([...byCode.keys()]).toEqual([
      'advisory_head',
      'executive_head',
      'interim_head',
      'mentor',
      'professional_partner',
      'lle',
      'nle',
      'sle',
      'npqh_host',
      'associate_head',
      'npqh',
      // Specialists as system leaders (migration 0042): they share practice in their specialism.
      'outstanding_teacher',
      'support_staff_leader',
    ]);
    expect(byCode.get('support_staff_leader')).toMatchObject({ meets: ['practice'], funded_days: 10 });
    expect(byCode.get('lle')).toMatchObject({
      funded_days: 15,
      meets: ['lle'],
      serving_head: true,
      own_school_at_least: 'good',
      judged_on: 'leadership',
    });
    expect(byCode.get('nle')).toMatchObject({ meets: ['nle'], own_school_at_least: 'outstanding' });
    expect(byCode.get('interim_head')).toMatchObject({ max_schools: 1, meets: ['headship_cover'] });
    expect(byCode.get('executive_head')).toMatchObject({
      meets: ['headship_cover'],
      no_acting_capacity: true,
      holder_rules:
        "a serving head; own school's overall judgement good or outstanding; only for a school with no head and no deputy or assistant head to act (or in their own federation)",
    });
    expect(byCode.get('lle')?.holder_rules).toBe(
      "a serving head; own school's leadership good or outstanding",
    );
    expect(byCode.get('advisory_head')?.meets).toEqual(['headship_cover', 'professional_partner']);
    expect(byCode.get('professional_partner')?.accreditation).toBe(
      'the 2-day professional partner accreditation',
    );
    expect(byCode.get('npqh_host')?.meets).toEqual(['npqh_internship']);
    expect(byCode.get('associate_head')).toMatchObject({ meets: ['leadership_placement'], funded_days: 10 });
    expect(byCode.get('npqh')?.meets).toEqual([]);
  });

  it('is changed by a whole-authority broker, validated, and audited', async () => {
    expect((await as.leadA.send('PATCH', '/api/v1/brokering/roles/lle', { funded_days: 20 })).status).toBe(
      403,
    );
    const bad = await as.director.send('PATCH', '/api/v1/brokering/roles/lle', { funded_days: -1 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('funded_days');
    const badKind = await as.director.send('PATCH', '/api/v1/brokering/roles/lle', { meets: ['tutoring'] });
    expect(badKind.status).toBe(400);
    const none = await as.director.send('PATCH', '/api/v1/brokering/roles/lle', { funded_days: 0 });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe(
      'Role lle: funded_days: a role that meets needs funds at least some days',
    );
    expect(
      (await as.director.send('PATCH', '/api/v1/brokering/roles/wizard', { funded_days: 5 })).status,
    ).toBe(404);
    const changed = await as.director.send('PATCH', '/api/v1/brokering/roles/lle', {
      funded_days: 18,
      max_schools: 2,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ code: 'lle', funded_days: 18, max_schools: 2, meets: ['lle'] });
    expect((await roles()).find((r) => r.code === 'lle')?.funded_days).toBe(18);
    const events = await database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('entity', '=', 'leader-role')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toMatchObject({ code: 'lle', change: { funded_days: 18, max_schools: 2 } });
  });

  it("gives a designation without days its role's funded days, as the catalogue says them now", async () => {
    await load('people', ['code,given_name,family_name,email', 'P8,Lou,Local,']);
    await load('posts', [
      'person_code,org_unit_code,role,starts_on,ends_on,fte',
      'P8,S4,headteacher,2019-09-01,,1',
    ]);
    await load('inspections', [
      'school_code,inspected_on,overall,leadership,category',
      'S4,2025-01-10,good,good,',
    ]);
    await load('designations', ['person_code,kind,starts_on,ends_on,days_per_year', 'P8,lle,2022-01-01,,']);
    expect((await leaders()).find((l) => l.code === 'P8')?.funded).toBe(15);
    await as.director.send('PATCH', '/api/v1/brokering/roles/lle', { funded_days: 21 });
    expect((await leaders()).find((l) => l.code === 'P8')?.funded).toBe(21);
  });
});

describe('the match reads the catalogue', () => {
  it('never gives an interim head two vacancies, and may propose an executive head', async () => {
    // P7 (an interim head) now has 200 days, enough for all three of B's vacant headships (40 each);
    // P6's advisory designation has ended.
    await load('designations', [
      'person_code,kind,starts_on,ends_on,days_per_year',
      'P7,interim_head,2020-01-01,,200',
      'P6,advisory_head,2020-01-01,2020-06-01,80',
    ]);
    const made = await as.director.send('POST', '/api/v1/brokering/proposals', { as_of: asOf });
    expect(made.status).toBe(201);
    const covers = made.body.pairs.filter((p: { kind: string }) => p.kind === 'headship_cover');
    expect(covers.map((p: { leader: string }) => p.leader)).toEqual(['P7']);
    const unmet = made.body.unmet.filter((u: { kind: string }) => u.kind === 'headship_cover');
    expect(unmet).toHaveLength(2);
    expect(unmet[0].why).toBe(
      'its 1 eligible leader has no days or school places left after the proposed pairs, which give a higher total fit',
    );
    // P4 heads S1 (outstanding): as an executive head they may be seconded to a vacant headship.
    await load('designations', [
      'person_code,kind,starts_on,ends_on,days_per_year',
      'P4,executive_head,2024-01-01,,80',
    ]);
    const again = await as.director.send('POST', '/api/v1/brokering/proposals', { as_of: asOf });
    const coversNow = again.body.pairs.filter((p: { kind: string }) => p.kind === 'headship_cover');
    // An executive head may lead two schools (the catalogue's limit); the interim head still one.
    expect(coversNow.map((p: { leader: string }) => p.leader).sort()).toEqual(['P4', 'P4', 'P7']);
    const byP4 = coversNow.find((p: { leader: string }) => p.leader === 'P4');
    expect(byP4.reasons[0]).toContain('Executive headteacher');
  });

  it('imports an accreditation with its date, and refuses a professional partner without one', async () => {
    // P6, an advisory head who may coach too, has ended: P9 is the only one who might.
    await load('people', ['code,given_name,family_name,email', 'P9,Pat,Partner,']);
    await load('designations', [
      'person_code,kind,starts_on,ends_on,days_per_year,accredited_on',
      'P6,advisory_head,2020-01-01,2020-06-01,80,',
      'P9,professional_partner,2024-01-01,,20,',
    ]);
    const need = await as.director.send('POST', '/api/v1/brokering/needs', {
      school: 'S2',
      kind: 'professional_partner',
      evidence: 'Asked for coaching',
    });
    expect(need.status).toBe(201);
    const first = await as.director.send('POST', '/api/v1/brokering/proposals', { as_of: asOf });
    const unmet = first.body.unmet.find((u: { need: number }) => u.need === need.body.id);
    expect(unmet.why).toBe(
      'No eligible leader; the nearest, Pat Partner: no record of the 2-day professional partner accreditation (a professional partner needs it)',
    );
    await load('designations', [
      'person_code,kind,starts_on,ends_on,days_per_year,accredited_on',
      'P9,professional_partner,2024-01-01,,20,2024-02-02',
    ]);
    const second = await as.director.send('POST', '/api/v1/brokering/proposals', { as_of: asOf });
    expect(second.body.pairs.find((p: { need: number }) => p.need === need.body.id)?.leader).toBe('P9');
  });

  it('raises an internship for an NPQH deputy and a placement a deputy asked for, met by host heads once', async () => {
    await load('people', ['code,given_name,family_name,email', 'D1,Dee,Deputy,', 'D2,Ash,Assistant,']);
    await load('posts', [
      'person_code,org_unit_code,role,starts_on,ends_on,fte',
      'D1,S3,deputy_headteacher,2021-09-01,,1',
      'D2,S4,assistant_headteacher,2022-09-01,,1',
    ]);
    // D1 holds the NPQH; D2, not a head, holds the associate head designation: their request. P4 (head of
    // S1, outstanding) hosts both, their NLE, LLE and mentoring over so as to have the places.
    await load('designations', [
      'person_code,kind,starts_on,ends_on,days_per_year',
      'P4,nle,2020-01-01,2020-06-01,20',
      'P4,lle,2020-01-01,2020-06-01,0',
      'P4,mentor,2020-01-01,2020-06-01,6',
      'D1,npqh,2025-07-01,,',
      'D2,associate_head,2026-09-01,,',
      'P4,npqh_host,2024-01-01,,',
      'P4,associate_head,2024-01-01,,',
    ]);
    // S2's two practice needs take two of P4's places: the authority allows five.
    const settings = (await as.director.get('/api/v1/brokering/settings')).body;
    await as.director.send('PUT', '/api/v1/brokering/settings', { ...settings, max_schools: 5 });
    const made = await as.director.send('POST', '/api/v1/brokering/proposals', { as_of: asOf });
    expect(made.status).toBe(201);
    const development = made.body.pairs
      .filter((p: { kind: string }) => p.kind === 'npqh_internship' || p.kind === 'leadership_placement')
      .map((p: { kind: string; school: string; leader: string; evidence: string }) => [
        p.kind,
        p.school,
        p.leader,
        p.evidence,
      ]);
    expect(development.sort()).toEqual([
      [
        'leadership_placement',
        'S4',
        'P4',
        'Ash Assistant, assistant head, has asked for an associate head placement and has had none',
      ],
      [
        'npqh_internship',
        'S3',
        'P4',
        'Dee Deputy, deputy head, holds the NPQH and has no internship recorded',
      ],
    ]);
    // D2's request is not a role: the pool has no D2.
    expect((await leaders()).map((l) => l.code)).not.toContain('D2');
    // Accepted, the internship is recorded: a later refresh does not raise it again, even once it is over.
    const internship = made.body.pairs.find((p: { kind: string }) => p.kind === 'npqh_internship');
    const decided = await as.director.send('POST', `/api/v1/brokering/proposals/${made.body.id}/decisions`, {
      as_of: asOf,
      decisions: [{ need: internship.need, decision: 'accept' }],
    });
    expect(decided.status).toBe(201);
    await database.db.updateTable('deployment').set({ status: 'finished', outcome_note: 'Done' }).execute();
    await database.db
      .updateTable('support_need')
      .set({ status: 'closed' })
      .where('kind', '=', 'npqh_internship')
      .execute();
    expect(
      (await as.director.send('POST', '/api/v1/brokering/needs/refresh?as_of=2026-11-02', {})).status,
    ).toBe(200);
    const { body } = await as.director.get('/api/v1/brokering/needs?kind=npqh_internship');
    expect(body.needs.map((n: { status: string }) => n.status)).toEqual(['closed']);
  });
});
