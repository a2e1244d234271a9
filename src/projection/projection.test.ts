// The projection on the tiny authority (T > A {S1, S2}, B {S3, S4, S5}, all primary), on 1 November 2026:
// P4 has led S1 since 2016 (10 years) and holds an NPQH; P6 has led S3 since 2024 (2 years), after P9,
// who led S3 from 2015 and left in August 2024. D1, deputy at S1, holds an NPQH; D2 is deputy at S2; A4
// is an assistant head at S4; N1 holds an NPQH and no post. On the aspiring leaders' programme: D2
// completed last year's cohort with an associate head placement at S3; A4 and T1, a teacher at S2, are
// enrolled on this year's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operator } from '../auth/actor.ts';
import { contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { compilingDb, freshDatabase, sqlSnapshot } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { type Callers, loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { writeSetting } from '../settings/store.ts';
import type { Projection, ProjectionRates } from './contract.ts';
import { leavingHistoryQuery, projectionHeadsQuery, projectionPipelineQuery } from './queries.ts';

let database: Database;
let as: Callers;
const load = (kind: string, lines: string[]) =>
  importFile(contextFor(database.db, operator('test')), kind, csv(`${kind}.csv`, lines));
const url = '/api/v1/projection?as_of=2026-11-01&years=2';

beforeEach(async () => {
  database = await freshDatabase();
  as = await loadTinyAuthorityWithLeads(database);
  await load('people', [
    'code,given_name,family_name,email',
    ...['P6', 'P9', 'D1', 'D2', 'A4', 'N1', 'T1'].map((p) => `${p},Person,${p},`),
  ]);
  await load('posts', [
    'person_code,org_unit_code,role,starts_on,ends_on,fte',
    'P4,S1,headteacher,2016-09-01,,1',
    'P9,S3,headteacher,2015-09-01,2024-08-31,1',
    'P6,S3,headteacher,2024-09-01,,1',
    'D1,S1,deputy_headteacher,2020-09-01,,1',
    'D2,S2,deputy_headteacher,2021-09-01,,1',
    'A4,S4,assistant_headteacher,2022-09-01,,1',
    'T1,S2,teacher,2019-09-01,,1',
  ]);
  await load('designations', [
    'person_code,kind,starts_on,ends_on,days_per_year',
    'P4,npqh,2014-01-01,,',
    'D1,npqh,2023-01-01,,',
    'N1,npqh,2025-01-01,,',
  ]);
  const { db } = database;
  const id = async (table: 'person' | 'org_unit' | 'programme', code: string) =>
    (await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const programme = await id('programme', 'aspiring_leaders');
  const [last, current] = await db
    .insertInto('programme_cohort')
    .values([
      { code: 'AL25', programme_id: programme, name: '2025', starts_on: '2025-09-01', ends_on: '2026-07-15' },
      { code: 'AL26', programme_id: programme, name: '2026', starts_on: '2026-09-01', ends_on: '2027-07-15' },
    ])
    .returning('id')
    .execute();
  const joined = async (cohort: number, person: string, school: string, status: 'enrolled' | 'completed') =>
    (
      await db
        .insertInto('programme_participant')
        .values({
          cohort_id: cohort,
          person_id: await id('person', person),
          school_id: await id('org_unit', school),
          status,
          completed_on: status === 'completed' ? '2026-07-15' : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  await db
    .insertInto('placement')
    .values({
      participant_id: await joined(last?.id as number, 'D2', 'S2', 'completed'),
      host_person_id: await id('person', 'P6'),
      host_school_id: await id('org_unit', 'S3'),
      kind: 'leadership_placement',
      days: 10,
      status: 'finished',
      agreed_by: 'test',
      agreed_on: '2026-01-10',
    })
    .execute();
  await joined(current?.id as number, 'A4', 'S4', 'enrolled');
  await joined(current?.id as number, 'T1', 'S2', 'enrolled');
});

const groups = (
  associate_head: number,
  npqh: number,
  deputy_head: number,
  aspiring: number,
  assistant_head: number,
) => ({ associate_head, npqh, deputy_head, aspiring, assistant_head });
afterEach(() => database?.close());

describe('the shortage projection from the registry', () => {
  it('counts heads and the pipeline once each, and projects by the default rates', async () => {
    const { status, body } = await as.director.get(url);
    expect(status).toBe(200);
    const p = body as Projection;
    expect(p.heads).toBe(2);
    // P4's NPQH does not count: a head is not in the pipeline. Each person counts once, in their group
    // with the highest rate: D1 as an NPQH holder (15%), not a deputy (6%); D2 as an associate head (25%),
    // not a deputy or an aspiring leader (4%); A4 as an aspiring leader, not an assistant head (2%).
    expect(p.pipeline).toEqual(groups(1, 2, 0, 2, 0));
    expect(p.in_several).toBe(3);
    // Year 1, central: P4 (10 years) leaves at 12%, P6 (2 years) at 6%: 0.18 → 0.2.
    // Supply: 1 × 0.25 + 2 × 0.15 + 2 × 0.04 = 0.25 + 0.30 + 0.08 = 0.63 → 0.6; gap 0.18 − 0.63 = −0.45.
    expect(p.totals.central[0]).toMatchObject({ leavers: 0.2, supply: 0.6 });
    expect(p.totals.central[0]?.gap).toBeCloseTo(-0.45, 1);
    expect(p.groups.map((g) => [g.area, g.phase, g.heads, g.pipeline])).toEqual([
      ['A', 'primary', 1, groups(1, 1, 0, 1, 0)],
      ['B', 'primary', 1, groups(0, 0, 0, 1, 0)],
      [null, null, 0, groups(0, 1, 0, 0, 0)],
    ]);
    expect(p.method.join(' ')).toContain('counts once, in the group with the highest rate: 3 people');
    // History: heads in post on 1 November 2023, 2024 and 2025 (P4 and P9, then P4 and P6 twice): 6
    // head-years, of which P9's ended within its year.
    expect(p.history).toMatchObject({ head_years: 6, leavers: 1 });
    expect(p.method.join(' ')).toContain('years in post stands in for age');
  });

  it('with the history method every head leaves at the authority’s own rate', async () => {
    const rates = (await as.director.get('/api/v1/projection/rates')).body as ProjectionRates;
    const put = await as.director.send('PUT', '/api/v1/projection/rates', { ...rates, method: 'history' });
    expect(put.status).toBe(200);
    const p = (await as.director.get(url)).body as Projection;
    // 1 in 6 a year: 2 × 1/6 = 0.33 → 0.3 leave in year 1.
    expect(p.totals.central[0]?.leavers).toBe(0.3);
    expect(p.method[0]).toContain('1 of 6 head-years');
  });

  it('an area lead sees their area only; a head their school; an area outside is not found', async () => {
    const lead = (await as.leadA.get(url)).body as Projection;
    expect(lead.groups.map((g) => g.area)).toEqual(['A']);
    expect(lead.pipeline).toEqual(groups(1, 1, 0, 1, 0));
    expect((await as.leadA.get(`${url}&area=B`)).status).toBe(404);
    const head = (await as.headS1.get(url)).body as Projection;
    expect(head.heads).toBe(1);
    expect(head.pipeline).toEqual(groups(0, 1, 0, 0, 0));
  });

  it('rates stored before associate heads and aspiring leaders existed take those groups’ defaults', async () => {
    await writeSetting(database.db, 'projection', {
      conversion: { npqh: 0.2, deputy_head: 0.1, assistant_head: 0.05 },
    });
    const rates = (await as.director.get('/api/v1/projection/rates')).body as ProjectionRates;
    expect(rates.conversion).toEqual({
      associate_head: 0.25,
      npqh: 0.2,
      deputy_head: 0.1,
      aspiring: 0.04,
      assistant_head: 0.05,
    });
    // With aspiring leaders (4%) now below assistant heads (5%), A4 counts as an assistant head.
    const p = (await as.director.get(url)).body as Projection;
    expect(p.pipeline).toEqual(groups(1, 2, 0, 1, 1));
  });

  it('filters by area and phase', async () => {
    const b = (await as.director.get(`${url}&area=B&phase=primary`)).body as Projection;
    expect(b.groups.map((g) => g.area)).toEqual(['B']);
    expect(b.heads).toBe(1);
    const none = (await as.director.get(`${url}&phase=secondary`)).body as Projection;
    expect(none.groups).toEqual([]);
  });

  it('rates are set only by a role for the whole authority, and checked', async () => {
    const rates = (await as.leadA.get('/api/v1/projection/rates')).body as ProjectionRates;
    expect((await as.leadA.send('PUT', '/api/v1/projection/rates', rates)).status).toBe(403);
    const bad = await as.director.send('PUT', '/api/v1/projection/rates', {
      ...rates,
      leaving: [{ from_years: 5, rate: 0.1 }],
    });
    expect(bad.status).toBe(400);
    const ok = await as.director.send('PUT', '/api/v1/projection/rates', { ...rates, high: 1.5 });
    expect(ok.body).toMatchObject({ high: 1.5 });
    const audit = await database.db
      .selectFrom('audit_event')
      .select('entity')
      .where('entity', '=', 'projection-rates')
      .execute();
    expect(audit).toHaveLength(1);
    // Anyone who reads the projection reads who changed the rates, when and what.
    const changes = (await as.leadA.get('/api/v1/projection/rates/changes')).body as {
      changes: { by: string; changed: string[] }[];
    };
    expect(changes.changes).toHaveLength(1);
    expect(changes.changes[0]?.changed).toEqual(['High scenario factor: 1.25 → 1.5']);
    expect(changes.changes[0]?.by).toBeTruthy();
  });
});

describe('the projection’s SQL', () => {
  it('heads by phase, area and years', async () => {
    await expect(
      sqlSnapshot(projectionHeadsQuery('2026-11-01', ['A']).compile(compilingDb)),
    ).toMatchFileSnapshot('./__snapshots__/heads.sql');
  });
  it('the pipeline by phase, area and kind', async () => {
    await expect(
      sqlSnapshot(projectionPipelineQuery('2026-11-01', null, 3).compile(compilingDb)),
    ).toMatchFileSnapshot('./__snapshots__/pipeline.sql');
  });
  it('the leaving history', async () => {
    await expect(
      sqlSnapshot(leavingHistoryQuery('2026-11-01', null).compile(compilingDb)),
    ).toMatchFileSnapshot('./__snapshots__/leaving-history.sql');
  });
});
