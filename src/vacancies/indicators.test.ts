// The register's KPI indicators against hand computations on the tiny authority (T > A {S1, S2},
// B {S3, S4, S5}) in 2025-26, and the same figures on the register's own page. Headships: S1 filled in
// 40 days first time; S2 filled in 100 days after a readvertisement, and a second S2 headship withdrawn
// after one round; S3 filled in 30 days and S4 in 69, both first time; S5 open with an acting head. A
// deputy headship at S1 (20 applications) is in none of the headship figures.
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../auth/actor.ts';
import { tokenFor } from '../auth/testing.ts';
import { actorForToken } from '../auth/tokens.ts';
import { type Context, contextFor } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { freshDatabase } from '../db/testing.ts';
import { importFile } from '../exchange/exchange.ts';
import { indicatorByCode } from '../kpi/indicators.ts';
import { parsePeriod } from '../kpi/periods.ts';
import { rollupIndicator } from '../kpi/rollup.ts';
import { csv } from '../kpi/test-fixtures.ts';
import { loadTinyAuthorityWithLeads } from '../meetings/test-fixtures.ts';
import { shortageProjection } from '../projection/projection.ts';
import { authorityReport } from '../reports/reports.ts';
import { addRound, appoint, editRound, listVacancies, openVacancy, withdrawVacancy } from './vacancies.ts';

let database: Database;
let director: Context;

async function filled(
  school: string,
  opened: string,
  rounds: [string, number][],
  person: string,
  appointedOn: string,
  post: 'headteacher' | 'deputy_headteacher' = 'headteacher',
) {
  const { id } = await openVacancy(director, {
    school,
    post_role: post,
    opened_on: opened,
    reason: 'retirement',
  });
  for (const [i, [advertised, applications]] of rounds.entries()) {
    await addRound(director, id, {
      advertised_on: advertised,
      closes_on: advertised,
      applications,
    });
    if (i < rounds.length - 1) await editRound(director, id, i + 1, { outcome: 'not_appointed' });
  }
  if (person) await appoint(director, id, { person, appointed_on: appointedOn, starts_on: appointedOn });
  return id;
}

beforeAll(async () => {
  database = await freshDatabase();
  await loadTinyAuthorityWithLeads(database);
  const ctx = contextFor(database.db, operator('test'));
  await importFile(
    ctx,
    'people',
    csv('p.csv', [
      'code,given_name,family_name,email',
      ...['P5', 'P6', 'P7', 'P8', 'P9', 'P10'].map((p) => `${p},New,Leader${p},`),
    ]),
  );
  const actor = await actorForToken(database.db, await tokenFor(database.db, 'director', 'T', 'P1'));
  if (!actor) throw new Error('no actor');
  director = contextFor(database.db, actor, { today: '2026-08-31' });
  await filled('S1', '2025-09-01', [['2025-09-10', 4]], 'P5', '2025-10-11');
  await filled(
    'S2',
    '2025-10-01',
    [
      ['2025-10-05', 2],
      ['2025-11-10', 6],
    ],
    'P6',
    '2026-01-09',
  );
  await filled('S3', '2025-11-01', [['2025-11-05', 8]], 'P7', '2025-12-01');
  await filled('S4', '2026-01-01', [['2026-01-10', 3]], 'P8', '2026-03-11');
  await filled('S1', '2025-09-01', [['2025-09-05', 20]], 'P10', '2025-09-20', 'deputy_headteacher');
  const open = await filled('S5', '2026-02-01', [['2026-02-10', 5]], '', '');
  await editRound(director, open, 1, { outcome: 'not_appointed' });
  const { setCover } = await import('./vacancies.ts');
  await setCover(director, open, { cover_person: 'P9' });
  const gone = await filled('S2', '2026-05-01', [['2026-05-05', 1]], '', '');
  await withdrawVacancy(director, gone, { reason: 'Federated with S1', withdrawn_on: '2026-06-01' });
}, 120_000);
afterAll(() => database?.close());

/** Each unit's value, raw or as shown (to the indicator's decimals). */
async function figures(code: string, units: string[], raw = false) {
  const indicator = await indicatorByCode(database.db, code);
  const rows = await rollupIndicator(database.db, indicator, { codes: units }, parsePeriod('2025-26'), {
    academicYearStart: 9,
  });
  const shown = (value: number | null) =>
    value === null || raw ? value : Number(value.toFixed(indicator.decimals));
  return Object.fromEntries(rows.map((r) => [r.org_unit, shown(r.value)]));
}

describe('the recruitment indicators, 2025-26', () => {
  test('applications per headship round and per vacancy: withdrawn adverts count, deputies do not', async () => {
    // T: rounds 4, 2, 6, 8, 3, 5, 1 = 29 over 7 rounds (4.1) and 6 vacancies (4.8).
    // A: 4, 2, 6, 1 = 13 over 4 rounds (3.3) and 3 vacancies (4.3). B: 8, 3, 5 = 16 over 3 (5.3).
    expect(await figures('applications_per_headship_round', ['T', 'A', 'B'])).toEqual({
      T: 4.1,
      A: 3.3,
      B: 5.3,
    });
    expect(await figures('applications_per_headship_vacancy', ['T', 'A', 'B'])).toEqual({
      T: 4.8,
      A: 4.3,
      B: 5.3,
    });
  });

  test('filled first time: 3 of 4 (A 1 of 2, B 2 of 2); the withdrawn one is in neither', async () => {
    expect(await figures('headships_filled_first_time_rate', ['T', 'A', 'B'])).toEqual({
      T: 75,
      A: 50,
      B: 100,
    });
  });

  test('median days to fill: the median of all the unit’s headships, not a mean of its parts’ medians', async () => {
    // T: 30, 40, 69, 100 -> 54.5 (shown 55); A: 40, 100 -> 70; B: 30, 69 -> 49.5. The mean of the
    // areas' medians would be 59.75.
    const days = await figures('headship_fill_days_median', ['T', 'A', 'B', 'S2']);
    expect(days).toEqual({ T: 55, A: 70, B: 50, S2: 100 });
  });

  test('schools under acting or interim leadership at 31 August: S5 of 5 (B: 1 of 3)', async () => {
    expect(await figures('schools_interim_led', ['T', 'A', 'B'])).toEqual({ T: 1, A: 0, B: 1 });
    expect(await figures('schools_interim_led_rate', ['T', 'A', 'B'])).toEqual({ T: 20, A: 0, B: 33.3 });
  });

  test('the register’s own figures are the same as the KPI’s', async () => {
    const page = await listVacancies(director, { post_role: 'headteacher' });
    expect(page.summary).toMatchObject({
      open: 1,
      under_cover: 1,
      filled: 4,
      filled_first_time: 3,
      median_days_to_fill: 54.5,
      applications_per_headship: 4.1,
    });
    expect((await figures('applications_per_headship_round', ['T'])).T).toBe(
      page.summary.applications_per_headship,
    );
    expect((await figures('headship_fill_days_median', ['T'], true)).T).toBe(
      page.summary.median_days_to_fill,
    );
    expect((await figures('headships_filled_first_time_rate', ['T'])).T).toBe(
      (100 * page.summary.filled_first_time) / page.summary.filled,
    );
  });

  test('the director’s pack: its leadership supply section has the register’s and the projection’s figures', async () => {
    const [index] = await authorityReport(director, '2026-08', 'html');
    const doc = parseHTML(index?.bytes.toString('utf8') ?? '').document;
    const cells = (unit: string) =>
      [...doc.querySelectorAll(`[data-testid="supply"] tr[data-unit="${unit}"] td`)].map(
        (td) => td.textContent,
      );
    // Open 1 (S5, covered); S5 under an acting head on 31 August; headships: median 54.5 days, 29 / 7 = 4.1.
    const all = await listVacancies(director, {});
    const headships = await listVacancies(director, { post_role: 'headteacher' });
    expect(cells('T')).toEqual([
      String(all.summary.open),
      String(all.summary.under_cover),
      '1',
      String(headships.summary.median_days_to_fill),
      String(headships.summary.applications_per_headship),
    ]);
    expect(cells('T')).toEqual(['1', '1', '1', '54.5', '4.1']);
    expect(cells('A')).toEqual(['0', '0', '0', '70', '3.3']);
    const projection = await shortageProjection(director, {});
    const rows = [...doc.querySelectorAll('[data-testid="projection"] tbody tr')];
    expect(rows).toHaveLength(projection.totals.central.length);
    expect(rows.map((r) => r.querySelectorAll('td')[2]?.textContent)).toEqual(
      projection.totals.central.map((y) => y.gap.toLocaleString('en-GB', { maximumFractionDigits: 1 })),
    );
  });
});
