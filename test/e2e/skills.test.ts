// The skills audit in a real browser, on the small audit of src/skills/test-fixture.ts: the head of S1
// rates themselves, area A's lead validates that rating and sees the gap, the heat map's cells equal the
// API's (and the hand count: area A's data literacy is (2 + 3 + 1) / 3 = 2.00 over 3 leaders), and the
// analyst reads the heat map but no leader. Axe-clean, and usable at 390 px.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { contextFor } from '../../src/context.ts';
import type { Heatmap } from '../../src/skills/heatmap-contract.ts';
import { loadSkillsFixture } from '../../src/skills/test-fixture.ts';
import {
  apiJson,
  haveBrowser,
  type RunningApp,
  seriousViolations,
  shots,
  signIn,
  startApp,
} from './harness.ts';

const password = 'skills test password';
const HEAD_S1 = { email: 'head.s1@tiny.example', password };
const LEAD_A = { email: 'lead.a@tiny.example', password };
const ANALYST = { email: 'analyst@tiny.example', password };
const DIRECTOR = { email: 'director@tiny.example', password };
let app: RunningApp;

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadSkillsFixture(db);
    const context = contextFor(db, operator('test'));
    await addUser(context, { ...HEAD_S1, role: 'headteacher', orgUnit: 'S1', person: 'H1' });
    await addUser(context, { ...LEAD_A, role: 'area_lead', orgUnit: 'A', person: 'L1' });
    await addUser(context, { ...ANALYST, role: 'analyst', orgUnit: 'T' });
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T' });
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('the skills audit in Chromium', () => {
  test('a head rates themselves; area A’s lead validates and sees the over-rating', async () => {
    const head = await signIn(app, HEAD_S1);
    await head.getByRole('link', { name: 'Skills' }).click();
    await head.getByRole('link', { name: 'Leaders and ratings' }).click();
    await head.getByTestId('my-ratings').click();
    await head.getByTestId('ratings').waitFor();
    expect(await seriousViolations(head)).toEqual([]);
    const form = head.getByRole('region', { name: 'Rate yourself' });
    await form.getByLabel('Competency').selectOption('managing_people');
    await form.getByLabel('Rating').selectOption('4');
    await form.getByLabel('Note (optional)').fill('Staff survey: 92% positive');
    await form.getByRole('button', { name: 'Save my rating' }).click();
    const row = head.getByTestId('rating-managing_people');
    await expect.poll(() => row.textContent()).toContain('4 leading');
    expect(await row.textContent()).toContain('Staff survey');
    // A head validates no one's ratings, their own least of all.
    expect(await head.getByRole('region', { name: /Validate/ }).count()).toBe(0);
    await head.setViewportSize({ width: 390, height: 844 });
    await head.screenshot({ path: path.join(shots, 'skills-self-390.png'), fullPage: true });
    expect(await head.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const lead = await signIn(app, LEAD_A);
    await lead.goto(`${app.base}/skills/leaders?audit=AUD-26`);
    const leaders = lead.getByTestId('skill-leaders');
    await leaders.waitFor();
    // Area A's three leaders, no one from area B.
    expect(await leaders.locator('tbody tr').count()).toBe(3);
    expect(await seriousViolations(lead)).toEqual([]);
    await leaders.getByRole('link', { name: 'Leader H1' }).click();
    const validate = lead.getByRole('region', { name: /Validate/ });
    await validate.getByLabel('Competency').selectOption('managing_people');
    await validate.getByLabel('Rating').selectOption('2');
    await validate.getByLabel('Evidence').fill('Appraisal records and two capability cases');
    await validate.getByRole('button', { name: 'Save the validated rating' }).click();
    const validated = lead.getByTestId('rating-managing_people');
    await expect.poll(() => validated.textContent()).toContain('over by 2 levels');
    expect(await validated.textContent()).toContain('2 developing');
    // Signed by the lead's own name from the registry, not their account's address.
    expect(await validated.textContent()).toContain('Area Lead');
    // H1's weakest validated competencies, with what they can join: self-evaluation (1) first.
    const weak = lead.getByTestId('weaknesses');
    expect((await weak.textContent())?.indexOf('Self-evaluation')).toBeLessThan(
      (await weak.textContent())?.indexOf('Data literacy') ?? 0,
    );
    expect(await weak.textContent()).toContain('G2O-27');
    expect(await seriousViolations(lead)).toEqual([]);
    await lead.screenshot({ path: path.join(shots, 'skills-validate.png'), fullPage: true });
  });

  test('the heat map’s cells are the API’s; the analyst reads it but no leader', async () => {
    const analyst = await signIn(app, ANALYST);
    await analyst.getByRole('link', { name: 'Skills' }).click();
    await analyst.getByTestId('heatmap').waitFor();
    expect(await analyst.getByRole('link', { name: 'Leaders and ratings' }).count()).toBe(0);
    const api = await apiJson<Heatmap>(analyst, app.base, '/api/v1/skills/heatmap?by=area');
    const apiCell = api.rows.find((r) => r.code === 'A')?.cells.find((c) => c.competency === 'data_literacy');
    expect(apiCell).toMatchObject({ mean: 2, leaders: 3 });
    const cell = analyst.getByTestId('row-A').getByTestId('cell-data_literacy');
    expect(await cell.textContent()).toContain('2.00');
    expect(await cell.textContent()).toContain('n=3');
    // Area B's data literacy rests on two leaders: suppressed, the count still shown.
    expect(await analyst.getByTestId('row-B').getByTestId('cell-data_literacy').textContent()).toContain(
      'suppressed',
    );
    expect(await seriousViolations(analyst)).toEqual([]);
    await analyst.screenshot({ path: path.join(shots, 'skills-heatmap.png'), fullPage: true });
    // By cohort, in the address: NPQH-26's data literacy is (1 + 3 + 3) / 3.
    await analyst.getByLabel('Rows').selectOption('cohort');
    await expect.poll(() => analyst.url()).toContain('by=cohort');
    expect(
      await analyst.getByTestId('row-NPQH-26').getByTestId('cell-data_literacy').textContent(),
    ).toContain('2.33');
    await analyst.setViewportSize({ width: 390, height: 844 });
    await analyst.screenshot({ path: path.join(shots, 'skills-heatmap-390.png'), fullPage: true });
    expect(await analyst.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test('the director opens a round over the heads and sees its five leaders', async () => {
    const director = await signIn(app, DIRECTOR);
    await director.goto(`${app.base}/skills/leaders`);
    await director.getByText('Open an audit round').click();
    const form = director.locator('details', { hasText: 'Open an audit round' });
    await form.getByLabel('Code').fill('HEADS-27');
    await form.getByLabel('Name').fill('Heads, spring 2027');
    await form.getByLabel('Opens').fill('2026-11-01');
    await form.getByLabel('Closes').fill('2027-03-31');
    await form.getByLabel('Deputy heads').uncheck();
    expect(await seriousViolations(director)).toEqual([]);
    await form.getByRole('button', { name: 'Open the round' }).click();
    await expect.poll(() => director.url()).toContain('audit=HEADS-27');
    const leaders = director.getByTestId('skill-leaders');
    await expect.poll(() => leaders.locator('tbody tr').count()).toBe(5);
    expect(await leaders.textContent()).not.toContain('Deputy');
  });

  test('the director checks a ratings file, sees each problem by row and column, then imports the mended file', async () => {
    const director = await signIn(app, DIRECTOR);
    await director.goto(`${app.base}/skills/leaders`);
    await director.getByText('Import ratings from a file').click();
    const header = 'audit,person,competency,self,validated,validator,evidence';
    const upload = (lines: string[]) =>
      director.getByLabel('File (.csv or .xlsx)').setInputFiles({
        name: 'ratings.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, ...lines].join('\n')),
      });
    // A validated rating without its evidence, and a competency the framework does not have.
    await upload(['AUD-26,H5,data_literacy,2,3,L1,', 'AUD-26,H5,cooking,2,,,']);
    await director.getByRole('button', { name: 'Check the file' }).click();
    const problems = director.getByRole('alert').locator('tbody tr');
    await expect.poll(() => problems.count()).toBe(2);
    expect(await problems.nth(0).locator('td').allTextContents()).toEqual([
      '2',
      'evidence',
      expect.stringMatching(/evidence/),
    ]);
    expect(await problems.nth(1).locator('td').nth(1).textContent()).toBe('competency');
    expect(await seriousViolations(director)).toEqual([]);
    // Mended: H5 rates data literacy for the first time; L1 validates H2's self-rating of 3.
    const mended = ['AUD-26,H5,data_literacy,2,,,', 'AUD-26,H2,data_literacy,,3,L1,Data review minutes'];
    await upload(mended);
    await director.getByRole('button', { name: 'Check the file' }).click();
    const counts = director.getByTestId('ratings-import-counts');
    expect(await counts.textContent()).toBe('2 rows: 1 ratings would be added, 1 changed, 0 as they were');
    await director.getByRole('button', { name: 'Import', exact: true }).click();
    await director.locator('main').getByRole('status').filter({ hasText: 'Imported.' }).waitFor();
    expect(await counts.textContent()).toBe('2 rows: 1 ratings were added, 1 changed, 0 as they were');
    // Written: the same file again changes nothing.
    await upload(mended);
    await director.getByRole('button', { name: 'Check the file' }).click();
    expect(await counts.textContent()).toBe('2 rows: 0 ratings would be added, 0 changed, 2 as they were');
  });
});
