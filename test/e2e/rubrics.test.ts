// The rubrics in a real browser, on the tiny authority: the director lists every version with the visits
// scored on each, reads a rubric's levels, and changes a descriptor of one a visit has used: the page says
// before saving that this makes version 2, and after it the visit still holds version 1 (the API agrees).
// An area lead reads the rubrics and is offered no change. Axe-clean, and usable at 390 px.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { operator } from '../../src/auth/actor.ts';
import { addUser } from '../../src/auth/users.ts';
import { today } from '../../src/clock.ts';
import { contextFor } from '../../src/context.ts';
import { importFile } from '../../src/exchange/exchange.ts';
import { csv, loadTinyAuthority } from '../../src/kpi/test-fixtures.ts';
import { recordVisit } from '../../src/visits/visits.ts';
import { apiJson, haveBrowser, type RunningApp, seriousViolations, signIn, startApp } from './harness.ts';

const password = 'rubrics test password';
const DIRECTOR = { email: 'director@tiny.example', password };
const LEAD_A = { email: 'lead.a@tiny.example', password };
let app: RunningApp;
let visitId = 0;

interface RubricRow {
  code: string;
  version: number;
  superseded: boolean;
  visits: number;
}

beforeAll(async () => {
  if (!haveBrowser) return;
  app = await startApp(async (db) => {
    await loadTinyAuthority(db);
    const context = contextFor(db, operator('test'));
    await importFile(context, 'people', csv('p.csv', ['code,given_name,family_name,email', 'P2,Ann,Lead,']));
    await addUser(context, { ...DIRECTOR, role: 'director', orgUnit: 'T' });
    await addUser(context, { ...LEAD_A, role: 'area_lead', orgUnit: 'A', person: 'P2' });
    visitId = (
      await recordVisit(context, {
        school: 'S1',
        visit_on: today(),
        visit_type: 'supervision',
        visitors: ['P2'],
        rubric: { code: 'LEADERSHIP' },
        scores: [{ criterion: 'VIS1', level: 3 }],
      })
    ).id;
  });
}, 120_000);
afterAll(() => app?.close());

describe.skipIf(!haveBrowser)('rubrics in Chromium', () => {
  test('the director changes a used rubric: warned first, saved as version 2, the visit keeps version 1', async () => {
    const page = await signIn(app, DIRECTOR);
    await page.goto(`${app.base}/visits`);
    await page.getByRole('link', { name: 'The rubrics visits are scored on' }).click();
    const list = page.getByTestId('rubrics');
    await list.waitFor();
    const before = await apiJson<{ rubrics: RubricRow[] }>(page, app.base, '/api/v1/rubrics?all=true');
    expect(before.rubrics.map((r) => [r.code, r.version, r.visits])).toEqual([
      ['LEADERSHIP', 1, 1],
      ['LESSON', 1, 0],
    ]);
    expect(await list.locator('[data-rubric="LEADERSHIP-1"] td').nth(4).textContent()).toBe('1');
    expect(await seriousViolations(page)).toEqual([]);

    await list.getByRole('link', { name: 'Leadership supervision' }).click();
    await page.getByRole('heading', { name: 'Leadership supervision, version 1' }).waitFor();
    const vision = page.locator('table[data-section] tbody tr').first();
    const level3 = (await vision.locator('td').nth(2).textContent()) ?? '';
    expect(level3.length).toBeGreaterThan(10);
    await page.getByText('Change the wording').click();
    expect(await page.getByTestId('version-warning').textContent()).toBe(
      '1 visit was scored on version 1: saving makes version 2, and those visits keep version 1.',
    );
    await page
      .getByLabel('VIS1 level 3', { exact: true })
      .fill('Staff and pupils can say what the school is for.');
    await page.getByRole('button', { name: 'Save the rubric' }).click();
    await page.getByRole('heading', { name: 'Leadership supervision, version 2' }).waitFor();
    expect(
      await page.locator('table[data-section] tbody tr').first().locator('td').nth(2).textContent(),
    ).toBe('Staff and pupils can say what the school is for.');
    expect(await seriousViolations(page)).toEqual([]);

    const after = await apiJson<{ rubrics: RubricRow[] }>(page, app.base, '/api/v1/rubrics?all=true');
    expect(
      after.rubrics.filter((r) => r.code === 'LEADERSHIP').map((r) => [r.version, r.superseded]),
    ).toEqual([
      [1, true],
      [2, false],
    ]);
    const visit = await apiJson<{ rubric: { version: number } }>(page, app.base, `/api/v1/visits/${visitId}`);
    expect(visit.rubric.version).toBe(1);
    await page.context().close();
  });

  test('an area lead reads the rubrics at 390 px and is offered no change', async () => {
    const page = await signIn(app, LEAD_A, { width: 390, height: 844 });
    await page.goto(`${app.base}/rubrics/LESSON`);
    await page.getByRole('heading', { name: 'Lesson observation, version 1' }).waitFor();
    expect(await page.getByText('Change the wording').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await page.context().close();
  });
});
