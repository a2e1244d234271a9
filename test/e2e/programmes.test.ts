// Programmes in a real browser, on the programmes' test authority (src/programmes/test-fixture.ts): the
// director opens the NPQH 2021 cohort and reads its outcomes (equal to the API and to a hand count: Q1
// and Q4 promoted, Q2 not within three years, Q3 withdrew: 2 of 3), proposes placements (the
// hand-solved optimum: N1 at Third School, N2 and N3 at Big School, Q7 at Fourth School; A1 and N4 not
// placed, each with why) and accepts them; growing your own shows S1's two leaders grown. The head of S1
// sees only their own staff, at 390 px. Axe-clean.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import type { CohortDetail } from '../../src/programmes/contract.ts';
import type { GrownPage } from '../../src/programmes/grown-contract.ts';
import type { Placement } from '../../src/programmes/placement-contract.ts';
import { loadProgrammeFixture } from '../../src/programmes/test-fixture.ts';
import { writeWorkbook } from '../../src/tabular/write.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'programmes test password';
const DIRECTOR = { email: 'director@tiny.example', password };
const HEAD_S1 = { email: 'head.s1@tiny.example', password };
let app: RunningApp;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadProgrammeFixture(db);
    const context = contextFor(db, operator('test'));
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T' });
    await addUser(context, { ...HEAD_S1, role: 'headteacher', orgUnit: 'S1', person: 'H1' });
  });
}, 120_000);
afterAll(() => app?.close());

const noOverflow = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!haveBrowser)('programmes in Chromium', () => {
  test('the director: a cohort’s outcomes, placements proposed and accepted, growing your own', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.getByRole('link', { name: 'Programmes', exact: true }).click();
    await page.getByTestId('programmes').waitFor();
    expect(await page.getByTestId('programme-npqh').textContent()).toContain('2 of 3 (67%)');
    // The director changes a programme: the table shows it.
    await page.getByText('Change a programme').click();
    await page.getByRole('combobox', { name: 'Programme' }).last().selectOption('hlta');
    await page.getByLabel('Description').first().fill('HLTA preparation and assessment, with the county');
    await page.getByRole('button', { name: 'Save Higher-level teaching assistants' }).click();
    await page.getByTestId('programme-hlta').getByText('with the county').waitFor();
    // And imports a cohort from a workbook: checked first, then imported.
    await page.getByText('Import cohorts and participants from a workbook').click();
    const workbook = await writeWorkbook([
      {
        name: 'Cohorts',
        columns: ['code', 'programme', 'name', 'starts_on', 'ends_on'],
        rows: [
          {
            code: 'HLTA-26',
            programme: 'hlta',
            name: 'HLTA 2026-27',
            starts_on: '2026-09-01',
            ends_on: '2027-07-31',
          },
        ],
      },
      { name: 'Participants', columns: ['cohort', 'person'], rows: [{ cohort: 'HLTA-26', person: 'T4' }] },
    ]);
    await page.getByLabel('Workbook (.xlsx)').setInputFiles({
      name: 'hlta.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    await page.getByRole('button', { name: 'Check the workbook' }).click();
    expect(await page.getByTestId('cohort-import-counts').textContent()).toContain(
      'Cohorts would be: 1 added, 0 changed, 0 unchanged',
    );
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported.').waitFor();
    await page.getByTestId('cohorts').getByRole('link', { name: 'HLTA 2026-27' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'programmes.png'), fullPage: true });

    await page.getByTestId('cohorts').getByRole('link', { name: 'NPQH-21' }).click();
    await page.getByTestId('participants').waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const api = await apiJson<CohortDetail>(page, app.base, `/api/v1/programmes/cohorts/${id}`);
    expect(api.outcomes.counts).toMatchObject({ promoted: 2, not_promoted: 1, withdrawn: 1 });
    expect(await page.getByTestId('cohort-promoted').textContent()).toBe('2 of 3 (67%)');
    for (const [outcome, count] of Object.entries(api.outcomes.counts))
      expect(await page.getByTestId(`count-${outcome}`).textContent()).toBe(String(count));
    expect(await page.getByTestId('participant-Q1').textContent()).toContain(
      'Headteacher, Fifth School, from 2024-09-01',
    );
    expect(await page.getByTestId('participant-Q2').textContent()).toContain('Not promoted in the years');
    // The outcome filter lives in the address.
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('promoted');
    expect(new URL(page.url()).searchParams.get('outcome')).toBe('promoted');
    expect(await page.getByTestId('participants').getByRole('row').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'programme-cohort.png'), fullPage: true });

    await page.getByRole('link', { name: 'Placements' }).click();
    await page.getByRole('button', { name: 'Propose placements' }).click();
    await page.getByTestId('proposed-pairs').waitFor();
    const pairs = page.getByTestId('proposed-pairs');
    const pairOf = (name: string) => pairs.getByRole('listitem').filter({ hasText: `Accept ${name} at` });
    const hostOf = async (name: string) => (await pairOf(name).getByTestId('host').textContent()) ?? '';
    expect(await hostOf('Person N1')).toBe('Third School');
    // Why, a click away: the host's designation and judgement, and the days it has left.
    const n1 = pairOf('Person N1');
    await n1.getByText('Why Third School').click();
    expect(await n1.textContent()).toContain('Leadership judged outstanding (2024-03-01)');
    expect(await n1.textContent()).toContain('0 of 10 funded days left after this (10 days)');
    expect(await hostOf('Person N2')).toContain('Big School');
    expect(await hostOf('Person N3')).toContain('Big School');
    expect(await hostOf('Person Q7')).toContain('Fourth School');
    const refused = await page.getByTestId('refused').textContent();
    expect(refused).toMatch(/Person A1.*same trust \(TA\)/);
    expect(refused).toMatch(/Person N4.*No school recorded at entry/);
    // Big School's head: 14 of 20 days and both places taken by this proposal, never more.
    const big = page.getByTestId('hosts').getByRole('row', { name: /Big School/ });
    expect(await big.textContent()).toContain('2 of 2');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'placements-proposal.png'), fullPage: true });
    await page.getByRole('button', { name: 'Accept 4 placements' }).click();
    await page.getByTestId('agreed').waitFor();
    expect(await page.getByTestId('agreed').textContent()).toBe('Agreed 4 placements.');
    await page.getByTestId('placements').waitFor();
    const agreed = await apiJson<{ placements: Placement[] }>(
      page,
      app.base,
      '/api/v1/programmes/placements',
    );
    expect(agreed.placements.map((p) => [p.name, p.host_school]).sort()).toEqual([
      ['Person N1', 'S3'],
      ['Person N2', 'S1'],
      ['Person N3', 'S1'],
      ['Person Q7', 'S4'],
    ]);
    expect(await page.getByTestId('placements').getByRole('row').count()).toBe(5);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Growing your own' }).click();
    await page.getByTestId('grown-schools').waitFor();
    const grown = await apiJson<GrownPage>(page, app.base, '/api/v1/programmes/growing-own');
    expect(grown.distribution).toMatchObject({ schools: 5, grown: 2, grew_none: 4 });
    expect(await page.getByTestId('grown-total').textContent()).toBe('2');
    expect(await page.getByTestId('grew-none').textContent()).toBe('4 (80%)');
    const first = page.getByTestId('grown-schools').getByRole('row').nth(1);
    expect(await first.textContent()).toContain('Big School');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'growing-own.png'), fullPage: true });
    await page.context().close();
  });

  test('the head of S1 at 390 px: their own staff by name, the rest counted', async () => {
    const head = await signIn(app, HEAD_S1, { width: 390, height: 844 });
    await head.goto(`${app.base}/programmes`);
    await head.getByTestId('cohorts').getByRole('link', { name: 'NPQH-21' }).click();
    await head.getByTestId('participants').waitFor();
    expect(await head.getByTestId('participants').getByRole('row').count()).toBe(2); // the header and Q1
    expect(await head.getByText('3 participants work outside the schools you see').count()).toBe(1);
    expect(await head.getByRole('button', { name: /Record .* completed/ }).count()).toBe(0);
    expect(await seriousViolations(head)).toEqual([]);
    expect(await noOverflow(head)).toBe(true);
    await head.screenshot({ path: path.join(shots, 'programme-cohort-head-390.png'), fullPage: true });
    await head.goto(`${app.base}/programmes/growing-own`);
    await head.getByTestId('grown-schools').waitFor();
    expect(await head.getByTestId('grown-schools').getByRole('row').count()).toBe(2);
    expect(await seriousViolations(head)).toEqual([]);
    expect(await noOverflow(head)).toBe(true);
    await head.screenshot({ path: path.join(shots, 'growing-own-head-390.png'), fullPage: true });
    await head.context().close();
  });
});
