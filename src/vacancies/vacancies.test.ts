// The vacancy register against the tiny authority (T > A {S1, S2}, B {S3, S4, S5}; director P1, area
// leads P2 (A) and P3 (B), head of S1 P4), on 2026-11-20. Time to fill and filled-first-time by hand.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import type { Role } from '../auth/contract.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { type Context, contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import {
  addRound,
  appoint,
  editRound,
  listVacancies,
  openVacancy,
  setCover,
  vacancyDetail,
  withdrawVacancy,
} from './vacancies.ts';

const today = '2026-11-20';
let database: Database;
const as: Record<string, Context> = {};

async function contextAs(role: Role, unit: string, person?: string): Promise<Context> {
  const actor = await actorForToken(database.db, await tokenFor(database.db, role, unit, person));
  if (!actor) throw new Error('no actor');
  return contextFor(database.db, actor, { today });
}

const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthorityWithLeads(database);
  const ctx = contextFor(database.db, operator('test'));
  await importFile(
    ctx,
    'people',
    csv('p.csv', [
      'code,given_name,family_name,email',
      'P5,Old,Head,',
      'P6,New,Head,',
      'P7,Acting,Deputy,',
      'P8,Next,Head,',
    ]),
  );
  await importFile(
    ctx,
    'posts',
    csv('posts.csv', [
      'person_code,org_unit_code,role,starts_on',
      'P5,S2,headteacher,2010-09-01',
      'P7,S2,deputy_headteacher,2015-09-01',
    ]),
  );
  as.director = await contextAs('director', 'T', 'P1');
  as.leadA = await contextAs('area_lead', 'A', 'P2');
  as.leadB = await contextAs('area_lead', 'B', 'P3');
  as.headS1 = await contextAs('headteacher', 'S1', 'P4');
  as.analyst = await contextAs('analyst', 'T');
}, 120_000);
afterAll(() => database?.close());

describe('the register', () => {
  test('an area lead opens a headship vacancy in their area with an acting head from the school', async () => {
    ids.s2 = (
      await openVacancy(as.leadA as Context, {
        school: 'S2',
        post_role: 'headteacher',
        opened_on: '2026-01-10',
        reason: 'retirement',
        leaving_person: 'P5',
        cover_person: 'P7',
      })
    ).id;
    const vacancy = await vacancyDetail(as.leadA as Context, ids.s2 as number);
    expect(vacancy.status).toBe('open');
    expect(vacancy.cover).toEqual({
      kind: 'acting_head',
      person: { code: 'P7', name: 'Acting Deputy' },
      role: 'acting_head',
      deployment_id: null,
      starts_on: null,
      ends_on: null,
    });
    expect(vacancy.leaving?.code).toBe('P5');
  });

  test('not in their area, nor a head, nor an analyst: refused', async () => {
    const input = {
      school: 'S3',
      post_role: 'headteacher' as const,
      opened_on: '2026-02-01',
      reason: 'resignation' as const,
    };
    await expect(openVacancy(as.leadA as Context, input)).rejects.toThrow(/S3/);
    await expect(openVacancy(as.headS1 as Context, { ...input, school: 'S1' })).rejects.toThrow(
      /broker support/,
    );
    await expect(openVacancy(as.analyst as Context, input)).rejects.toThrow(/broker support/);
    ids.s3 = (await openVacancy(as.leadB as Context, input)).id;
    ids.s1 = (
      await openVacancy(as.director as Context, {
        ...input,
        school: 'S1',
        post_role: 'deputy_headteacher',
        opened_on: '2026-03-01',
      })
    ).id;
  });

  test('rounds: a round not appointed is readvertised; one still open refuses the next; counts must add up', async () => {
    const lead = as.leadA as Context;
    const id = ids.s2 as number;
    await addRound(lead, id, {
      advertised_on: '2026-01-20',
      closes_on: '2026-02-10',
      applications: 3,
      shortlisted: 2,
      interviewed: 2,
      panel: 'Chair of governors, one governor, area lead',
      governors_on_panel: 2,
    });
    await expect(
      addRound(lead, id, { advertised_on: '2026-03-01', closes_on: '2026-03-20' }),
    ).rejects.toThrow(/Round 1 is still open/);
    await expect(editRound(lead, id, 1, { interviewed: 3 })).rejects.toThrow(
      /interviewed \(3\) is more than shortlisted \(2\)/,
    );
    await editRound(lead, id, 1, { outcome: 'not_appointed' });
    const after = await addRound(lead, id, {
      advertised_on: '2026-03-01',
      closes_on: '2026-03-20',
      applications: 5,
      shortlisted: 3,
      interviewed: 3,
      governors_on_panel: 2,
    });
    expect(after.round_list.map((r) => [r.number, r.outcome, r.applications])).toEqual([
      [1, 'not_appointed', 3],
      [2, 'open', 5],
    ]);
    expect(after.rounds).toBe(2);
    expect(after.applications).toBe(8);
  });

  test('the appointment writes the post and ends the leaver’s; time to fill by hand', async () => {
    const filled = await appoint(as.leadA as Context, ids.s2 as number, {
      person: 'P6',
      appointed_on: '2026-04-15',
      starts_on: '2026-09-01',
    });
    // 2026-01-10 to 2026-04-15: 21 (rest of January) + 28 + 31 + 15 = 95 days; readvertised, so not first time.
    expect([filled.status, filled.days_to_fill, filled.filled_first_time, filled.appointed?.code]).toEqual([
      'filled',
      95,
      false,
      'P6',
    ]);
    expect(filled.round_list.map((r) => r.outcome)).toEqual(['not_appointed', 'appointed']);
    const posts = await database.db
      .selectFrom('post as p')
      .innerJoin('person as pe', 'pe.id', 'p.person_id')
      .select(['pe.code', 'p.role', 'p.starts_on', 'p.ends_on'])
      .where('p.role', '=', 'headteacher')
      .orderBy('pe.code')
      .execute();
    const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);
    expect(posts.map((p) => [p.code, iso(p.starts_on), iso(p.ends_on)])).toEqual([
      ['P5', '2010-09-01', '2026-08-31'],
      ['P6', '2026-09-01', null],
    ]);
    await expect(
      appoint(as.leadA as Context, ids.s2 as number, {
        person: 'P6',
        appointed_on: '2026-04-15',
        starts_on: '2026-09-01',
      }),
    ).rejects.toThrow(/already filled/);
  });

  test('filled first time; median time to fill and applications per headship over the filter', async () => {
    await addRound(as.leadB as Context, ids.s3 as number, {
      advertised_on: '2026-02-05',
      closes_on: '2026-02-25',
      applications: 6,
      shortlisted: 3,
      interviewed: 3,
    });
    await expect(
      appoint(as.leadB as Context, ids.s3 as number, {
        person: 'P8',
        appointed_on: '2026-01-31',
        starts_on: '2026-04-01',
      }),
    ).rejects.toThrow(/before the vacancy opened/);
    // 2026-02-01 to 2026-03-12: 27 + 12 = 39 days, first round.
    const s3 = await appoint(as.leadB as Context, ids.s3 as number, {
      person: 'P8',
      appointed_on: '2026-03-12',
      starts_on: '2026-04-01',
    });
    expect([s3.days_to_fill, s3.filled_first_time]).toEqual([39, true]);
    const page = await listVacancies(as.director as Context, {});
    // Filled: 95 and 39 days, median (95 + 39) / 2 = 67. Headship rounds: 3, 5 (S2) and 6 (S3): 14 / 3 = 4.7.
    // S1's deputy headship is open with no cover.
    expect(page.summary).toEqual({
      open: 1,
      under_cover: 0,
      filled: 2,
      filled_first_time: 1,
      median_days_to_fill: 67,
      applications_per_headship: 4.7,
    });
    expect(page.vacancies.map((v) => v.school.code)).toEqual(['S1', 'S3', 'S2']);
    const sorted = await listVacancies(as.director as Context, { sort: '-days_to_fill', status: 'filled' });
    expect(sorted.vacancies.map((v) => [v.school.code, v.days_to_fill])).toEqual([
      ['S2', 95],
      ['S3', 39],
    ]);
  });

  test('scope: a head sees only their own school’s vacancy; an area lead their area; the analyst reads all', async () => {
    expect((await listVacancies(as.headS1 as Context)).vacancies.map((v) => v.school.code)).toEqual(['S1']);
    await expect(vacancyDetail(as.headS1 as Context, ids.s2 as number)).rejects.toThrow(/not found/i);
    expect((await listVacancies(as.leadB as Context)).vacancies.map((v) => v.school.code)).toEqual(['S3']);
    expect((await listVacancies(as.analyst as Context)).total).toBe(3);
    await expect(listVacancies(as.leadA as Context, { area: 'B' })).rejects.toThrow(/not found/i);
  });

  test('cover: a deployment must be headship cover at the school; both kinds at once are refused', async () => {
    await expect(
      setCover(as.director as Context, ids.s1 as number, { cover_deployment: 999, cover_person: 'P4' }),
    ).rejects.toThrow(/not both/);
    await expect(
      setCover(as.director as Context, ids.s1 as number, { cover_deployment: 999 }),
    ).rejects.toThrow(/999 is not a deployment/);
    const covered = await setCover(as.director as Context, ids.s1 as number, { cover_person: 'P4' });
    expect(covered.cover?.person.code).toBe('P4');
    expect((await listVacancies(as.director as Context)).summary.under_cover).toBe(1);
  });

  test('withdraw: reason and day, audited; the open round closes; it leaves open and time to fill but its adverts count', async () => {
    const { id } = await openVacancy(as.leadB as Context, {
      school: 'S4',
      post_role: 'headteacher',
      opened_on: '2026-09-01',
      reason: 'resignation',
    });
    await addRound(as.leadB as Context, id, {
      advertised_on: '2026-09-10',
      closes_on: '2026-09-30',
      applications: 4,
    });
    const reason = 'The school federates with S3; its executive head leads both';
    await expect(withdrawVacancy(as.headS1 as Context, id, { reason })).rejects.toThrow(/does not let you/);
    await expect(withdrawVacancy(as.leadA as Context, id, { reason })).rejects.toThrow(/not found/i);
    await expect(
      withdrawVacancy(as.leadB as Context, id, { reason, withdrawn_on: '2026-08-01' }),
    ).rejects.toThrow(/before the vacancy opened/);
    await expect(withdrawVacancy(as.leadB as Context, id, { reason: ' ' })).rejects.toThrow();
    const withdrawn = await withdrawVacancy(as.leadB as Context, id, { reason, withdrawn_on: '2026-10-15' });
    expect([withdrawn.status, withdrawn.withdrawn_on, withdrawn.withdrawn_reason]).toEqual([
      'withdrawn',
      '2026-10-15',
      reason,
    ]);
    expect(withdrawn.round_list.map((r) => r.outcome)).toEqual(['not_appointed']);
    await expect(withdrawVacancy(as.leadB as Context, id, { reason })).rejects.toThrow(/was withdrawn/);
    await expect(
      appoint(as.leadB as Context, id, { person: 'P6', appointed_on: '2026-11-01', starts_on: '2026-11-02' }),
    ).rejects.toThrow(/was withdrawn/);
    const audit = await database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('entity', '=', 'vacancy')
      .where('action', '=', 'withdraw')
      .execute();
    expect(audit).toHaveLength(1);
    // Open (S1 only) and time to fill (95 and 39) as before; the four applications join the headship
    // adverts: 3 + 5 + 6 + 4 = 18 over 4 rounds.
    const page = await listVacancies(as.director as Context, {});
    expect(page.summary).toMatchObject({
      open: 1,
      filled: 2,
      median_days_to_fill: 67,
      applications_per_headship: 4.5,
    });
    expect((await listVacancies(as.director as Context, { status: 'withdrawn' })).total).toBe(1);
  });
});
