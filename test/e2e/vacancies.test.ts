// Headship vacancies and the shortage projection in a real browser, on the tiny authority (A {S1, S2},
// B {S3, S4, S5}): the director opens the register and the projection, whose figures equal the API's
// (and, for the register, a hand count); area A's lead records a readvertisement and the appointment,
// which writes the post in the registry. Axe-clean, and usable at 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import type { Projection } from '../../src/projection/contract.ts';
import type { SchoolDetail } from '../../src/registry/contract.ts';
import { writeWorkbook } from '../../src/tabular/write.ts';
import type { Vacancy, VacancyPage } from '../../src/vacancies/contract.ts';
import { addRound, appoint, editRound, openVacancy } from '../../src/vacancies/vacancies.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'vacancies test password';
const DIRECTOR = { email: 'director@tiny.example', password };
const LEAD_A = { email: 'lead.a@tiny.example', password };
let app: RunningApp;
let openId = 0;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'), { today: '2026-11-20' });
    await importFile(
      context,
      'people',
      csv('p.csv', [
        'code,given_name,family_name,email',
        'P1,Dee,Rector,',
        'P2,Ann,Lead,',
        'P5,Old,Head,',
        'P6,New,Head,',
        'P7,Acting,Deputy,',
        'P8,Long,Serving,',
        'P9,Next,Head,',
      ]),
    );
    await importFile(
      context,
      'posts',
      csv('posts.csv', [
        'person_code,org_unit_code,role,starts_on',
        'P5,S2,headteacher,2008-09-01',
        'P7,S2,deputy_headteacher,2015-09-01',
        'P8,S3,headteacher,2004-09-01',
      ]),
    );
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T', person: 'P1' });
    await addUser(context, { ...LEAD_A, role: 'area_lead', orgUnit: 'A', person: 'P2' });
    // S3's headship: filled first time in 39 days (2026-02-01 to 2026-03-12).
    const s3 = await openVacancy(context, {
      school: 'S3',
      post_role: 'headteacher',
      opened_on: '2026-02-01',
      reason: 'resignation',
    });
    await addRound(context, s3.id, { advertised_on: '2026-02-05', closes_on: '2026-02-25', applications: 6 });
    await appoint(context, s3.id, { person: 'P9', appointed_on: '2026-03-12', starts_on: '2026-04-01' });
    // S2's headship: open, the deputy acting, one round not appointed.
    openId = (
      await openVacancy(context, {
        school: 'S2',
        post_role: 'headteacher',
        opened_on: '2026-09-01',
        reason: 'retirement',
        leaving_person: 'P5',
        cover_person: 'P7',
      })
    ).id;
    await addRound(context, openId, {
      advertised_on: '2026-09-05',
      closes_on: '2026-09-26',
      applications: 2,
      shortlisted: 1,
      interviewed: 1,
    });
    await editRound(context, openId, 1, { outcome: 'not_appointed' });
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('vacancies in Chromium', () => {
  test('the director: the register and the projection show the API’s figures', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.getByRole('link', { name: 'Vacancies' }).click();
    await page.getByTestId('vacancies').waitFor();
    const api = await apiJson<VacancyPage>(page, app.base, '/api/v1/vacancies');
    // By hand: one open (S2, with its acting head), one filled first time in 39 days; 8 applications over 2 headship adverts.
    expect(api.summary).toEqual({
      open: 1,
      under_cover: 1,
      filled: 1,
      filled_first_time: 1,
      median_days_to_fill: 39,
      applications_per_headship: 4,
    });
    expect(await page.getByTestId('figure-open').textContent()).toBe('1');
    expect(await page.getByTestId('figure-under-cover').textContent()).toBe('1');
    expect(await page.getByTestId('figure-first-time').textContent()).toBe('1 of 1');
    expect(await page.getByTestId('figure-median').textContent()).toBe('39');
    expect(await page.getByTestId('figure-applications').textContent()).toBe('4.0');
    const rows = page.getByTestId('vacancies').getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toContain('Small School');
    expect(await rows.nth(1).textContent()).toContain('Acting Deputy (acting head)');
    // A filter goes into the address and survives a reload.
    await page.getByLabel('Status').selectOption('filled');
    await page.waitForURL(/status=filled/);
    await page.reload();
    await page.getByTestId('vacancies').waitFor();
    expect(await page.getByTestId('vacancies').getByRole('row').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'vacancies.png'), fullPage: true });

    await page.getByRole('link', { name: 'The headteacher-shortage projection' }).click();
    await page.getByTestId('projection-years').waitFor();
    const projection = await apiJson<Projection>(page, app.base, '/api/v1/projection?years=5');
    expect(projection.heads).toBe(3); // P8 at S3 (from 2004), P9 at S3 (from April) and P5 at S2, still in post
    expect(await page.getByTestId('heads').textContent()).toBe(String(projection.heads));
    expect(await page.getByTestId('pipeline-deputy_head').textContent()).toBe(
      String(projection.pipeline.deputy_head),
    );
    expect(await page.getByTestId('gap-central').textContent()).toBe(
      String(projection.totals.central.at(-1)?.cumulative_gap),
    );
    const first = projection.totals.central[0];
    expect(await page.getByTestId('projection-years').getByRole('row').nth(1).textContent()).toContain(
      `${first?.leavers} / ${first?.supply} / ${first?.gap}`,
    );
    expect(await page.getByTestId('method').textContent()).toContain('years in post stands in for age');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'projection.png'), fullPage: true });
    await page.context().close();
  });

  test('area A’s lead readvertises S2’s headship and records the appointment, at 390 px', async () => {
    const page = await signIn(app, LEAD_A, { width: 390, height: 844 });
    await page.goto(`${app.base}/vacancies/${openId}`);
    await page.getByTestId('rounds').waitFor();
    // Cleared and arranged again: the acting head is picked by name from S2's staff in post (its deputy,
    // P7), not typed as a code.
    await page.getByRole('button', { name: 'Clear the cover' }).click();
    const options = page.locator('datalist option');
    await expect
      .poll(() => options.evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value)))
      .toContain('Acting Deputy, deputy headteacher (P7)');
    await page.getByLabel('Acting head', { exact: true }).fill('Acting Deputy, deputy headteacher (P7)');
    const [arranged] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/vacancies/${openId}/cover`)),
      page.getByRole('button', { name: 'Arrange the acting headship' }).click(),
    ]);
    expect(arranged.status()).toBe(200);
    expect(arranged.request().postDataJSON()).toEqual({ cover_person: 'P7' });
    await page.getByLabel('Advertised on').fill('2026-10-01');
    await page.getByLabel('Closing date').fill('2026-10-20');
    await page.getByLabel('Applications').fill('5');
    await page.getByLabel('Shortlisted').fill('3');
    await page.getByLabel('Interviewed').fill('2');
    await page.getByLabel('Panel (who sat on it)').fill('Chair of governors, a governor, area lead');
    await page.getByLabel('Governors on the panel').fill('2');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record the round' }).click();
    await page.getByTestId('rounds').getByRole('row').nth(2).waitFor();
    expect(await page.getByTestId('rounds').getByRole('row').nth(2).textContent()).toContain('(2 governors)');
    await page.getByLabel('Appointee (person code)').fill('P6');
    await page.getByLabel('Appointed on').fill('2026-11-02');
    await page.getByLabel('Starts on').fill('2027-01-01');
    await page.getByRole('button', { name: 'Record the appointment' }).click();
    await page.getByText('Filled', { exact: true }).waitFor();
    // 2026-09-01 to 2026-11-02: 29 + 31 + 2 = 62 days; readvertised, so not first time.
    expect(await page.getByTestId('days-to-fill').textContent()).toBe('62');
    expect(await page.getByTestId('first-time').textContent()).toBe('no, readvertised');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'vacancy-390.png'), fullPage: true });
    // The registry: S2's head from 2027-01-01 is the appointee; the leaver's post ends the day before.
    // The registry shows the posts held today: the leaver's now ends the day before the appointee starts.
    const school = await apiJson<SchoolDetail>(page, app.base, '/api/v1/schools/S2');
    const heads = school.posts.filter((p) => p.role === 'headteacher');
    expect(heads.map((p) => [p.person_code, p.starts_on, p.ends_on])).toEqual([
      ['P5', '2008-09-01', '2026-12-31'],
    ]);
    const vacancy = await apiJson<Vacancy>(page, app.base, `/api/v1/vacancies/${openId}`);
    expect([vacancy.appointed?.code, vacancy.appointed_starts_on, vacancy.days_to_fill]).toEqual([
      'P6',
      '2027-01-01',
      62,
    ]);
    await page.context().close();
  });

  test('area A’s lead imports a workbook: a school elsewhere refused by row, then their own added', async () => {
    const page = await signIn(app, LEAD_A);
    await page.goto(`${app.base}/vacancies`);
    await page.getByText('Import the register from a workbook').click();
    const upload = async (school: string) =>
      page.getByLabel('Workbook (.xlsx)').setInputFiles({
        name: 'register.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await writeWorkbook([
          {
            name: 'Vacancies',
            columns: ['school', 'post_role', 'opened_on', 'reason'],
            rows: [{ school, post_role: 'deputy_headteacher', opened_on: '2026-10-01', reason: 'promotion' }],
          },
          {
            name: 'Rounds',
            columns: [
              'school',
              'post_role',
              'opened_on',
              'number',
              'advertised_on',
              'closes_on',
              'applications',
            ],
            rows: [
              {
                school,
                post_role: 'deputy_headteacher',
                opened_on: '2026-10-01',
                number: 1,
                advertised_on: '2026-10-05',
                closes_on: '2026-10-30',
                applications: 4,
              },
            ],
          },
        ]),
      });
    await upload('S3');
    await page.getByRole('button', { name: 'Check the workbook' }).click();
    const problems = page.getByRole('alert').locator('tbody tr');
    await expect.poll(() => problems.count()).toBe(2);
    expect(await problems.nth(0).locator('td').allTextContents()).toEqual([
      '2',
      'Rounds: school',
      'S3 is not in your scope',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    const before = await apiJson<VacancyPage>(page, app.base, '/api/v1/vacancies');
    await upload('S1');
    await page.getByRole('button', { name: 'Check the workbook' }).click();
    const counts = page.getByTestId('register-import-counts');
    expect(await counts.textContent()).toContain('Vacancies would be: 1 added, 0 changed, 0 as they were');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('main').getByRole('status').filter({ hasText: 'Imported.' }).waitFor();
    expect(await counts.textContent()).toContain('Rounds were: 1 added');
    const after = await apiJson<VacancyPage>(
      page,
      app.base,
      '/api/v1/vacancies?school=S1&post_role=deputy_headteacher',
    );
    expect(after.total).toBe(1);
    expect(after.vacancies[0]).toMatchObject({
      opened_on: '2026-10-01',
      status: 'open',
      rounds: 1,
      applications: 4,
    });
    expect((await apiJson<VacancyPage>(page, app.base, '/api/v1/vacancies')).total).toBe(before.total + 1);
    await page.context().close();
  });
});
